"""Every REFLECTIONS_* and LESSON_* setting has a default and a check."""

from __future__ import annotations

from functools import partial

import pytest

from reflections.settings import SETTINGS
from sitekit import settings as declared
from sitekit.diagnostics import SettingsError
from sitekit.pelicansettings import PELICAN_SETTINGS

apply_defaults = partial(declared.apply_defaults, SETTINGS)
validate = partial(declared.validate, SETTINGS)


def settings_error(**settings) -> str:
    with pytest.raises(SettingsError) as raised:
        validate(settings)
    return str(raised.value)


def test_apply_defaults_fills_every_setting():
    settings = {}

    apply_defaults(settings)

    assert settings == {setting.name: setting.default for setting in SETTINGS}


def test_apply_defaults_keeps_what_the_site_sets():
    settings = {"REFLECTIONS_STRICT": True, "LESSON_URL": "topics/{slug}.html"}

    apply_defaults(settings)

    assert settings["REFLECTIONS_STRICT"] is True
    assert settings["LESSON_URL"] == "topics/{slug}.html"
    assert settings["REFLECTIONS_RELATED_MAX"] == 3


def test_apply_defaults_checks_what_the_site_sets():
    with pytest.raises(SettingsError, match="REFLECTIONS_RELATED_MAX"):
        apply_defaults({"REFLECTIONS_RELATED_MAX": "3"})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REFLECTIONS_RELATED_MAX", "3"),
        ("REFLECTIONS_RELATED_MAX", True),
        ("REFLECTIONS_STRICT", "yes"),
        ("REFLECTIONS_NEAR_MISS_RATIO", "0.9"),
        ("REFLECTIONS_VOCABULARY", 1),
        ("LESSON_URL", 5),
        ("LESSON_FEED_ATOM", ["feeds/{slug}.xml"]),
    ],
)
def test_a_setting_of_the_wrong_type_is_named(name, value):
    message = settings_error(**{name: value})

    assert message.startswith(f"setting {name} must be ")
    assert repr(value) in message


@pytest.mark.parametrize(
    "name", ["LESSON_URL", "LESSON_SAVE_AS", "LESSON_FEED_ATOM", "LESSON_FEED_RSS"]
)
def test_a_path_setting_without_slug_is_named(name):
    message = settings_error(**{name: "lessons/all.html"})

    assert name in message
    assert "{slug}" in message


def test_a_negative_related_max_is_refused():
    assert "REFLECTIONS_RELATED_MAX" in settings_error(REFLECTIONS_RELATED_MAX=-1)


@pytest.mark.parametrize("ratio", [0.0, -0.5, 1.01, 2])
def test_a_near_miss_ratio_outside_zero_to_one_is_refused(ratio):
    message = settings_error(REFLECTIONS_NEAR_MISS_RATIO=ratio)

    assert "REFLECTIONS_NEAR_MISS_RATIO" in message


@pytest.mark.parametrize("ratio", [1, 1.0, 0.5])
def test_a_near_miss_ratio_up_to_one_is_accepted(ratio):
    validate({"REFLECTIONS_NEAR_MISS_RATIO": ratio})


def test_no_feed_is_a_valid_lesson_feed():
    validate({"LESSON_FEED_RSS": None, "LESSON_FEED_ATOM": None})


def test_empty_save_as_skips_the_output_and_is_valid():
    validate({"LESSON_SAVE_AS": "", "REFLECTIONS_JSON_SAVE_AS": ""})


@pytest.mark.parametrize("value", ["", (), [], None, "fs"], ids=repr)
def test_an_empty_default_date_is_none_as_pelican_reads_it(value):
    """Pelican gives a post without a date no default for an empty
    ``DEFAULT_DATE`` (and the file's date for "fs"); the start-up check
    once refused ``()`` as a date it could not make."""
    default_date = [s for s in PELICAN_SETTINGS if s.name == "DEFAULT_DATE"]
    declared.validate(default_date, {"DEFAULT_DATE": value})
