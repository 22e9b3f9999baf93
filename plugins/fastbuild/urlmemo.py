"""Each post's URL and ``save_as`` worked out once, not at every use.

Pelican 4.12 works ``Content.url`` and ``Content.save_as`` out again each
time they are read (``get_url_setting``, ``_expand_settings``,
``url_format``): it copies the post's metadata, works out its path
relative to the content folder (two ``abspath`` and a ``relpath``) and
formats the setting, dates through its locale-safe ``strftime``. The theme,
the feeds and the sitemap read a post's URL about 24 times in a build, 5%
of its CPU.

No public API serves: the expansion is Pelican's private
``_expand_settings``, and nothing in Pelican says when what it reads has
changed. So, while a build with fastbuild runs, ``Content.get_url_setting``
remembers, for each article and page and each setting (``url``,
``save_as``, their ``lang_`` forms), the text it formatted last and what it
formatted it from: the setting's own text, the status that picks the
setting (a draft's), the current locale when a field is formatted with a
spec, and the value of each field the setting names (``slug``, ``date``,
``category``'s and ``author``'s slugs, ``path``, any metadata field). A read
whose inputs are the very same objects gets the remembered text; a new
slug, category, date or status, a changed setting, anything else is worked
out again by Pelican's own code. Only values that cannot change in place
(text, numbers, dates) are remembered; a field holding anything else, a
field a setting cannot be formatted without, and every other kind of
content (static files, a plugin's subclass) always go to Pelican.
"""

from __future__ import annotations

import datetime
import functools
import locale
import sys
from operator import is_
from string import Formatter
from typing import Any

from pelican.contents import Article, Content, Page

#: Pelican 4.12's get_url_setting, as this plugin found it.
_pelicans = Content.get_url_setting

#: The settings of the build running with fastbuild; None between builds.
_build_settings: dict | None = None
#: id(content) -> (content, {setting: (inputs, text)}) for that build.
_remembered: dict[int, tuple[Content, dict[str, tuple[tuple, str]]]] = {}

_MISSING = object()
_UNCHANGING = (str, int, float, datetime.date)


def start(pelican) -> None:
    """Remember URLs for this build (``initialized``)."""
    global _build_settings
    _remembered.clear()
    if not pelican.settings.get("FASTBUILD_REMEMBER_URLS", True):
        _build_settings = None
        return
    _build_settings = pelican.settings
    Content.get_url_setting = get_url_setting


def stop(*_: Any) -> None:
    """Forget them when it ends (``finalized``)."""
    global _build_settings
    _build_settings = None
    _remembered.clear()
    Content.get_url_setting = _pelicans


def get_url_setting(self: Content, key: str) -> str:
    """Pelican 4.12's ``Content.get_url_setting``, remembered."""
    kind = type(self)
    if (
        self.settings is not _build_settings
        or (kind is not Article and kind is not Page)
        or hasattr(self, "override_" + key)
    ):
        return _pelicans(self, key)
    inputs = _inputs(self, key)
    if inputs is None:
        return _pelicans(self, key)
    entry = _remembered.get(id(self))
    if entry is None or entry[0] is not self:
        entry = _remembered[id(self)] = (self, {})
    known = entry[1].get(key)
    if known is not None:
        before = known[0]
        if len(before) == len(inputs) and all(map(is_, before, inputs)):
            return known[1]
    text = _pelicans(self, key)
    entry[1][key] = (inputs, text)
    return text


def _inputs(content: Content, key: str) -> tuple | None:
    """What the setting's text is made from, or None: ask Pelican."""
    # Pelican 4.12 Content.get_url_setting and Article/Page._expand_settings:
    # the lang_ form outside the default language, the draft's setting for a
    # draft, the class's own name for a page.
    in_default_lang = content.in_default_lang
    status = content.status
    setting = content.settings.get(
        _setting_name(
            type(content) is Article, status == "draft", in_default_lang, key
        ),
        _MISSING,
    )
    if type(setting) is not str:
        return None
    fields = _fields(setting)
    if fields is None:
        return None
    names, specified = fields
    values: list[Any] = [setting, status, in_default_lang]
    if specified:  # a date's %B or %a is in the current locale's words
        values.append(sys.intern(locale.setlocale(locale.LC_TIME)))
    metadata = content.metadata
    for field in names:
        if field == "path" and "path" not in metadata:
            # The path relative to the content folder.
            values += (content.source_path, content.settings["PATH"])
            continue
        value = _field(content, metadata, field)
        if value is _MISSING:
            return None
        values.append(value)
    return tuple(values)


@functools.cache
def _setting_name(article: bool, draft: bool, in_default_lang: bool, key: str) -> str:
    """The setting Pelican 4.12's ``Article``/``Page._expand_settings``
    format for ``key``."""
    if article:
        klass = "draft" if draft else "article"
    else:
        klass = "draft_page" if draft else "Page"
    name = key if in_default_lang else f"lang_{key}"
    return f"{klass}_{name}".upper()


def _field(content: Content, metadata: dict, field: str) -> Any:
    """A field's value as Pelican 4.12's ``url_format`` gives it, or
    _MISSING when it is not one that can be remembered."""
    if field == "slug":
        value = getattr(content, "slug", "")
    elif field == "date":
        value = getattr(content, "date", _MISSING)  # none: Pelican uses now()
    elif field == "category" or field == "author":
        wrapper = getattr(content, field, None)
        value = "" if wrapper is None else wrapper.slug
    elif field == "lang":
        value = getattr(content, "lang", "en")
    else:  # "path" set in the metadata too
        value = metadata.get(field, _MISSING)
    if value is None or isinstance(value, _UNCHANGING):
        return value
    return _MISSING


@functools.lru_cache(maxsize=256)
def _fields(setting: str) -> tuple[tuple[str, ...], bool] | None:
    """The top-level names a setting formats, and whether any has a format
    spec; None for a setting that is not a plain ``str.format`` template
    of named fields (Pelican formats it, and says what is wrong)."""
    names: list[str] = []
    specified = False
    try:
        parsed = list(Formatter().parse(setting))
    except ValueError:
        return None
    for _text, field, spec, _conversion in parsed:
        if field is None:
            continue
        name = field.split(".", 1)[0].split("[", 1)[0]
        if not name.isidentifier() or "{" in (spec or ""):
            return None
        specified = specified or bool(spec)
        names.append(name)
    return tuple(dict.fromkeys(names)), specified
