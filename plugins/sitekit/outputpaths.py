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


#: The longest part of a page's path, in bytes. File systems hold 255 in a
#: name; a page's name also names its preview image and the scratch files
#: written beside it, which add to it.
MAX_PART_BYTES = 200


def overlong_part(relative: str) -> str | None:
    """The first part of ``relative`` (a folder or the file's name) longer
    than ``MAX_PART_BYTES`` in UTF-8, or None."""
    return next(
        (
            part
            for part in PurePosixPath(relative).parts
            if len(part.encode("utf-8")) > MAX_PART_BYTES
        ),
        None,
    )


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
    base = Path(output_path).absolute()
    path = Path(os.path.normpath(base / save_as))
    real_base = Path(os.path.realpath(base))
    if (
        not save_as
        or PurePosixPath(save_as).is_absolute()
        or not Path(os.path.realpath(path)).is_relative_to(real_base)
        or path == base
    ):
        raise OutputPathError(
            f"{what} {save_as!r} leaves the output folder; a slug, a Save_as "
            "or a *_SAVE_AS setting must not climb out with '../' or start "
            "with '/'",
            source,
            line,
        )
    return path
