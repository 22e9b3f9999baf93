"""What is wrong with a file a command was given to read, said as it is.

``reflect import-wordpress`` said "no such file" of a folder, and
``mentions import`` printed the system's "Is a directory"; a named pipe or
a device would have been opened and read until it ended, if ever. Each
command that reads a file it was given asks here first, so every one says
the same true thing in one line.
"""

from __future__ import annotations

from pathlib import Path


def input_file_problem(path: Path, what: str) -> str | None:
    """Why ``path`` cannot be read as ``what`` (``"a WordPress export"``),
    in words after the path, or None when it is a file."""
    try:
        if path.is_file():
            return None
        if path.is_dir():
            return f"is a folder, not {what}: name the file itself"
        if path.is_symlink():
            return f"is a symbolic link to nothing ({str(path.readlink())!r})"
        if path.exists():
            return f"is not a regular file (a pipe or a device), not {what}"
    except OSError as error:  # a path too long, a folder on the way not searchable
        return f"cannot be read ({error.strerror or error})"
    return "no such file"
