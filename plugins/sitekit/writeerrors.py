"""When writing the site fails: one line, no traceback.

A full disk, a read-only file system, a file where a folder should be: the
operating system says so with an ``OSError``, which names the file and the
reason. That is the whole message a writer needs, with what to do about
it, so ``describe_os_error`` makes it one line, and both the build's
logging (``OneLineWriteErrors``) and ``tools/build.py`` print that line
instead of a traceback. Pelican's writer refusing a second page for one file
(a slug that a plugin's page already has, say) and a template that fails
(``templateerrors``: its file, line and reason) get the same treatment; the
refused file's line names the post or page bound for it, at the line of its
``Slug`` (``name_page_sources``), since a plugin's pages are known to no one
but the plugin until they are written.

Pelican copies static files with a helper that logs a failed copy as a
warning and goes on, which would publish a site without the file;
``StopOnFailedCopy`` makes that warning stop the build.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from .diagnostics import SiteError, display_path, filter_once, located
from .sourcelines import field_line

#: What to do, for the reasons a writer can act on.
ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "the disk quota is used up: free some space and build again",
    errno.EROFS: "the file system is read-only: build into a folder you can write",
    errno.EACCES: "check who owns the folder, or build into one you can write",
    errno.EPERM: "check who owns the folder, or build into one you can write",
    errno.ENOTDIR: "a file stands where a folder is needed: move it away",
    errno.EISDIR: "a folder stands where a file is needed: move it away",
    errno.EBUSY: "it is in use, or a mount point",
    errno.EMFILE: "too many files are open: close some programs and build again",
}


def describe_os_error(
    error: OSError, shown: Callable[[str], str] = display_path
) -> str:
    """``path: reason (what to do)`` for an error of the file system."""
    reason = error.strerror or str(error) or type(error).__name__
    advice = ADVICE.get(error.errno)
    if advice:
        reason = f"{reason} ({advice})"
    if error.filename is None:
        return reason
    where = shown(os.fsdecode(error.filename))
    if error.filename2 is not None:
        where = f"{where} -> {shown(os.fsdecode(error.filename2))}"
    return f"{where}: {reason}"


class OneLineWriteErrors(logging.Filter):
    """Pelican's command line logs an exception that stops the build with
    its traceback; for an ``OSError`` or a refused overwrite this filter
    logs one line instead. A plain ``logging.Filter`` on the ``pelican``
    logger. ``output_path`` (set when the build starts) lets a file in the
    output folder be shown as ``output/2025/...``, not by the path of the
    scratch folder ``make html`` builds in."""

    output_path: str | None = None

    def __init__(self) -> None:
        super().__init__()
        #: Each post's and page's file (``save_as``, normalised), with its source.
        self.page_sources: dict[str, str] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        # Imported here: tools/build.py uses describe_os_error and never
        # imports Pelican or Jinja (its Pelican process does).
        from jinja2 import TemplateError
        from pelican.writers import FileOverwriteFailedError

        from .templateerrors import describe_template_error

        error = record.exc_info[1] if record.exc_info else None
        if record.levelno < logging.ERROR or error is None:
            return True
        if isinstance(error, TemplateError):  # TemplateNotFound is an OSError too
            message = describe_template_error(error, record.exc_info[2])
        elif isinstance(error, OSError):
            message = describe_os_error(error, self.shown)
        elif isinstance(error, FileOverwriteFailedError):
            path = str(error).split('"')[1] if '"' in str(error) else str(error)
            message = self.refused_overwrite(path)
        else:
            return True
        record.msg, record.args = "Build stopped: %s", (message,)
        record.exc_info = record.exc_text = None
        return True

    def refused_overwrite(self, path: str) -> str:
        """The line for a second page refused ``path``: the post or page
        bound for it, at its ``Slug`` line, when one is."""
        source = self.page_sources.get(self.in_output(path) or "")
        if source is None:
            return (
                f"{self.shown(path)}: two pages of this build would be written "
                "to this file (a Slug or Save_as that another page, or a "
                "plugin's page, has too)"
            )
        line = field_line(source, "save_as", "slug", "title")
        return located(
            display_path(source),
            line,
            f"would be written to {self.in_output(path)}, where the build "
            "writes another page (a listing, or a plugin's page); give the "
            "post or page another Slug (or Save_as)",
        )

    def in_output(self, path: str) -> str | None:
        """``path``'s place in the output folder, or None."""
        if not self.output_path:
            return None
        output = Path(self.output_path).absolute()
        if not Path(path).is_relative_to(output):
            return None
        return Path(path).relative_to(output).as_posix()

    def shown(self, path: str) -> str:
        if self.output_path:
            output = Path(self.output_path).absolute()
            if Path(path).is_relative_to(output):
                return (output.name / Path(path).relative_to(output)).as_posix()
        return display_path(path)


class CopyFailed(SiteError):
    """Pelican could not copy a file into the output folder."""


_COPY_FAILED = "A problem occurred copying file %s to %s; %s"


class StopOnFailedCopy(logging.Filter):
    """Turn Pelican's "A problem occurred copying file" warning into an
    error that stops the build; a plain ``logging.Filter`` on the logger of
    ``pelican.utils``, where the copy helper logs."""

    def __init__(self, one_line: OneLineWriteErrors):
        super().__init__()
        self.one_line = one_line

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == _COPY_FAILED and isinstance(record.args, tuple):
            cause = record.args[-1]
            if isinstance(cause, OSError):
                raise CopyFailed(
                    f"a static file could not be copied: "
                    f"{describe_os_error(cause, self.one_line.shown)}"
                )
        return True


def one_line_write_errors(output_path: str | None = None) -> None:
    """Attach both filters once; name the output folder of this build."""
    one_line, new = filter_once(logging.getLogger("pelican"), OneLineWriteErrors)
    if new:
        logging.getLogger("pelican.utils").addFilter(StopOnFailedCopy(one_line))
    one_line.output_path = output_path
    one_line.page_sources = {}


def name_page_sources(page_sources: Mapping[str, str]) -> None:
    """Once every post and page is known: each one's file (``save_as``)
    with its source file, for the line a refused second page prints."""
    one_line, _ = filter_once(logging.getLogger("pelican"), OneLineWriteErrors)
    one_line.page_sources = {
        os.path.normpath(save_as): source
        for save_as, source in page_sources.items()
        if save_as
    }
