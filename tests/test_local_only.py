"""Local-only fields: any spelling of one is withheld by the readers' field
rules (sitekit.withheld) from a build that withholds them; a build that
keeps them moves them, with their lines, into the desk's record alone
(sitekit.localonly). The whole-site property is in
test_local_only_properties.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from markupsafe import Markup
from pelican.settings import read_settings
from sitebuild import ROOT, build_site

from sitekit.cachekey import build_key
from sitekit.diagnostics import SettingsError
from sitekit.localonly import (
    LOCAL_ONLY,
    LocalField,
    field_key,
    is_local_build,
    local_only_field,
    separate_local_only,
)
from sitekit.withheld import field_rules, withholding, withholds_local_only

NAMES = ("Follow-up", "Introduced-by", "Introduced", "Next-contact")
LOCAL = {"SITEURL": "", "LOCAL_ONLY_FIELDS": NAMES}
PUBLISH = {
    "WITHHOLD_LOCAL_ONLY": True,
    "SITEURL": "https://example.org",
    "LOCAL_ONLY_FIELDS": NAMES,
}


@pytest.mark.parametrize(
    "key",
    [
        "follow-up",
        "FOLLOW-UP",
        "follow_up",
        "Follow Up",
        "followup",
        "Follow-ups",
        "follow‑up",  # a non-breaking hyphen
        "ｆｏｌｌｏｗ－ｕｐ",  # full width
        "fóllow-up",
    ],
)
def test_every_spelling_of_a_local_only_field_is_one(key):
    assert local_only_field(key, NAMES) == "Follow-up"


@pytest.mark.parametrize("key", ["who", "met", "summary", "follow", "contact", "intro"])
def test_public_fields_are_not_local_only(key):
    assert local_only_field(key, NAMES) is None


def test_the_longest_listed_name_wins():
    assert local_only_field("introduced_by", NAMES) == "Introduced-by"
    assert local_only_field("introduced", NAMES) == "Introduced"


def test_field_keys_compare_without_case_accents_or_punctuation():
    assert field_key("Next-Contact") == field_key("next_contact") == "nextcontact"


@pytest.mark.parametrize(
    ("settings", "local"),
    [
        (LOCAL, True),
        ({}, True),
        ({"WITHHOLD_LOCAL_ONLY": False}, True),
        ({"SITEURL": "https://example.org/blog"}, False),
        ({"SITEURL": "http://localhost:8000"}, False),
        ({"SITEURL": "//example.org"}, False),
        ({"WITHHOLD_LOCAL_ONLY": True}, False),
        (PUBLISH, False),
    ],
)
def test_one_switch_and_an_absolute_siteurl_decide_a_local_build(settings, local):
    # The same function decides stories and every reader's field rules.
    assert is_local_build(settings) is local
    assert withholds_local_only(settings) is not local
    rules = field_rules({**settings, "LOCAL_ONLY_FIELDS": NAMES})
    assert (withholding("Follow-up", "x", rules) is None) is local


VALUES = [
    "2026-12-10 Send the article",
    ["2026-12-10 Send the article", "2027-01-10 Call back"],
    Markup("<p>2026-12-10 Send the <em>article</em></p>"),
    datetime(2026, 12, 10, 9, 30),
    ("a", "tuple"),
    42,
    None,
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_a_publish_builds_field_rules_withhold_every_type_of_value(value):
    # sourceguard's process_metadata and last look put each value's text to
    # the rules; a local-only field goes whatever its text.
    rules = field_rules(PUBLISH)
    for key in ("Follow_Up", "next-contact", "FOLLOW-UPS"):
        assert withholding(key, str(value), rules) is not None
    assert withholding("title", "T", rules) is None
    assert withholding("follow-up", "x", field_rules(LOCAL)) is None


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_a_local_build_keeps_every_type_of_value_as_plain_text(tmp_path, value):
    metadata = {"title": "T", "follow-up": value}
    separate_local_only(metadata, str(tmp_path / "x.html"), LOCAL)
    kept = metadata.pop(LOCAL_ONLY)
    assert metadata == {"title": "T", "follow-up": value}  # kept, as withheld.py
    assert all(field.name == "Follow-up" for field in kept.fields)
    assert all("<" not in field.value for field in kept.fields)


def test_a_field_named_like_the_desks_own_key_is_dropped_in_every_build(tmp_path):
    for settings in (LOCAL, PUBLISH):
        metadata = {"title": "T", LOCAL_ONLY: "from the file"}
        separate_local_only(metadata, str(tmp_path / "x.md"), settings)
        assert metadata == {"title": "T"}


def test_the_markdown_block_gives_each_value_its_line_and_joins_continuations(
    tmp_path,
):
    post = tmp_path / "post.md"
    post.write_text(
        "Title: T\nWho: Sam\nFollow-up: 2026-12-10 Send the\n    long article\n"
        "follow_up: [x] 2026-11-01 Thank Sam\nNext-contact: 3 months\n\nBody.\n",
        encoding="utf-8",
    )
    metadata = {
        "title": "T",
        "who": "Sam",
        "follow-up": ["2026-12-10 Send the", "long article"],
        "follow_up": "[x] 2026-11-01 Thank Sam",
        "next-contact": "3 months",
    }
    separate_local_only(metadata, str(post), LOCAL, markdown=True)
    assert metadata[LOCAL_ONLY].fields == (
        LocalField("Follow-up", "2026-12-10 Send the long article", 3),
        LocalField("Follow-up", "[x] 2026-11-01 Thank Sam", 5),
        LocalField("Next-contact", "3 months", 6),
    )
    assert set(metadata) == {
        "title",
        "who",
        "follow-up",
        "follow_up",
        "next-contact",
        LOCAL_ONLY,
    }


def test_a_field_the_reader_hid_for_a_private_marker_stays_hidden(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(
        "Title: T\nFollow-up: [!private] 2026-12-10 Zqxhidden\n"
        "Next-contact: 3 months\n\nBody.\n",
        encoding="utf-8",
    )
    # The reader dropped follow-up; only next-contact reaches this step.
    metadata = {"title": "T", "next-contact": "3 months"}
    separate_local_only(metadata, str(post), LOCAL, markdown=True)
    assert [f.name for f in metadata[LOCAL_ONLY].fields] == ["Next-contact"]


def test_other_formats_find_the_line_that_holds_the_value(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text(
        "Title\n#####\n\n:date: 2026-01-01\n:follow-up: 2026-12-10 Call Sam\n\nBody.\n",
        encoding="utf-8",
    )
    metadata = {"title": "Title", "follow-up": "2026-12-10 Call Sam"}
    separate_local_only(metadata, str(page), LOCAL)
    assert metadata[LOCAL_ONLY].fields == (
        LocalField("Follow-up", "2026-12-10 Call Sam", 5),
    )


def test_which_fields_are_local_only_is_one_setting(tmp_path):
    settings = {**PUBLISH, "LOCAL_ONLY_FIELDS": [*NAMES, "Salary"]}
    rules = field_rules(settings)
    metadata = {"title": "T", "salary": "a figure", "salary_range": "x", "who": "W"}
    kept = {key for key in metadata if withholding(key, metadata[key], rules) is None}
    assert kept == {"title", "who"}
    local = {**LOCAL, "LOCAL_ONLY_FIELDS": [*NAMES, "Salary"]}
    separate_local_only(metadata, str(tmp_path / "x.md"), local)
    assert [field.name for field in metadata[LOCAL_ONLY].fields] == ["Salary"] * 2


def test_local_only_fields_must_be_a_list_of_names(tmp_path):
    with pytest.raises(SettingsError, match="LOCAL_ONLY_FIELDS"):
        separate_local_only({}, str(tmp_path / "x.md"), {"LOCAL_ONLY_FIELDS": 3})


def test_a_local_builds_content_cache_is_never_a_published_ones():
    local = read_settings(str(ROOT / "pelicanconf.py"))
    published = {**local, "WITHHOLD_LOCAL_ONLY": True}
    assert build_key(local) != build_key(published)


def test_the_markdown_reader_keeps_them_for_the_desk_in_a_local_build(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "2026-01-01-a.md").write_text(
        "Title: A\nDate: 2026-01-01\nWho: Sam, a planner\nLessons: Zqx lesson\n"
        "Follow-up: 2026-12-10 Zqxsentinelfollow\n\nBody.\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", content=content, DESK_TODAY="2026-12-01")
    assert "Zqxsentinelfollow" in (site / "desk" / "index.html").read_text("utf-8")
    article = (site / "2026" / "a" / "index.html").read_text("utf-8")
    assert "Zqxsentinelfollow" not in article
    assert Path(site / "desk").is_dir()
