"""One way for every plugin to declare its settings: name, default, type, doc.

Settings are checked once, when Pelican starts, so a typo fails the build
with the setting's name instead of surfacing as a confusing error halfway
through writing the site. Each plugin lists its settings as a tuple of
``Setting`` and connects ``settings_checker(THAT_TUPLE)`` to ``initialized``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from pelican.utils import slugify

from .diagnostics import SettingsError, SiteError
from .rules import Rule, declare_rules, told
from .settingsource import setting_source
from .withheld import withholds_local_only

(BAD_SETTING,) = declare_rules(
    Rule(
        "bad-setting",
        "a setting whose value cannot work: the wrong type, out of range, a "
        "path that names a folder or climbs out, an address that runs",
        "error",
        "error",
    ),
)

#: A further check: None when the value is fine, else what it must be.
Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kinds: tuple[type, ...]
    doc: str
    needs_slug: bool = False  # a path template that must contain {slug}
    check: Check | None = None


def at_least(minimum: int) -> Check:
    return lambda value: None if value >= minimum else f"{minimum} or more"


def each_text(what: str, valid: Callable[[str], bool] = bool) -> Check:
    """A list whose every item is text that ``valid`` accepts (by default,
    any but the empty text): a list of ``what``. A number or an empty name
    in a list of names otherwise reaches the code that reads it, which
    fails with a traceback far from the settings file, or matches nothing
    and says nothing."""
    return _each(what, (str,), valid)


def each_path(what: str) -> Check:
    """A list whose every item is a path: text but the empty text, or a
    ``pathlib`` path (``Path.home() / "My Photos"``), as the code that
    reads a list of folders or files joins either."""
    return _each(what, (str, os.PathLike), lambda path: bool(os.fspath(path)))


def _each(what: str, kinds: tuple[type, ...], valid: Callable[[Any], bool]) -> Check:
    def check(value: Any) -> str | None:
        for item in value:
            if not isinstance(item, kinds) or not valid(item):
                return f"a list of {what} ({item!r} is none)"
        return None

    return check


def within(low: float, high: float) -> Check:
    """Greater than ``low`` and at most ``high``."""
    return lambda value: (
        None if low < value <= high else f"more than {low} and at most {high}"
    )


def apply_defaults(
    declared: Iterable[Setting], settings: MutableMapping[str, Any]
) -> None:
    """Fill in every unset setting, then check them all."""
    declared = tuple(declared)
    for setting in declared:
        settings.setdefault(setting.name, setting.default)
    validate(declared, settings)


def validate(declared: Iterable[Setting], settings: Mapping[str, Any]) -> None:
    """Raise ``SettingsError`` for the first declared setting whose value
    cannot work, at the settings file and line that gave it the value
    (``sitekit.settingsource``: none for a value given with ``-e``)."""
    for setting in declared:
        given = settings.get(setting.name, setting.default)
        problem = _problem(setting, given)
        if problem is not None:
            raise SettingsError(
                problem, *setting_source(setting.name, given), rule=BAD_SETTING.name
            )


def _problem(setting: Setting, value: Any) -> str | None:
    """What is wrong with ``value`` for ``setting``, or None."""
    if isinstance(value, bool) and bool not in setting.kinds:
        return _wrong_kind(setting, value)
    if float in setting.kinds and isinstance(value, int):
        value = float(value)
    if not isinstance(value, setting.kinds):
        return _wrong_kind(setting, value)
    if setting.needs_slug and value and "{slug}" not in value:
        return (
            f"setting {setting.name} = {value!r} must contain {{slug}}, "
            "or every item would be written to the same file"
        )
    if setting.check is not None and value is not None:
        wanted = setting.check(value)
        if wanted:
            return f"setting {setting.name} must be {wanted}, not {value!r}"
    return None


def _wrong_kind(setting: Setting, value: Any) -> str:
    expected = " or ".join(
        "None" if kind is type(None) else kind.__name__ for kind in setting.kinds
    )
    return (
        f"setting {setting.name} must be {expected}, not {type(value).__name__} "
        f"({value!r}): {setting.doc}"
    )


def settings_checker(declared: Iterable[Setting]) -> Callable[[Any], None]:
    """A Pelican ``initialized`` handler that fills in and checks settings.

    Keep it in a module-level name: blinker holds receivers weakly.
    """
    declared = tuple(declared)

    def check_settings(pelican: Any) -> None:
        try:
            apply_defaults(declared, pelican.settings)
        except SiteError as error:
            raise told_at_start(error, pelican.settings) from None

    return check_settings


def slugifier(settings: Mapping[str, Any]) -> Callable[[str], str]:
    """Pelican's slugify, configured the way the site configures its slugs."""
    return partial(
        slugify,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def told_at_start(error: SiteError, settings: Mapping[str, Any]) -> SiteError:
    """``error``, found as a build starts, logged at its rule's level
    (``bad-setting``'s) and handed back for raising: the build cannot go on
    with the setting. It is found before the plugins' strict settings are
    known to be right, so its publish level is a published build's
    (``sitekit.withheld.withholds_local_only``, which ``publishconf.py``
    turns on)."""
    return told(error, withholds_local_only(settings))
