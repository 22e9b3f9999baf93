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
import string
from collections.abc import Iterable
from dataclasses import dataclass
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

#: The longest name a file system holds (Linux's NAME_MAX, most others'
#: too). A file a setting names of a person's text (a feed, a lesson's page
#: under a custom ``LESSON_SAVE_AS``) is measured against this: no scratch
#: file or image is named after it, and a name that fits was written before
#: such names were measured, so a tighter limit would refuse sites that built.
MAX_NAME_BYTES = 255


def overlong_part(relative: str, limit: int = MAX_PART_BYTES) -> str | None:
    """The first part of ``relative`` (a folder or the file's name) longer
    than ``limit`` bytes in UTF-8 (a page's, ``MAX_PART_BYTES``), or None."""
    return next(
        (
            part
            for part in PurePosixPath(relative).parts
            if len(part.encode("utf-8")) > limit
        ),
        None,
    )


@dataclass(frozen=True)
class OverlongPath:
    """A path a setting makes of a person's text (a lesson's slug, a
    series' name) with a part longer than ``limit``."""

    setting: str  # LESSON_SAVE_AS, SERIES_URL...
    path: str
    part: str
    limit: int = MAX_NAME_BYTES

    def describe(self) -> str:
        """What to say after naming the text: which setting makes which
        name, and how long it is."""
        shown = self.path if len(self.path) <= 60 else self.path[:60] + "…"
        return (
            f"{self.setting} makes it {shown!r}, a part of which is "
            f"{len(self.part.encode('utf-8'))} bytes long; "
            + (
                f"a file system holds {self.limit}"
                if self.limit == MAX_NAME_BYTES
                else f"a page's name may be {self.limit}"
            )
        )


def overlong_path(
    paths: Iterable[tuple[str, str]], limit: int = MAX_NAME_BYTES
) -> OverlongPath | None:
    """The first of ``paths`` (each a setting's name and the path it makes)
    with a part longer than ``limit`` bytes, or None: by default what a file
    system holds in a name; a page's address, ``MAX_PART_BYTES``.

    Every path a plugin makes of a person's text and a setting goes through
    this before the build writes anything: a custom ``*_SAVE_AS`` can make a
    long name of a slug that its URL (``lessons/{slug}/``) keeps short
    enough, and the build stopped only as it wrote the file, naming no
    source (``File name too long``).
    """
    for setting, path in paths:
        part = overlong_part(path, limit) if path else None
        if part is not None:
            return OverlongPath(setting, path, part, limit)
    return None


def literal_bytes(part: str) -> int:
    """The bytes of a path template's part (``x{slug}.html``) that are its
    own text, not a field a slug or a date fills in: the least the part
    can be. A part that is not a template (an unmatched brace) is all text."""
    try:
        pieces = list(string.Formatter().parse(part))
    except ValueError:
        return len(part.encode("utf-8"))
    return sum(len(text.encode("utf-8")) for text, *_ in pieces)


def overlong_literal(template: str, limit: int = MAX_NAME_BYTES) -> int | None:
    """The length in bytes of the first part of a path setting that is
    longer than ``limit`` before any field is filled in, or None. Whatever
    a post's text, such a setting names no file a file system holds."""
    return next(
        (
            size
            for size in map(literal_bytes, PurePosixPath(template).parts)
            if size > limit
        ),
        None,
    )


def dot_part(relative: str) -> str | None:
    """The first part of a page's path that starts with a dot, or None.

    ``.`` names the folder it is in and ``..`` the one above, so the page
    lands on another page's file (``2025/./index.html`` is the year's
    archive) or out of its own folder even when the path stays inside the
    output; any other leading dot makes a hidden file or folder, which web
    servers and hosts commonly refuse to serve. Read part by part as
    written: ``PurePosixPath`` would quietly drop a ``.``.
    """
    return next((part for part in relative.split("/") if part.startswith(".")), None)


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
    if (
        not save_as
        or save_as.startswith("/")
        or path == base
        or place_in(base, path) is None
    ):
        raise OutputPathError(
            f"{what} {save_as!r} leaves the output folder; a slug, a Save_as "
            "or a *_SAVE_AS setting must not climb out with '../' or start "
            "with '/'",
            source,
            line,
        )
    return Path(path)


def place_in(base: str, path: str) -> str | None:
    """Where the absolute, normalised ``path`` lies in the folder ``base``
    (``tags/x.html``), symbolic links followed as ``realpath`` follows
    them; None when it lies outside.

    A path that names a place under ``base`` and has no link below it
    lies where it says, whatever ``base`` itself is (a link included): so
    each part below ``base`` is looked at (``lstat``, two or three calls a
    file, a part that is not there ending the look, since nothing below it
    can be a link), and only a path with a link on its way is resolved
    whole, against ``base`` resolved. ``realpath`` on the file and on
    ``base`` for every file a build writes was a tenth of a second of CPU
    per thousand files.
    """
    folder = base.rstrip("/")
    if not path.startswith(folder + "/"):
        return None
    place = path[len(folder) + 1 :]
    current = folder
    for part in place.split("/"):
        current = f"{current}/{part}"
        try:
            status = os.lstat(current)
        except FileNotFoundError:
            return place
        except OSError:
            break  # a part that is a file, say: realpath decides
        if stat.S_ISLNK(status.st_mode):
            break
    else:
        return place
    real_base = os.path.realpath(base).rstrip("/")
    real = os.path.realpath(path)
    if not real.startswith(real_base + "/"):
        return None
    return real[len(real_base) + 1 :]
