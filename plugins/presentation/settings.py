"""Every setting of the presentation plugin: its default, type and meaning."""

from __future__ import annotations

from functools import partial

from sitekit import settings as declared
from sitekit.settings import Setting, at_least, settings_checker

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "READING_SPEED",
        230,
        (int,),
        "Words read per minute, for 'N min read'.",
        check=at_least(1),
    ),
    Setting(
        "DESCRIPTION_MAX_LENGTH",
        200,
        (int,),
        "Longest meta description, in characters (search engines cut at ~160).",
        check=at_least(1),
    ),
)

check_settings = settings_checker(SETTINGS)
apply_defaults = partial(declared.apply_defaults, SETTINGS)
validate = partial(declared.validate, SETTINGS)
