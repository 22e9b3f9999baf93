"""Comment files become comments; a bad file is reported, never a crash."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from comments.parse import CommentReader
from comments.settings import SETTINGS
from sitekit import settings as declared
from sitekit.diagnostics import SettingsError

apply_defaults = partial(declared.apply_defaults, SETTINGS)

CHICAGO = ZoneInfo("America/Chicago")
SLUG = "two-levels-up"
GOOD = """\
Author: Maria Lopez
Date: 2025-09-14 10:30
Website: https://maria.example/
Reply-To: 2025-09-13-anh

I *agree*: ask [the team](https://team.example) first.

Then <script>steal()</script>decide.
"""
HEAD = "Author: Maria\nDate: 2025-09-14\n"  # lines 1 and 2 of a good file
# A bad file, the line its problem is on, and whether the comment survives.
BAD_FILES = {
    "missing Author": ("Date: 2025-09-14 10:30\n\nHello.\n", None, False),
    "missing Date": ("Author: Maria\n\nHello.\n", None, False),
    "unparseable Date": ("Author: Maria\nDate: yesterday-ish\n\nHello.\n", 2, False),
    "javascript: Website": (HEAD + "Website: javascript:alert(1)\n\nHello.\n", 3, True),
    "unknown field": (HEAD + "Reply-To: x\nMood: happy\n\nHello.\n", 4, True),
}
each_bad_file = pytest.mark.parametrize(
    ("text", "line", "kept"), BAD_FILES.values(), ids=BAD_FILES.keys()
)


def write(tmp_path: Path, text: str, id: str = "2025-09-14-maria", slug: str = SLUG):
    """A comment file where the site keeps them: comments/<post-slug>/<id>.md."""
    path = tmp_path / "comments" / slug / f"{id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path):
    return CommentReader("America/Chicago").read(path)


def read_folder(tmp_path: Path):
    return CommentReader("America/Chicago").read_folder(tmp_path / "comments")


def test_a_comment_file_gives_a_comment_named_after_its_file_and_folder(tmp_path):
    path = write(tmp_path, GOOD)

    comment, diagnostics = read(path)

    assert (comment.id, comment.post_slug, comment.path) == (
        "2025-09-14-maria",
        SLUG,
        str(path),
    )
    assert (comment.author, comment.website, comment.reply_to) == (
        "Maria Lopez",
        "https://maria.example/",
        "2025-09-13-anh",
    )
    assert diagnostics == []


def test_a_comments_date_is_in_the_sites_timezone(tmp_path):
    comment, _ = read(write(tmp_path, GOOD))

    assert comment.date == datetime(2025, 9, 14, 10, 30, tzinfo=CHICAGO)
    assert comment.date.utcoffset() == timedelta(hours=-5)


def test_a_comments_body_is_rendered_markdown_with_scripts_removed(tmp_path):
    comment, _ = read(write(tmp_path, GOOD))

    assert comment.html.startswith("<p>I <em>agree</em>: ask <a href=")
    assert 'href="https://team.example"' in comment.html
    assert "<script" not in comment.html
    assert "steal" not in comment.html
    assert "Author" not in comment.html


def test_a_comments_text_is_the_body_without_markup(tmp_path):
    comment, _ = read(write(tmp_path, GOOD))

    assert comment.text == "I agree: ask the team first. Then decide."


def test_emphasis_inside_a_word_keeps_the_word_whole_in_the_text(tmp_path):
    comment, _ = read(write(tmp_path, HEAD + "\n**un***believable*, really.\n"))

    assert comment.text == "unbelievable, really."


def test_an_author_name_with_markup_becomes_plain_text(tmp_path):
    text = "Author: <b>Maria</b> <script>x()</script>\nDate: 2025-09-14\n\nHi.\n"

    comment, diagnostics = read(write(tmp_path, text))

    assert comment.author == "Maria"
    assert diagnostics == []


@each_bad_file
def test_a_bad_file_is_reported_at_its_path_and_line(tmp_path, text, line, kept):
    path = write(tmp_path, text)

    _, diagnostics = read(path)

    assert [(d.rule, d.path, d.line) for d in diagnostics] == [
        ("bad-comment", str(path), line)
    ]


@each_bad_file
def test_only_a_file_without_author_or_date_is_left_out(tmp_path, text, line, kept):
    comment, _ = read(write(tmp_path, text))

    assert (comment is not None) == kept


@each_bad_file
def test_strict_mode_makes_every_problem_an_error(tmp_path, text, line, kept):
    _, findings = read(write(tmp_path, text))

    assert [f.at_level(strict=True).level for f in findings] == ["error"]
    assert [f.at_level(strict=False).level for f in findings] == ["warning"]


def test_a_bad_website_is_dropped_and_the_rest_of_the_comment_kept(tmp_path):
    comment, _ = read(write(tmp_path, BAD_FILES["javascript: Website"][0]))

    assert (comment.author, comment.website, comment.reply_to) == ("Maria", None, None)
    assert comment.html == "<p>Hello.</p>"


@pytest.mark.parametrize(
    ("case", "quoted"),
    [
        ("unknown field", "unknown field 'mood'"),
        ("unparseable Date", "Date: 'yesterday-ish' is not a date"),
        ("javascript: Website", "Website: 'javascript:alert(1)' is not an http(s)"),
    ],
)
def test_the_message_quotes_what_is_wrong(tmp_path, case, quoted):
    _, [diagnostic] = read(write(tmp_path, BAD_FILES[case][0]))

    assert quoted in diagnostic.message


def test_a_date_too_large_for_a_calendar_is_reported_not_raised(tmp_path):
    text = "Author: Maria\nDate: 99999999999999999999\n\nHello.\n"

    comment, diagnostics = read(write(tmp_path, text))

    assert comment is None
    assert [(d.rule, d.line) for d in diagnostics] == [("bad-comment", 2)]


def test_read_folder_reads_every_posts_comments_in_file_order(tmp_path):
    write(tmp_path, GOOD, id="b", slug="second-post")
    write(tmp_path, GOOD, id="a", slug="second-post")
    write(tmp_path, GOOD, id="z", slug="first-post")

    comments, diagnostics = read_folder(tmp_path)

    assert [(c.post_slug, c.id) for c in comments] == [
        ("first-post", "z"),
        ("second-post", "a"),
        ("second-post", "b"),
    ]
    assert diagnostics == []


def test_read_folder_leaves_bad_files_out_and_reports_them(tmp_path):
    write(tmp_path, GOOD, id="good")
    bad = write(tmp_path, BAD_FILES["missing Date"][0], id="bad")

    comments, diagnostics = read_folder(tmp_path)

    assert [c.id for c in comments] == ["good"]
    assert [d.path for d in diagnostics] == [str(bad)]


def test_read_folder_reports_comment_files_outside_a_post_folder(tmp_path):
    (tmp_path / "comments").mkdir()
    stray = tmp_path / "comments" / "stray.md"
    stray.write_text(GOOD, encoding="utf-8")
    write(tmp_path, "Not a comment.\n", id="notes").rename(
        tmp_path / "comments" / SLUG / "notes.txt"
    )

    comments, diagnostics = read_folder(tmp_path)

    assert comments == []
    assert [(d.path, d.rule) for d in diagnostics] == [(str(stray), "bad-comment")]
    assert "left out" in diagnostics[0].message


REPLY_MENTION = """{"type": "entry", "wm-property": "in-reply-to",
 "wm-source": "https://notes.example.net/1", "wm-target": "https://site.example/p/",
 "published": "2025-09-20T08:00:00Z", "author": {"name": "Dana"},
 "content": {"text": "A reply from elsewhere."}}"""


def test_two_comment_files_with_one_id_keep_the_first_and_name_both(tmp_path):
    """``x.md`` and ``x.json`` are both comment ``x``: threading one id twice
    hid a loop of replies and walked it for ever."""
    markdown = write(tmp_path, GOOD, id="x")
    mention = markdown.with_suffix(".json")
    mention.write_text(REPLY_MENTION, encoding="utf-8")
    write(tmp_path, GOOD, id="x", slug="another-post")  # another post's x

    comments, diagnostics = read_folder(tmp_path)

    assert [(c.post_slug, c.path) for c in comments] == [
        ("another-post", str(tmp_path / "comments" / "another-post" / "x.md")),
        (SLUG, str(mention)),  # read first: files are read in name order
    ]
    [repeat] = diagnostics
    assert (repeat.rule, repeat.path) == ("bad-comment", str(markdown))
    assert f"has the comment id 'x' of {mention}" in repeat.message
    assert "left out" in repeat.message


def test_a_site_without_a_comments_folder_has_no_comments(tmp_path):
    assert read_folder(tmp_path) == ([], [])


# Settings


def test_apply_defaults_fills_every_comments_setting():
    settings = {}

    apply_defaults(settings)

    assert settings == {setting.name: setting.default for setting in SETTINGS}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("COMMENTS_PATH", None),
        ("COMMENTS_EMAIL", 5),
        ("COMMENTS_FORM_ACTION", ["https://forms.example"]),
        ("COMMENTS_MAX_DEPTH", "5"),
        ("COMMENTS_MAX_DEPTH", True),
        ("COMMENTS_STRICT", "yes"),
        ("COMMENTS_STRICT", 1),
        ("COMMENTS_RECENT_ANSWERS", 2.0),
        ("COMMENT_FEED_ATOM", b"feeds/{slug}.xml"),
        ("COMMENTS_FEED_ATOM", 0),
    ],
)
def test_a_comments_setting_of_the_wrong_type_is_named(name, value):
    with pytest.raises(SettingsError) as raised:
        apply_defaults({name: value})

    assert str(raised.value).startswith(f"setting {name} ")
    assert repr(value) in str(raised.value)


def test_a_per_post_comment_feed_must_name_the_posts_slug():
    needs_slug = r"COMMENT_FEED_ATOM = .* must contain \{slug\}"
    with pytest.raises(SettingsError, match=needs_slug):
        apply_defaults({"COMMENT_FEED_ATOM": "feeds/comments.atom.xml"})


@pytest.mark.parametrize("depth", [0, -1])
def test_replies_must_be_allowed_at_least_one_level(depth):
    with pytest.raises(SettingsError, match="COMMENTS_MAX_DEPTH must be 1 or more"):
        apply_defaults({"COMMENTS_MAX_DEPTH": depth})


@pytest.mark.parametrize(
    "settings",
    [
        {"COMMENT_FEED_ATOM": "feeds/{slug}.comments.atom.xml"},
        {"COMMENTS_MAX_DEPTH": 1},
        {"COMMENTS_EMAIL": "me@example.org", "COMMENTS_STRICT": True},
    ],
)
def test_sensible_comments_settings_are_kept(settings):
    chosen = dict(settings)

    apply_defaults(chosen)

    assert chosen.items() >= settings.items()
