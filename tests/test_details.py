"""What an article page shows around the text, computed in Python."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from pelican.settings import read_settings
from sitebuild import ROOT

from presentation.details import (
    conversation_box,
    neighbours,
    reading_minutes,
    word_count,
)
from presentation.head import plain
from presentation.settings import SETTINGS
from presentation.typography import smart_text, smarty_config
from sitekit import settings as declared
from sitekit.diagnostics import SettingsError
from sitekit.text import as_text

#: The site's Markdown settings, read from its pelicanconf.py by path: a
#: module named ``pelicanconf`` another test imported may be another site's.
SITE_MARKDOWN = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]

apply_defaults = partial(declared.apply_defaults, SETTINGS)


def test_words_are_counted_in_the_text_not_the_markup():
    assert word_count("<p>Three <em>short</em> words</p><p>and two</p>") == 5


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (230, 1), (231, 2), (920, 4)])
def test_reading_time_rounds_up_and_is_never_zero(words, minutes):
    assert reading_minutes(words, 230) == minutes


def test_the_conversation_box_keeps_the_fields_given_in_order():
    rows = conversation_box({"format": "Coffee", "who": "Ruth", "met": " ", "x": "y"})
    assert rows == (("Who", "Ruth"), ("Format", "Coffee"))


def test_the_conversation_box_has_the_bodys_quotes_and_dashes_like_a_title():
    smarty = smarty_config({"MARKDOWN": SITE_MARKDOWN})
    metadata = {
        "who": "Ruth, my mentor's mentor",
        "role": 'VP -- "operations", retired',
        "met": "A 'mentoring' program &amp; <b>lunch</b>",
        "format": "Lunch",
    }
    rows = dict(conversation_box(metadata, smarty))
    assert rows["Who"] == "Ruth, my mentor’s mentor"
    assert rows["How we met"] == "A ‘mentoring’ program &amp; <b>lunch</b>"
    assert as_text(rows["Role"]) == "VP – “operations”, retired"
    assert as_text(rows["How we met"]) == "A ‘mentoring’ program & lunch"
    assert dict(conversation_box(metadata))["Who"] == "Ruth, my mentor's mentor"


def test_neighbours_are_the_older_and_newer_posts_by_date():
    posts = [SimpleNamespace(date=datetime(2026, month, 1)) for month in (3, 1, 2)]
    found = neighbours(posts)
    march, january, february = posts
    assert found[id(january)] == (None, february)
    assert found[id(february)] == (january, march)
    assert found[id(march)] == (february, None)


def test_descriptions_are_plain_text_cut_at_a_word():
    assert plain("<p>One two three four</p>", 12) == "One two…"
    assert plain("<p>Short</p>", 50) == "Short"


@given(st.text(alphabet=st.sampled_from("ab <>&;!-/amp\t\n\xa0é")))
def test_a_description_is_the_text_every_field_shows(html):
    assert plain(html, 10_000) == as_text(html)


@pytest.mark.parametrize("value", [0, -5, "230", True])
def test_a_reading_speed_that_is_not_a_positive_number_is_refused(value):
    with pytest.raises(SettingsError, match="READING_SPEED"):
        apply_defaults({"READING_SPEED": value})


def test_a_field_curled_before_is_curled_again_by_its_own_configuration():
    """Curled fields are kept per text and per configuration: the same text
    under another site's smarty settings is curled by those."""
    smarty = smarty_config({"MARKDOWN": SITE_MARKDOWN})
    no_dashes = {**smarty, "smart_dashes": False}
    assert smart_text("VP -- operations", smarty) == "VP – operations"
    assert smart_text("VP -- operations", no_dashes) == "VP -- operations"
    assert smart_text("VP -- operations", smarty) == "VP – operations"


def test_a_field_that_is_not_one_line_of_text_comes_back_as_given():
    smarty = smarty_config({"MARKDOWN": SITE_MARKDOWN})
    for given_field in ("one -- two\n\nthree", Markup("one -- two\n\nthree")):
        assert smart_text(given_field, smarty) is given_field


def test_a_one_line_field_naming_a_tag_is_curled():
    smarty = smarty_config({"MARKDOWN": SITE_MARKDOWN})
    assert smart_text('Why the <p> tag -- and "quotes"', smarty) == (
        "Why the <p> tag – and “quotes”"
    )
