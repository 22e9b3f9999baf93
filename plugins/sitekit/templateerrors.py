"""When a template fails: the template's file and line, and Jinja's reason.

A theme template or a template page that calls what is not there, has a
syntax error or names a template that does not exist stops the build.
Pelican logs Jinja's exception with a traceback of forty lines, most of
them Pelican's and Jinja's own code; the writer needs the template, its
line and the reason. Jinja rewrites the traceback of an error raised while
rendering so that it runs through the templates' lines (frames whose
globals hold ``__jinja_exception__``, jinja2/debug.py), and a syntax error
carries its file and line; ``describe_template_error`` takes them from
there.
"""

from __future__ import annotations

from types import TracebackType

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from .diagnostics import display_path


def template_place(
    error: TemplateError, traceback: TracebackType | None
) -> tuple[str, int] | None:
    """The template file and line where ``error`` happened, if known: the
    innermost template line of the traceback."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return error.filename, error.lineno
    place = None
    while traceback is not None:
        frame = traceback.tb_frame
        if "__jinja_exception__" in frame.f_globals:
            place = frame.f_code.co_filename, traceback.tb_lineno
        traceback = traceback.tb_next
    return place


def describe_template_error(
    error: TemplateError, traceback: TracebackType | None
) -> str:
    """``file, line N: a template failed: reason (kind)``, in one line."""
    reason = (error.message or str(error) or "").splitlines()
    said = reason[0] if reason else type(error).__name__
    if isinstance(error, TemplateNotFound):
        said = f"no template named {said!r} in the theme"
    place = template_place(error, traceback)
    where = "" if place is None else f"{display_path(place[0])}, line {place[1]}: "
    return f"{where}a template failed: {said} ({type(error).__name__})"
