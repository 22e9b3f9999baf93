"""Pelican's own settings that the site's plugins and theme rely on, in the
same ``Setting`` table as every plugin's, so a slip in ``pelicanconf.py``
stops the build at start-up with the setting's name.

Pelican checks only a few of its settings: ``FEED_MAX_ITEMS = "x"``,
``DEFAULT_PAGINATION = "10"``, ``MARKDOWN = "x"`` or ``JINJA_ENVIRONMENT =
{"nope": 1}`` stopped the build with a traceback as a page or feed was
written, a ``TIMEZONE`` no zone has, a ``DEFAULT_DATE_FORMAT`` that is
no text, a ``DEFAULT_DATE`` that is no date, ``TYPOGRIFY = True``
without typogrify installed or a ``DATE_FORMATS`` locale the machine lacks
as "Could not process" each post, naming no setting, and ``reflect lint``
with a traceback. Checked
here by making what Pelican makes of them (a time zone, a date, a
Markdown, a Jinja environment), so the check is Pelican's own and no list
of what they may hold goes stale.
"""

from __future__ import annotations

import datetime
import locale
import re
from importlib.util import find_spec
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from markdown import Markdown
from pelican.utils import get_date

from .settings import Check, Setting

#: A language tag as ``<html lang>`` and feeds carry it (``en``, ``pt-BR``).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def _made(make: Any, wanted: str) -> Check:
    """A check that ``make(value)`` works: None, else what the value must
    be and why it is not."""

    def check(value: Any) -> str | None:
        try:
            make(value)
        except Exception as error:  # whatever the library refuses with
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            return f"{wanted} ({reason})"
        return None

    return check


def _default_date(value: Any) -> None:
    """Pelican's reading of ``DEFAULT_DATE``, as it reads it for each post
    without a date (``pelican.readers.default_metadata``): an empty one
    (``""``, ``()``, ``None``) is no default date, and ``"fs"`` the file's."""
    if not value or value == "fs":
        return
    if isinstance(value, str):
        get_date(value)
    else:
        datetime.datetime(*value)


def _typogrify(value: Any) -> str | None:
    """Pelican imports typogrify (and its smartypants) only as it reads each
    post: without them every post was "Could not process", naming no
    setting."""
    if value and not all(map(find_spec, ("typogrify", "smartypants"))):
        return "False while typogrify is not installed (pip install typogrify)"
    return None


def _date_formats(value: dict) -> str | None:
    """Pelican reads a language's format as a strftime text or a
    ``(locale, format)`` tuple, and sets that locale as it reads each post
    in the language (``Content.__init__``): a locale the machine lacks was
    "Could not process" for each of them, naming no setting."""
    wanted = "a format, or a (locale, format) pair whose locale this machine has"
    for language, form in value.items():
        if isinstance(form, str):
            continue
        if not (
            isinstance(form, tuple) and len(form) == 2 and all(map(_is_text, form))
        ):
            return f"{wanted}, for each language ({language!r}: {form!r} is neither)"
        if not _locale_installed(form[0]):
            return (
                f"{wanted}, for each language ({language!r}: the locale "
                f"{form[0]!r} is not installed; `locale -a` lists those that are)"
            )
    return None


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _locale_installed(name: str) -> bool:
    """Whether ``name`` can be set, as Pelican sets it; the locale in use
    before is put back."""
    before = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, name)
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_ALL, before)
    return True


def _pages(value: Any) -> str | None:
    return None if value is False or value >= 1 else "False, or 1 or more"


PELICAN_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "TIMEZONE",
        "UTC",
        (str,),
        "The time zone posts' dates are written in (an IANA name: America/Chicago).",
        check=_made(ZoneInfo, "a time zone's IANA name, like America/Chicago"),
    ),
    Setting(
        "DEFAULT_DATE_FORMAT",
        "%a %d %B %Y",
        (str,),
        "How pages show a date, as strftime writes it.",
    ),
    Setting(
        "DATE_FORMATS",
        {},
        (dict,),
        "A date format for each language (Lang:): a strftime text, or a "
        "(locale, format) pair.",
        check=_date_formats,
    ),
    Setting(
        "DEFAULT_DATE",
        None,
        (str, tuple, list, type(None)),
        "The date of a post without one: a date, 'fs' (the file's time), or None.",
        check=_made(_default_date, "a date like 2026-01-31, 'fs' or None"),
    ),
    Setting(
        "DEFAULT_LANG",
        "en",
        (str,),
        "The site's language, as <html lang> and the feeds carry it.",
        check=lambda value: (
            None
            if _LANGUAGE_TAG.fullmatch(value)
            else "a language tag, like en or pt-BR"
        ),
    ),
    Setting(
        "DEFAULT_PAGINATION",
        False,
        (bool, int),
        "Posts per page of an index, or False for one page.",
        check=_pages,
    ),
    Setting(
        "FEED_MAX_ITEMS",
        100,
        (int, type(None)),
        "The most posts a feed holds (None: every post).",
        check=lambda value: None if value >= 1 else "1 or more, or None",
    ),
    Setting(
        "SUMMARY_MAX_LENGTH",
        50,
        (int, type(None)),
        "Words in a summary made from a post's start (None: the whole post).",
        check=lambda value: None if value >= 0 else "0 or more, or None",
    ),
    Setting(
        "OUTPUT_SOURCES_EXTENSION",
        ".text",
        (str,),
        "The extension of each post's source copy (OUTPUT_SOURCES): added to "
        "the page's path, so a '/' in it put the copy elsewhere, outside the "
        "output folder with '../'.",
        check=lambda value: (
            None
            if "/" not in value and "\\" not in value
            else "an extension, like .text, with no '/'"
        ),
    ),
    Setting(
        "MARKDOWN",
        {},
        (dict,),
        "Python-Markdown's options: extensions, extension_configs, output_format.",
        check=_made(lambda value: Markdown(**value), "options Markdown accepts"),
    ),
    Setting(
        "TYPOGRIFY",
        False,
        (bool,),
        "Whether Pelican runs each post through typogrify (which must be installed).",
        check=_typogrify,
    ),
    Setting(
        "JINJA_ENVIRONMENT",
        {},
        (dict,),
        "Options for the templates' Jinja environment.",
        check=_made(lambda value: Environment(**value), "options Jinja accepts"),
    ),
)
