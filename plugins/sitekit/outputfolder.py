"""Which folder a build may fill: the output folder guard.

A build replaces everything in its output folder (``make html`` swaps a new
folder in; a plain ``pelican`` run empties it first, ``DELETE_OUTPUT_DIRECTORY``).
So before anything is written, the output folder is checked:

* it must not be, hold or lie inside the content folder, the theme or a
  plugin folder, and must not be or hold the project, the cache, the home
  folder or ``/`` (``OutputRule``);
* if it holds anything, an earlier build of this site must have made it:
  each build leaves a marker beside the folder, ``.<name>.marker.json``,
  naming the site (its content folder) and every file the build wrote.
  A folder without a marker, another site's, or one holding a file the last
  build did not write (a ``CNAME`` put there by hand, say) is refused, with
  the file named, because the next build would delete it.

The marker lies beside the folder, not in it, so that nothing a deploy
copies (``rsync output/``, a GitHub Pages upload of the folder) carries it,
and the site holds no hidden file. A build that starts writes the marker
with no file list ("a build of this site was here"), so that the folder a
failed or killed build left is still its own. An output that is a symbolic
link is judged, and marked, by the folder it points to.

``tools/build.py`` and the sourceguard plugin (for a plain ``pelican`` run)
both call ``check_output_folder``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import SiteError, display_path
from .outputpaths import MAX_NAME_BYTES

MARKER_SUFFIX = ".marker.json"

#: The bytes a name made beside the output folder adds to the folder's own
#: name: the marker (``.<name>.marker.json``), the lock (``.<name>.lock``)
#: and, longest, tools/build.py's scratch folders
#: (``.output.preview-<name>-XXXXXXXX``).
BESIDE_BYTES = 25


class OutputFolderError(SiteError):
    """The build refuses its output folder; nothing has been touched."""


def real(path: str | Path) -> Path:
    """``path`` with every symbolic link resolved, as an absolute path."""
    return Path(os.path.realpath(path))


@dataclass(frozen=True)
class OutputRule:
    """What an output folder must keep clear of, and whose output it is.

    ``sources`` (content, theme, plugin folders) may not be the output, hold
    it or lie in it; ``kept`` (the project, the cache, home, ``/``) may not
    be the output or lie in it. Paths are resolved. ``site`` is the content
    folder, which names the site in the marker.
    """

    site: Path
    sources: tuple[tuple[str, Path], ...]
    kept: tuple[tuple[str, Path], ...]

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, Any], projects: Iterable[Path] = ()
    ) -> OutputRule:
        content = real(settings["PATH"])
        sources = [("content folder", content)]
        if settings.get("THEME"):
            sources.append(("theme", real(settings["THEME"])))
        sources += [
            ("plugin folder", real(folder))
            for folder in settings.get("PLUGIN_PATHS") or ()
        ]
        kept = [("project folder", real(folder)) for folder in (Path.cwd(), *projects)]
        if settings.get("CACHE_PATH"):
            kept.append(("cache folder", real(settings["CACHE_PATH"])))
        kept += [("home folder", real(Path.home())), ("root folder", Path("/"))]
        return cls(content, tuple(sources), tuple(kept))

    def problem(self, output: Path) -> str | None:
        """Why ``output`` may not be an output folder, or None."""
        target = real(output)
        named = (*self.sources, *self.kept)
        for name, folder in named:
            if target == folder:
                return f"is the {name}"
        for name, folder in named:
            if folder.is_relative_to(target):
                return f"holds the {name} ({folder})"
        for name, folder in self.sources:
            if target.is_relative_to(folder):
                return f"lies inside the {name} ({folder})"
        return None


@dataclass(frozen=True)
class Marker:
    """What a build leaves beside its output folder: whose output it is,
    and the files it wrote (None while a build is writing)."""

    site: str
    files: tuple[str, ...] | None = None


def marker_path(output: Path) -> Path:
    target = real(output)
    return target.with_name(f".{target.name}{MARKER_SUFFIX}")


def read_marker(output: Path) -> Marker | None:
    try:
        data = json.loads(marker_path(output).read_text("utf-8"))
        files = data["files"]
        return Marker(str(data["site"]), None if files is None else tuple(files))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_marker(output: Path, marker: Marker) -> None:
    """Write the marker beside ``output`` in one step (a reader never sees
    half of it)."""
    path = marker_path(output)
    partial = path.with_name(path.name + ".partial")
    files = None if marker.files is None else list(marker.files)
    partial.write_text(json.dumps({"site": marker.site, "files": files}), "utf-8")
    partial.replace(path)


def files_under(folder: Path) -> tuple[str, ...]:
    """Every file (and symbolic link) under ``folder``, as sorted relative
    paths; links are not followed, and a folder that cannot be read is
    passed over (as ``os.walk`` does). Strings and ``os.scandir``: a build
    lists its few thousand files twice (its marker, the build command's
    swap), and ``pathlib`` objects for each were most of the cost."""
    found: list[str] = []
    waiting = [("", os.fspath(folder))]
    while waiting:
        prefix, path = waiting.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    name = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        waiting.append((name + "/", entry.path))
                    else:
                        found.append(name)
        except OSError:
            continue
    return tuple(sorted(found))


def check_output_folder(output: Path, rule: OutputRule) -> None:
    """Refuse ``output`` (``OutputFolderError``, one line) unless a build of
    this site may replace what it holds."""
    check_output_place(output, rule)
    check_output_contents(output, rule)


def check_output_place(output: Path, rule: OutputRule) -> None:
    """Refuse an output folder the rule names, or whose path a file system
    cannot hold, by its path alone."""
    check_output_name(output)
    problem = rule.problem(output)
    if problem:
        raise OutputFolderError(
            f"the output folder {display_path(str(output))} {problem}; a build "
            "replaces everything in its output folder, so give it a folder of "
            "its own (output/ by default)"
        )


def check_output_name(output: Path) -> None:
    """An output folder with a part longer than a file system holds, or a
    name that leaves no room for the names made beside it: refused before
    any folder is made (it was ``File name too long`` at the first)."""
    parts = output.absolute().parts
    room = MAX_NAME_BYTES - BESIDE_BYTES
    for number, part in enumerate(parts, 1):
        size = len(part.encode("utf-8"))
        limit = room if number == len(parts) else MAX_NAME_BYTES
        if size > limit:
            shown = display_path(str(output))
            raise OutputFolderError(
                f"the output folder {shown[:60] + '…' if len(shown) > 60 else shown}"
                f" has a part {size} bytes long; a file system holds "
                f"{MAX_NAME_BYTES} in a name, and the folder's own name at most "
                f"{room} (the build names files beside it after it): choose a "
                "shorter output folder"
            )


def check_output_contents(output: Path, rule: OutputRule) -> None:
    """Refuse an output folder that holds what no build of this site wrote."""
    shown = display_path(str(output))
    target = real(output)
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputFolderError(
            f"the output folder {shown} is a file, not a folder; move it away "
            "or choose another output folder"
        )
    if not any(target.iterdir()):
        return
    marker = read_marker(target)
    if marker is None:
        raise OutputFolderError(
            f"the output folder {shown} holds files that no build of this site "
            f"wrote (there is no {marker_path(target).name} beside it); a build "
            "replaces everything in it, so empty it or choose another folder"
        )
    if marker.site != str(rule.site):
        raise OutputFolderError(
            f"the output folder {shown} holds the site built from {marker.site}, "
            f"not from {rule.site}; remove it or choose another folder"
        )
    if marker.files is None:
        return  # a build of this site was writing here and did not finish
    strangers = sorted(set(files_under(target)) - set(marker.files))
    if strangers:
        more = f" and {len(strangers) - 1} more" if len(strangers) > 1 else ""
        raise OutputFolderError(
            f"{target / strangers[0]}{more}: not written by the last build of "
            f"this site, and a build would delete it; move it out of "
            f"{shown} (to publish a file, put it in a STATIC_PATHS folder)"
        )
