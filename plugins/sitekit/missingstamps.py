"""Pelican's word on a linked file that is not there, said once, in one line.

A ``{static}`` or ``{attach}`` link makes Pelican read the file it names;
when there is none, its cache logs two lines of its own ("Cannot get
modification stamp for", the absolute path, then the OS error) beside
sourceguard's one line naming the post, the line and the link
(``broken-link``). ``OneLineStampWarnings``, a plain ``logging.Filter`` on
the logger of ``pelican.cache``, drops Pelican's lines for a file the
plugin that reports links says it reports (``reported``), and makes any
other of them one line naming the file as the writer sees it and the
files (and lines) that link it (``linked_from``): a draft's link, which no
check reads, or a file that cannot be read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .diagnostics import display_path, filter_once

#: Pelican's message (``pelican/cache.py``, FileStampDataCacher), 4.x.
NO_STAMP = "Cannot get modification stamp for %s\n\t%s"


#: The errors of a path that names no file (``Path.is_file`` is false).
_NO_FILE = (FileNotFoundError, IsADirectoryError, NotADirectoryError)


def _nothing_reported(path: str) -> bool:
    return False


def _linked_from_nowhere(path: str) -> list[str]:
    return []


class OneLineStampWarnings(logging.Filter):
    """Pelican's two-line warning for a file it cannot stamp: dropped when
    ``reported(path)`` says another line names it, else one line."""

    reported: Callable[[str], bool] = staticmethod(_nothing_reported)
    #: Where the file is linked from, as ``file:line`` (or ``file``).
    linked_from: Callable[[str], list[str]] = staticmethod(_linked_from_nowhere)

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if record.msg != NO_STAMP or not isinstance(args, tuple) or len(args) != 2:
            return True
        path, error = str(args[0]), args[1]
        # No file there: none, a folder, or a path through a file; each a
        # link that leads to no file, as the plugin reporting links says.
        missing = isinstance(error, _NO_FILE)
        if missing and self.reported(path):
            return False
        if missing:
            places = self.linked_from(path)
            linkers = ", ".join(places) if places else "a page"
            reason = (
                f"no such file, though {linkers} links it with {{static}} or "
                "{attach}; fix the link's path or add the file"
            )
        elif isinstance(error, OSError):
            reason = f"cannot be read ({error.strerror or error})"
        else:
            reason = f"cannot be read ({error})"
        record.msg, record.args = "%s: %s", (display_path(path), reason)
        return True


def one_line_stamp_warnings(
    reported: Callable[[str], bool] = _nothing_reported,
    linked_from: Callable[[str], list[str]] = _linked_from_nowhere,
) -> None:
    """Attach the filter once; ``reported`` is this build's."""
    found, _ = filter_once(logging.getLogger("pelican.cache"), OneLineStampWarnings)
    found.reported = reported
    found.linked_from = linked_from
