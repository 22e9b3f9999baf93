"""Writing over a file the writer keeps (a post, ``lessons.yml``,
``reviews.yml``, a sheet): in one step, or not at all.

Every ``reflect`` command that edits a file goes through ``replace_file``,
so each gets the same three promises:

* the new text goes to a scratch file beside the old, is checked if the
  caller asks, and is renamed over it: a failure midway (a full disk, a
  check that fails) leaves the file as it was, never half-written;
* a symbolic link stays a link: the file it names is the one written (a
  rename over the link replaced it with a copy, and the file it named kept
  the old text);
* a file whose permissions say it is not to be written (no write bit, or
  one the user cannot write) is refused, not replaced: a rename needs only
  the folder's permission, so the file's own was never asked.

What goes wrong is one ``FileNotReplaced``, a line naming the file, which
the commands print as they print their other refusals. ``create_file``
writes a new file (``reflect new``'s post, each file ``reflect
import-wordpress`` writes) the same way, and never over one that is there.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from sitekit.diagnostics import display_path


class FileNotReplaced(Exception):
    """The file could not be written; it is as it was."""


def replace_file(
    path: Path,
    text: str | bytes,
    check: Callable[[Path], None] | None = None,
    new_mode: int | None = None,
    was: str | bytes | None = None,
) -> None:
    """Write ``text`` over ``path`` (``str`` as UTF-8, line endings as
    given) in one step. ``check`` reads the scratch file before it is
    swapped in and raises to stop the swap; ``new_mode`` is the mode of a
    file that did not exist (default: what the umask leaves of 0o666).
    ``was``, the text an edit was made from, is what ``path`` must still
    hold when the new text is swapped in: one saved in an editor meanwhile
    is left as it is (``changed_refusal``), not overwritten with an edit of
    the text before it."""
    refusal = replace_refusal(path) or changed_refusal(path, was)
    if refusal:
        raise FileNotReplaced(refusal)
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8") if isinstance(text, str) else text

    def checked(scratch: Path) -> None:
        if check is not None:
            check(scratch)
        changed = changed_refusal(path, was)
        if changed:
            raise FileNotReplaced(changed)

    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else new_mode
        _write_by_scratch_file(
            target, data, mode, lambda scratch: scratch.replace(target), checked
        )
    except _NoScratchFile as failed:
        raise FileNotReplaced(_cannot(path, failed.error)) from None
    except OSError as error:
        raise FileNotReplaced(_cannot(path, error)) from None


def create_file(path: Path, text: str | bytes) -> None:
    """Write ``text`` as the new file ``path`` in one step: whole or not at
    all (a full disk left an empty post, which the next try then found
    "already exists"). ``FileExistsError`` if ``path`` is there, left as
    it is; ``FileNotReplaced`` for any other failure."""
    make_folder_for(path)
    folder = path.parent
    try:
        # A link, unlike a rename, is never made over a file.
        _write_by_scratch_file(
            path,
            text.encode("utf-8") if isinstance(text, str) else text,
            None,
            lambda scratch: os.link(scratch, path),
        )
    except _NoScratchFile as failed:
        raise FileNotReplaced(_cannot(folder, failed.error, NOTHING)) from None
    except FileExistsError:
        raise
    except OSError as error:
        raise FileNotReplaced(_cannot(path, error, NOTHING)) from None


def make_folder_for(path: Path) -> None:
    """Make the folders ``path`` goes in, or raise ``FileNotReplaced`` in
    one line: a file where one of them belongs is named (mkdir said "File
    exists" or "Not a directory", with the path twice and an errno)."""
    folder = path.parent
    there = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if there is not None and not there.is_dir():
        raise FileNotReplaced(
            f"{display_path(str(there))}: a file where the folder for "
            f"{path.name} belongs; {NOTHING}"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileNotReplaced(_cannot(folder, error, NOTHING)) from None


class _NoScratchFile(Exception):
    """The scratch file could not be made: its folder is at fault."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _write_by_scratch_file(
    target: Path,
    data: bytes,
    mode: int | None,
    put: Callable[[Path], object],
    check: Callable[[Path], None] | None = None,
) -> None:
    """The steps every file is written in, new or over an old one:
    ``data`` to a hidden scratch file beside ``target``, read by ``check``
    (which raises to stop), given ``mode`` (default: what the umask leaves
    of 0o666) and ``put`` in place (renamed over the old file, or linked as
    the new one). The scratch file is gone afterwards, whatever happened.
    Raises ``_NoScratchFile`` when it cannot be made, OSError as it is."""
    try:
        handle, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise _NoScratchFile(error) from None
    scratch_path = Path(scratch)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if check is not None:
            check(scratch_path)
        scratch_path.chmod(_default_mode() if mode is None else mode)
        put(scratch_path)
    finally:
        scratch_path.unlink(missing_ok=True)


NOTHING = "nothing was written"


def replace_refusal(path: Path) -> str | None:
    """The line saying why ``replace_file`` would refuse ``path``, or None:
    a command editing several files asks first for each, and edits none
    when one is refused."""
    why = _refusal(Path(os.path.realpath(path)))
    if why is None:
        return None
    return f"{display_path(str(path))}: {why}; it was left as it was"


def changed_refusal(path: Path, was: str | bytes | None) -> str | None:
    """The line saying ``path`` no longer holds ``was`` (changed, or gone,
    since the edit was made from it), or None; None too when ``was`` is."""
    if was is None:
        return None
    expected = was.encode("utf-8") if isinstance(was, str) else was
    try:
        unchanged = Path(path).read_bytes() == expected
    except OSError:
        unchanged = False
    if unchanged:
        return None
    return (
        f"{display_path(str(path))}: changed since it was read; it was left as "
        "it is (run the command again)"
    )


def _refusal(target: Path) -> str | None:
    if target.is_dir():
        return "a folder, not a file"
    if target.exists():
        if not target.is_file():
            return "not a regular file"
        if not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return "read-only (make it writable to let reflect edit it)"
        if not os.access(target, os.W_OK):
            return "not writable by you"
    return None


def _cannot(path: Path, error: OSError, then: str = "it was left as it was") -> str:
    why = error.strerror or str(error)
    return f"{display_path(str(path))}: cannot write it ({why}); {then}"


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
