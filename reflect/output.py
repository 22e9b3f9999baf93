"""Where every `reflect` command prints: results on standard output, problems
on standard error, both as plain text (no markup, no highlighting).

Each console writes through ``_Stream``, which finds the stream when it
writes (so a test's captured output is the one written to) and turns a
failed write into ``OutputLost``: a full disk, or standard output closed
(``reflect due >&-``), was a traceback, or nothing at all and exit status 0
with every line lost. A pipe closed early (``reflect due | head -1``) is no
failure: rich stops writing quietly, as other commands do.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console


class OutputLost(Exception):
    """What a command printed could not be written; the message says why."""


_NAMES = {"stdout": "output", "stderr": "error"}


class _Stream:
    """``sys.stdout`` or ``sys.stderr`` as it is when written to."""

    def __init__(self, name: str) -> None:
        self.which = name

    def _stream(self) -> Any:
        stream = getattr(sys, self.which)
        if stream is None:
            raise OutputLost(f"standard {_NAMES[self.which]} is closed")
        return stream

    def write(self, text: str) -> int:
        try:
            return self._stream().write(text)
        except BrokenPipeError:
            raise  # rich stops writing quietly
        except (OSError, ValueError) as error:  # ValueError: a closed file
            raise OutputLost(_why(error)) from None

    def flush(self) -> None:
        try:
            self._stream().flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise OutputLost(_why(error)) from None

    def __getattr__(self, name: str) -> Any:
        # What rich asks of the file (isatty, encoding...): a closed stream
        # has none of it, and its first write says so.
        return getattr(getattr(sys, self.which), name)


def _why(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


out = Console(file=_Stream("stdout"), highlight=False, soft_wrap=True)
err = Console(file=_Stream("stderr"), highlight=False, soft_wrap=True)
