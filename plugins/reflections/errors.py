"""Error types of the reflections pipeline, one per stage.

Every error carries the file and, where there is one, the line, so the message
a writer sees reads like a compiler's: ``content/posts/x.md:7: ...``. The
plugin logs these messages itself; the ``reflect lint`` command prints them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)


class ReflectionsError(Exception):
    """Base class: a problem in a file the writer controls."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.location_message())

    def location_message(self) -> str:
        return located(self.path, self.line, self.message)


class ContentError(ReflectionsError):
    """A post or page whose metadata cannot be trusted (bad date, no title)."""


class CalloutError(ReflectionsError):
    """A lesson callout that cannot be read (for example, no statement)."""


class VocabularyError(ReflectionsError):
    """A malformed lessons.yml."""


class LessonError(ReflectionsError):
    """A lesson that strict mode refuses (ad-hoc or a near miss)."""


class SettingsError(ReflectionsError):
    """A setting with the wrong type or value; the message names the setting."""


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error found while reading content, before it is reported.

    The plugin logs diagnostics; ``reflect lint`` prints them. Keeping them as
    data lets both front ends share one implementation.
    """

    level: str  # "error" or "warning"
    message: str
    path: str | None = None
    line: int | None = None

    def render(self) -> str:
        """``path:line: level: message``, as ``reflect lint`` prints it."""
        return located(self.path, self.line, f"{self.level}: {self.message}")

    def location_message(self) -> str:
        """``path:line: message``, for a logger that shows the level itself."""
        return located(self.path, self.line, self.message)


def located(path: str | None, line: int | None, message: str) -> str:
    """Prefix a message with ``path:line:`` the way compilers do."""
    if path:
        path = display_path(path)
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


_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "note": logging.INFO}


def report_diagnostics(
    diagnostics: Iterable[Diagnostic], error_type: type[ReflectionsError], what: str
) -> None:
    """Log every diagnostic; then stop the build if any of them is an error.

    Logging them all first means one build shows every problem, not the first.
    """
    errors = 0
    for diagnostic in diagnostics:
        errors += diagnostic.level == "error"
        logger.log(_LOG_LEVELS[diagnostic.level], diagnostic.location_message())
    if errors:
        plural = "s" if errors > 1 else ""
        raise error_type(f"{errors} {what} error{plural}; see the messages above")


def settings_checker(apply_defaults: Callable[[dict], None]) -> Callable:
    """A Pelican ``initialized`` handler that fills in and checks settings.

    Keep it in a module-level name: blinker holds receivers weakly.
    """

    def check_settings(pelican) -> None:
        try:
            apply_defaults(pelican.settings)
        except ReflectionsError as error:
            logger.error(error.location_message())
            raise

    return check_settings
