"""Files a command writes where the writer asks (``prep --output``, ``due
--ics``): never over a file of the site.

A command that writes a sheet or a calendar replaces what is at the path
it is given, so a slip of the shell (``--ics content/posts/that-post.md``)
would turn a source into iCalendar text. Refused before anything is
written: a path in a folder the build reads (content, theme, plugins) or
writes (output, cache), the settings files, and any file already there that
is not one the command writes (a calendar over a calendar is an update),
and whatever is neither a file nor a folder (a device, a pipe).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .site import SETTINGS_FILE, Site

SETTINGS_FILES = (SETTINGS_FILE, "publishconf.py")


def output_refusal(
    path: Path, site: Site, what: str, is_ours: Callable[[bytes], bool]
) -> str | None:
    """Why ``path`` may not receive ``what`` (a sheet, a calendar), or None.

    ``is_ours`` tells from a file's first bytes whether it is a ``what``
    the command wrote before, which it may replace. A path that cannot be
    looked at (a link to itself, a folder that may not be searched) is
    refused with the reason."""
    try:
        return _refusal(path, site, what, is_ours)
    except (OSError, RuntimeError) as error:  # RuntimeError: a link loop (3.11)
        reason = getattr(error, "strerror", None) or str(error)
        return f"cannot check {path} ({reason}); name another file for the {what}"


def _refusal(
    path: Path, site: Site, what: str, is_ours: Callable[[bytes], bool]
) -> str | None:
    target = path.resolve()
    for folder, name in _site_folders(site):
        if target.is_relative_to(folder):
            return (
                f"{path} is inside the {name} folder ({_shown(folder, site)}), "
                f"which the build reads or writes; write the {what} somewhere else"
            )
    if target in {(site.root / name).resolve() for name in SETTINGS_FILES}:
        return f"{path} is the site's settings; write the {what} somewhere else"
    if target.is_dir():
        return f"{path} is a folder; name a file for the {what}"
    if target.exists() and not target.is_file():
        # The command writes a new file and renames it over the path: a
        # device (/dev/full, to try a full disk), a pipe or a socket would
        # be replaced by a file of its own, not written to.
        return (
            f"{path} is not a file (a device, a pipe or a socket), which the "
            f"{what} would replace; name a file for the {what}"
        )
    if target.is_file():
        try:
            with target.open("rb") as stream:
                start = stream.read(256)
        except OSError as error:
            return f"cannot read {path} to check it ({error.strerror})"
        if not is_ours(start):
            return (
                f"{path} already holds something other than a {what}; name a new "
                "file, or remove that one first"
            )
    return None


def content_refusal(folder: Path, site: Site) -> str | None:
    """Why ``folder`` may not receive an import (``import-wordpress
    --content``), or None. The import writes ``posts/``, ``pages/`` and
    ``comments/`` into it: a slip (``--content output``, ``--content
    theme``, ``--content content/posts``) put a blog into the output folder,
    which the next build then refused as filled by hand, or into the theme,
    or posts into posts; a folder that was not there stopped it with a
    traceback."""
    try:
        target = folder.resolve()
        if not target.is_dir():
            what = "a file" if target.exists() else "no such folder"
            return f"--content {folder}: {what}; name the content folder to import to"
    except (OSError, RuntimeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return f"--content {folder}: cannot check it ({reason})"
    content = (site.root / site.settings["PATH"]).resolve()
    if target == content:
        return None
    for held, name in _site_folders(site):
        if target == held:
            where = "is"
        elif target.is_relative_to(held):
            where = "is inside"
        elif held.is_relative_to(target):
            where = "holds"
        else:
            continue
        return (
            f"--content {folder} {where} the {name} folder ({_shown(held, site)}), "
            "where posts/, pages/ and comments/ do not belong; name the content "
            f"folder itself ({_shown(content, site)}) or one outside the site"
        )
    return None


def _site_folders(site: Site) -> list[tuple[Path, str]]:
    settings = site.settings
    folders = [(settings["PATH"], "content"), (settings.get("THEME"), "theme")]
    folders += [(folder, "plugin") for folder in settings.get("PLUGIN_PATHS", ())]
    folders += [
        (settings.get("OUTPUT_PATH"), "output"),
        (settings.get("CACHE_PATH"), "cache"),
    ]
    return [
        ((site.root / folder).resolve(), name) for folder, name in folders if folder
    ]


def _shown(folder: Path, site: Site) -> str:
    root = site.root.resolve()
    return str(folder.relative_to(root)) if folder.is_relative_to(root) else str(folder)
