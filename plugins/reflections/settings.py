"""Every setting of the reflections plugin: its default and its check.

Settings are checked once, when Pelican starts, so a typo fails the build
with the setting's name instead of surfacing as a confusing error halfway
through writing the site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from pelican.utils import slugify

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kinds: tuple[type, ...]
    doc: str
    needs_slug: bool = False  # a path template that must contain {slug}


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "REFLECTIONS_VOCABULARY",
        "lessons.yml",
        (str, type(None)),
        "Lesson vocabulary, relative to PATH; a missing file means every "
        "lesson is ad hoc. None turns the vocabulary off.",
    ),
    Setting(
        "REFLECTIONS_STRICT",
        False,
        (bool,),
        "Make near-miss and ad-hoc lessons build errors (publishconf.py sets it).",
    ),
    Setting(
        "REFLECTIONS_RELATED_MAX",
        3,
        (int,),
        "How many related reflections each post lists.",
    ),
    Setting(
        "REFLECTIONS_NEAR_MISS_RATIO",
        0.85,
        (float,),
        "How similar (0 to 1) an ad-hoc lesson must be to a known one to be "
        "reported as a probable typo.",
    ),
    Setting(
        "REFLECTIONS_READ_WORKERS",
        None,
        (int, type(None)),
        "Processes that convert posts while Pelican reads them; None for one "
        "per CPU, 1 to read in one process.",
    ),
    Setting(
        "REFLECTIONS_PAGE_CACHE",
        True,
        (bool,),
        "Keep every page and feed written under CACHE_PATH and reuse the ones "
        "nothing has changed for, whenever Pelican's content cache is on "
        "(CACHE_CONTENT keeps them, LOAD_CONTENT_CACHE reuses them).",
    ),
    Setting(
        "REFLECTIONS_INDEX_URL",
        "reflections/",
        (str,),
        "URL of the reflection index.",
    ),
    Setting(
        "REFLECTIONS_INDEX_SAVE_AS",
        "reflections/index.html",
        (str,),
        "Where the reflection index is written; empty to skip it.",
    ),
    Setting(
        "REFLECTIONS_JSON_SAVE_AS",
        "reflections.json",
        (str,),
        "Where the index is written as JSON; empty to skip it.",
    ),
    Setting(
        "LESSON_URL",
        "lessons/{slug}/",
        (str,),
        "URL of a lesson's page.",
        needs_slug=True,
    ),
    Setting(
        "LESSON_SAVE_AS",
        "lessons/{slug}/index.html",
        (str,),
        "Where a lesson's page is written; empty to skip lesson pages.",
        needs_slug=True,
    ),
    Setting(
        "LESSON_FEED_ATOM",
        "feeds/lessons/{slug}.atom.xml",
        (str, type(None)),
        "Atom feed per lesson, like CATEGORY_FEED_ATOM; None for no feed.",
        needs_slug=True,
    ),
    Setting(
        "LESSON_FEED_RSS",
        None,
        (str, type(None)),
        "RSS feed per lesson, like CATEGORY_FEED_RSS; None for no feed.",
        needs_slug=True,
    ),
)


def apply_defaults(settings: dict[str, Any]) -> None:
    """Fill in every unset setting, then check them all."""
    for setting in SETTINGS:
        settings.setdefault(setting.name, setting.default)
    validate(settings)


def validate(settings: Mapping[str, Any]) -> None:
    for setting in SETTINGS:
        value = settings.get(setting.name, setting.default)
        if isinstance(value, bool) and bool not in setting.kinds:
            _fail(setting, value)
        if setting.kinds == (float,) and isinstance(value, int):
            value = float(value)
        if not isinstance(value, setting.kinds):
            _fail(setting, value)
        if setting.needs_slug and value and "{slug}" not in value:
            raise SettingsError(
                f"setting {setting.name} = {value!r} must contain {{slug}}, "
                "or every lesson would be written to the same file"
            )
    workers = settings.get("REFLECTIONS_READ_WORKERS")
    if workers is not None and workers < 1:
        raise SettingsError(
            "setting REFLECTIONS_READ_WORKERS must be 1 or more, or None"
        )
    if settings.get("REFLECTIONS_RELATED_MAX", 0) < 0:
        raise SettingsError("setting REFLECTIONS_RELATED_MAX must be 0 or more")
    ratio = settings.get("REFLECTIONS_NEAR_MISS_RATIO", 0.85)
    if not 0 < ratio <= 1:
        raise SettingsError(
            "setting REFLECTIONS_NEAR_MISS_RATIO must be between 0 and 1"
        )


def _fail(setting: Setting, value: Any) -> None:
    expected = " or ".join(
        "None" if kind is type(None) else kind.__name__ for kind in setting.kinds
    )
    raise SettingsError(
        f"setting {setting.name} must be {expected}, not {type(value).__name__} "
        f"({value!r}): {setting.doc}"
    )


def slugifier(settings: Mapping[str, Any]) -> Callable[[str], str]:
    """Pelican's slugify, configured the way the site configures its slugs."""
    return partial(
        slugify,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )
