"""Keep ``pelican --fatal errors`` from burying the real message.

Under ``--fatal``, Pelican turns the first error it logs into a bare
``RuntimeError: Warning or error encountered`` and prints that exception's
traceback. The error logged just before it already names the file and line,
so the traceback adds nothing but noise; this filter drops it, and does the
same for the plugin's own errors, whose messages are complete.
"""

from __future__ import annotations

import logging

from .errors import ReflectionsError

_FATAL_MESSAGE = "Warning or error encountered"


class DropRedundantTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.levelno >= logging.ERROR:
            error = record.exc_info[1]
            if isinstance(error, ReflectionsError) or (
                isinstance(error, RuntimeError) and str(error) == _FATAL_MESSAGE
            ):
                record.exc_info = None
                record.exc_text = None
                if not isinstance(error, ReflectionsError):
                    record.msg = "Build stopped: fix the error reported above."
                    record.args = ()
        return True


def install() -> None:
    """Attach the filter to the logger that Pelican's command line reports on."""
    logger = logging.getLogger("pelican")
    if not any(isinstance(f, DropRedundantTraceback) for f in logger.filters):
        logger.addFilter(DropRedundantTraceback())
