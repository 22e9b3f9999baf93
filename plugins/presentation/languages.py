"""Which way a language's text runs, from its ``Lang:`` tag.

A page's ``<html lang>`` tells a browser the language, not the direction:
a post in Arabic or Hebrew needs ``dir="rtl"`` as well, or its paragraphs
sit against the left margin and its punctuation lands on the wrong side.
The theme asks ``direction`` for it (a Jinja filter), so a template never
keeps a list of languages.

A title in one direction among words in the other (a Hebrew title in an
English listing, an English one on an Arabic post's page) needs setting
apart, or its punctuation lands on the wrong side and it pulls a date or
"· 3 min" beside it into its own order. ``isolate`` (the ``text``
filter's text) wraps such a title in ``<bdi>``, and only such a title: a
site in one script pays no byte for it (every post stays within its page
budget).

The direction comes from the tag's script subtag where it has one
(``az-Arab`` runs right to left, ``ku-Latn`` left to right), else from its
language (CLDR's right-to-left languages written in their usual script).

A ``Lang:`` that is no language tag (``english``, ``pt_BR``) would be
written into ``<html lang>``, every hreflang link and the feeds as it is,
naming no language to a browser, a screen reader or a search engine:
``invalid-lang`` says so at its line, in the build and ``reflect lint``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from sitekit.contents import every_content
from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sitewords import direction, site_word_attributes
from sitekit.sourcelines import field_line
from sitekit.text import text_filter

(INVALID_LANG,) = declare_rules(
    Rule(
        "invalid-lang",
        "a post or page whose `Lang:` is no BCP 47 language tag (`english`, "
        "`pt_BR`): its `<html lang>` and hreflang links would name no language",
        "warning",
        "warning",
    ),
)

#: A well-formed BCP 47 tag (RFC 5646) whose language is an ISO 639 code
#: of two or three letters: language, extended languages, script, region,
#: variants, extensions and a private use part.
_LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*"
    r"(-x(-[a-z0-9]{1,8})+)?",
    re.IGNORECASE,
)

#: The bidirectional classes of letters that run against each direction.
_AGAINST = {"ltr": frozenset({"R", "AL"}), "rtl": frozenset({"L"})}


@functools.lru_cache(maxsize=4096)
def runs_against(text: str, page_direction: str) -> bool:
    """Whether ``text`` holds a letter running against ``page_direction``."""
    if page_direction == "ltr" and text.isascii():
        return False
    against = _AGAINST[page_direction]
    return any(unicodedata.bidirectional(c) in against for c in text)


def page_direction(context: Any) -> str:
    """The direction of the page a template is writing: its post's or
    page's language, else the site's."""
    shown = context.get("article") or context.get("page")
    lang = getattr(shown, "lang", None) or context.get("DEFAULT_LANG")
    return direction(lang)


def isolate(value: Any, page_direction: str) -> Markup:
    """The ``text`` filter's text of ``value``, in ``<bdi>`` when it holds
    letters running against ``page_direction``."""
    shown = text_filter(value)
    if runs_against(str(shown), page_direction):
        return Markup("<bdi>") + shown + Markup("</bdi>")
    return shown


@pass_context
def isolated(context: Any, value: Any) -> Markup:
    """``{{ title|isolated }}``: ``isolate`` for the page being written."""
    return isolate(value, page_direction(context))


def add_listed_titles(contents: Any, default_lang: str | None) -> None:
    """``listed_title`` on each post and page: its title as a listing in
    the site's language shows it (``isolate``), and, for one written in
    another language (``Lang: ar``), in a ``<bdi>`` that names it, so a
    screen reader reads it in its own. The theme's macros take only their
    arguments (so Jinja imports them once), and a filter cannot see the
    page they are called from: they read this instead."""
    site_direction = direction(default_lang)
    for content in contents:
        lang = getattr(content, "lang", None)
        if lang and lang != default_lang:
            content.listed_title = (
                Markup('<bdi lang="{}">').format(lang)
                + text_filter(content.title)
                + Markup("</bdi>")
            )
        else:
            content.listed_title = isolate(content.title, site_direction)


def site_words(default_lang: str | None, content: Any = None) -> Markup:
    """The attributes that keep the theme's own words (the menu, a byline,
    "Leave a reply") in the site's language on a page of ``content`` in
    another (``lang``, and ``dir`` where the two run different ways), so a
    screen reader does not read English in a French voice; nothing on a
    page in the site's language. A Jinja global, bound to ``DEFAULT_LANG``,
    so the theme's macros reach it too."""
    lang = getattr(content, "lang", None) if content is not None else None
    attributes = site_word_attributes(default_lang, lang)
    return Markup("").join(
        Markup(' {}="{}"').format(name, value) for name, value in attributes.items()
    )


def own_words(default_lang: str | None, content: Any = None) -> Markup:
    """The attributes that mark a post's own words (its summary in a
    listing) with its language on a page in the site's (``lang``, and
    ``dir`` where the two run different ways): ``site_words`` the other
    way round. Nothing for a post in the site's language."""
    lang = getattr(content, "lang", None) if content is not None else None
    if not default_lang or not lang or lang == default_lang:
        return Markup("")
    words = Markup(' lang="{}"').format(lang)
    if direction(lang) != direction(default_lang):
        words += Markup(' dir="{}"').format(direction(lang))
    return words


def is_language_tag(lang: str) -> bool:
    """Whether ``lang`` is a BCP 47 tag such as ``en``, ``pt-BR``, ``zh-Hant``."""
    return _LANGUAGE_TAG.fullmatch(lang) is not None


def _when(content: Any) -> float:
    date = getattr(content, "date", None)
    return date.timestamp() if date is not None else 0.0


def invalid_langs(context: Mapping[str, Any]) -> list[Finding]:
    """A finding at the ``Lang:`` line of each post or page whose language
    is no language tag (a page without one takes ``DEFAULT_LANG``), or is
    one spelt otherwise than the site's or an earlier post's (``EN`` on a
    site in ``en``): tags name one language however cased, but Pelican
    compares them as written, so the post would be a translation into a
    language of its own, with feeds of its own."""
    found = []
    default = context.get("DEFAULT_LANG")
    spelt: dict[str, str] = {str(default).casefold(): str(default)} if default else {}
    # The oldest post's spelling first, as for a tag spelt two ways.
    dated = sorted(
        every_content(context),
        key=lambda content: (getattr(content, "date", None) is None, _when(content)),
    )
    for content in dated:
        lang = content.metadata.get("lang")
        if lang is not None and is_language_tag(str(lang)):
            first = spelt.setdefault(str(lang).casefold(), str(lang))
            if first != str(lang):
                found.append(
                    Finding(
                        INVALID_LANG.name,
                        f"Lang: {lang!r} is {first!r} spelt otherwise; Pelican "
                        "compares languages as written, so this would be a "
                        f"language of its own, with pages and feeds of its own: "
                        f"write {first!r}",
                        content.source_path,
                        field_line(content.source_path, "lang"),
                    )
                )
            continue
        if lang is None:
            continue
        hyphened = str(lang).replace("_", "-")
        advice = (
            f"write {hyphened!r}"
            if is_language_tag(hyphened)
            else "write its tag (en, fr, pt-BR, zh-Hant)"
        )
        found.append(
            Finding(
                INVALID_LANG.name,
                f"Lang: {lang!r} is no language tag (BCP 47), so the page's "
                f"<html lang> and hreflang links would name no language; {advice}",
                content.source_path,
                field_line(content.source_path, "lang"),
            )
        )
    return found
