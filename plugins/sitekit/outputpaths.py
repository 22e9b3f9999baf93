"""Where a build may write a file: inside the output folder, nowhere else.

A plugin names each file it writes by a path relative to the output folder,
usually a ``*_SAVE_AS`` setting filled in with a post's, a lesson's or a
tag's slug. A slug or a setting holding ``../``, or starting with ``/``,
would put the file anywhere on the disk. Every plugin therefore turns its
relative path into a file through ``output_file``, which refuses a path
that leaves the output folder and names the source file and line when the
caller knows them.

Pelican's own ``sanitised_join`` compares the two paths as strings, so an
output folder ``/site`` lets ``/site-old/x`` through, and it does not look
at symbolic links; this compares the resolved folders.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from .diagnostics import SiteError


class OutputPathError(SiteError):
    """A file would be written outside the output folder."""


def climbs(relative: str) -> bool:
    """Does a slug or a relative path step up (``..``) or start at ``/``?

    A slug names one page; with ``..`` in it, it names a place elsewhere,
    even when the path it ends up in happens to stay inside the output.
    """
    path = PurePosixPath(relative)
    return path.is_absolute() or ".." in path.parts


#: Characters an address cannot hold as they are (a query, a fragment, an
#: escape, markup's quotes and brackets), or that some file systems refuse.
_UNSAFE_IN_NAME = frozenset('"<>\\?#%|*:`{}^[]')


def unsafe_characters(relative: str) -> str:
    """The characters of a page's path that would break its address or its
    file on some host (whitespace and control characters included), in
    order, once each; empty when the path is safe."""
    found: list[str] = []
    for character in relative:
        unsafe = (
            character in _UNSAFE_IN_NAME
            or character.isspace()
            or not character.isprintable()
        )
        if unsafe and character not in found:
            found.append(character)
    return "".join(found)


def output_file(
    output_path: str | Path,
    save_as: str,
    *,
    what: str = "the path",
    source: str | None = None,
    line: int | None = None,
) -> Path:
    """The file ``save_as`` names under ``output_path``; an
    ``OutputPathError`` when it would lie outside it.

    ``what`` names the path (``"the preview image's path"``); ``source`` and
    ``line`` say where the path came from, for the message.
    """
    # Strings, not pathlib: this runs for every file a build writes, and
    # building Path objects was most of its cost.
    base = os.path.abspath(output_path)  # noqa: PTH100 (strings, see above)
    path = os.path.normpath(os.path.join(base, save_as))  # noqa: PTH118
    real_base = resolved(base)
    real = resolved(path)
    inside = real == real_base or real.startswith(real_base.rstrip("/") + "/")
    if not save_as or save_as.startswith("/") or not inside or path == base:
        raise OutputPathError(
            f"{what} {save_as!r} leaves the output folder; a slug, a Save_as "
            "or a *_SAVE_AS setting must not climb out with '../' or start "
            "with '/'",
            source,
            line,
        )
    return Path(path)


def resolved(path: str) -> str:
    """``os.path.realpath(path)`` for an absolute, normalised path, with
    each folder's answer remembered while it stays the same folder.

    A build names thousands of files in a few hundred folders, and
    ``realpath`` looks at every component of every path (eight or nine
    system calls a file, a tenth of a second of CPU per thousand files).
    Here a file's path is its folder's resolved path and its own name, and
    a folder's is looked up again only if its path now leads to another
    folder (another device or inode: a folder replaced, or a link put on
    the way). A link as the last component, or anything unusual, goes to
    ``realpath`` itself. A folder swapped for a link to itself moved away
    while the build runs would not be seen; neither would it by a check made
    just before the write, which is all any such guard can be.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return _below_folder(path)
    except OSError:
        return os.path.realpath(path)
    if stat.S_ISLNK(status.st_mode):
        return os.path.realpath(path)
    if stat.S_ISDIR(status.st_mode):
        return _resolved_folder(path, (status.st_dev, status.st_ino))
    return _below_folder(path)


#: Each folder's path as named, with the folder it led to (device, inode)
#: and that folder's resolved path.
_FOLDERS: dict[str, tuple[tuple[int, int], str]] = {}
_KEPT_FOLDERS = 65536


def _resolved_folder(folder: str, identity: tuple[int, int]) -> str:
    kept = _FOLDERS.get(folder)
    if kept is not None and kept[0] == identity:
        return kept[1]
    real = os.path.realpath(folder)
    if len(_FOLDERS) >= _KEPT_FOLDERS:
        _FOLDERS.clear()
    _FOLDERS[folder] = (identity, real)
    return real


def _below_folder(path: str) -> str:
    """A path that is no folder and no link: its folder's resolved path and
    its name (a name that is not there cannot be a link)."""
    folder, name = os.path.split(path)
    if not name or folder == path:
        return os.path.realpath(path)
    return os.path.join(resolved(folder), name)  # noqa: PTH118 (strings)
