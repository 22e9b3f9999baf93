"""Problems in files a person wrote, reported the way compilers report them.

Every error carries the file and, where there is one, the line, so the
message a writer sees reads ``content/posts/x.md:7: ...``; a problem found by
a rule of the rule table (``sitekit.rules``) ends with the rule's name in
brackets, ``... [broken-link]``, as GCC and Clang end a warning with its flag,
so a writer can look it up and knows where its level comes from. Plugins log
these messages themselves; the ``reflect`` command prints them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)


class SiteError(Exception):
    """Base class: a problem in a file or setting the writer controls."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        rule: str | None = None,
    ):
        self.message = message
        self.path = path
        self.line = line
        self.rule = rule  # the rule broken, when a rule's finding stops the build
        # Whether the build's log already says what went wrong, so a line
        # that would only repeat it (Pelican's "Could not process") is left
        # out: set by ``log_and_raise`` and ``report_diagnostics``.
        self.reported = False
        super().__init__(self.location_message())

    def location_message(self) -> str:
        return located(self.path, self.line, self.message, self.rule)


class SettingsError(SiteError):
    """A setting with the wrong type or value; the message names the setting."""


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error found while reading content, before it is reported.

    Plugins log diagnostics; ``reflect lint`` prints them. Keeping them as
    data lets both front ends share one implementation.
    """

    level: str  # "error" or "warning", as the rule's table says (sitekit.rules)
    message: str
    path: str | None = None
    line: int | None = None
    rule: str | None = None  # the name of the rule broken

    def render(self) -> str:
        """``path:line: level: message [rule]``, as ``reflect lint`` prints it."""
        return located(self.path, self.line, f"{self.level}: {self.message}", self.rule)

    def location_message(self) -> str:
        """``path:line: message [rule]``, for a logger that shows the level
        itself: the build's line is lint's without the level."""
        return located(self.path, self.line, self.message, self.rule)


def located(
    path: str | None, line: int | None, message: str, rule: str | None = None
) -> str:
    """Prefix a message with ``path:line:`` the way compilers do, and end it
    with `` [rule]`` when a rule of the table found it."""
    if rule:
        message = f"{message} [{rule}]"
    if path:
        path = shown_path(display_path(path))
    if path and line:
        return f"{path}:{line}: {message}"
    if path:
        return f"{path}: {message}"
    return message


def display_path(path: str) -> str:
    """Show a path relative to the working directory when it lies inside it.

    Pelican hands plugins absolute paths; ``content/posts/x.md`` is what the
    writer typed and what an editor can jump to.
    """
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def shown_path(path: str) -> str:
    """``path`` as a message shows it: quoted and escaped as Python writes
    it when it holds a character that prints as none (a newline, a byte
    that is no UTF-8), so a message about ``posts/x\\n.md`` stays one line
    and the name can be told apart from the text around it."""
    return path if path.isprintable() else repr(path)


_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING}


def log_diagnostic(diagnostic: Diagnostic) -> None:
    """Log ``diagnostic`` at its level, as the build shows it."""
    logger.log(_LOG_LEVELS[diagnostic.level], diagnostic.location_message())


def report_diagnostics(
    diagnostics: Iterable[Diagnostic], error_type: type[SiteError], what: str
) -> None:
    """Log every diagnostic; then stop the build if any of them is an error.

    Logging them all first means one build shows every problem, not the first.
    """
    errors = 0
    for diagnostic in diagnostics:
        errors += diagnostic.level == "error"
        log_diagnostic(diagnostic)
    if errors:
        plural = "s" if errors > 1 else ""
        error = error_type(f"{errors} {what} error{plural}; see the messages above")
        error.reported = True
        raise error


def log_and_raise(error: SiteError) -> SiteError:
    """Log an error with its location and hand it back for raising.

    Pelican logs an exception from a reader or a signal handler only as
    "Could not process <file>" or a traceback, so the reason is logged
    here, where it is known.
    """
    logger.error(error.location_message())
    error.reported = True
    return error


_FATAL_MESSAGE = "Warning or error encountered"


class DropRedundantTraceback(logging.Filter):
    """Keep ``pelican --fatal errors`` from burying the real message.

    Under ``--fatal``, Pelican turns the first error it logs into a bare
    ``RuntimeError: Warning or error encountered`` and logs that exception's
    traceback. The error logged just before it already names the file and
    line, so the traceback adds only noise; this filter drops it, and does
    the same for a ``SiteError``, whose message is complete. It is a plain
    ``logging.Filter`` on the logger Pelican's command line reports on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.levelno >= logging.ERROR:
            error = record.exc_info[1]
            if isinstance(error, SiteError) or (
                isinstance(error, RuntimeError) and str(error) == _FATAL_MESSAGE
            ):
                record.exc_info = None
                record.exc_text = None
                if not isinstance(error, SiteError):
                    record.msg = "Build stopped: fix the error reported above."
                    record.args = ()
        return True


#: Pelican's line for a source file its reader gave up on (``generators.py``,
#: articles and pages, Pelican 4.12). It names the file but not the reason.
_PELICAN_GAVE_UP = "Could not process %s"


def _already_said(error: BaseException | None) -> bool:
    """Whether the log already holds the line that says why ``error``
    happened: a ``SiteError`` logged where it was found, or the
    ``RuntimeError`` that ``--fatal`` raises just after logging one."""
    if isinstance(error, SiteError):
        return error.reported
    return isinstance(error, RuntimeError) and str(error) == _FATAL_MESSAGE


class DropRepeatedFailure(logging.Filter):
    """Leave out Pelican's "Could not process <file>" after the line that
    said what is wrong with the file, so bad input reads as one line.

    Pelican logs it from inside its ``except`` block, so the exception it
    caught is ``sys.exc_info()`` while the record is filtered. It is a
    handler's filter, not a logger's: a logger that drops a record also
    skips the ``RuntimeError`` that ``--fatal`` raises after logging it, and
    the build would go on. For any other exception (a fault in a plugin,
    not the writer's input) the line stays: it is the only trace there is.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != _PELICAN_GAVE_UP:
            return True
        return not _already_said(sys.exc_info()[1])


_Filter = TypeVar("_Filter", bound=logging.Filter)


def filter_once(logger: logging.Filterer, kind: type[_Filter]) -> tuple[_Filter, bool]:
    """The ``kind`` filter on ``logger``, attached if it is not there yet,
    and whether it was just attached: Pelican's loggers live as long as the
    process, which builds again and again under ``make serve`` and in
    tests, so each filter is attached once and told each build's state."""
    found = next((f for f in logger.filters if isinstance(f, kind)), None)
    if found is not None:
        return found, False
    made = kind()
    logger.addFilter(made)
    return made, True


def quiet_redundant_tracebacks() -> None:
    """Attach ``DropRedundantTraceback`` and ``DropRepeatedFailure`` once,
    whichever plugin asks first (the second to each handler Pelican's
    command line logs through)."""
    filter_once(logging.getLogger("pelican"), DropRedundantTraceback)
    for handler in logging.getLogger().handlers:
        filter_once(handler, DropRepeatedFailure)
