"""Comments and Webmentions under hostile or careless input: what a hunt
for defects found, each kept as the behaviour the site now has."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitebuild import (
    copy_content,
    passing_build,
    run_pelican,
    the_line_a_stopped_build_said,
)

from comments.attach import aimed_at_their_post
from comments.feeds import comment_entry_id
from comments.mentions import (
    MentionProblem,
    fields_shown_without,
    mention_from_entry,
    site_origins,
)
from comments.model import Comment
from comments.order import before
from comments.parse import CommentReader
from comments.repeats import first_of_each_source
from comments.rules import BAD_COMMENT
from comments.sanitize import safe_website, sanitise
from comments.thread import build_thread
from reflect.mentions_import import import_mentions

HEAD = "Author: Eve\nDate: 2025-09-14 10:30\n\n"

# Bodies a reader sees nothing of, once the sanitiser has done its work.
BODIES_THAT_SHOW_NOTHING = {
    "no body": "",
    "only whitespace": "   \n\n\t  \n",
    "only a script": "<script>alert(1)</script>",
    "only an image": "<img src=https://evil.example/x.png>",
    "only an HTML comment": "<!-- hello -->",
    "only an empty link": "[](https://elsewhere.example/)",
    "only a non-breaking space": "&nbsp;",
    "only a zero-width space": "\u200b",
    "only a private note": "> [!private]\n> Call me on 555-0100.",
}


def read_comment(tmp_path: Path, text: str, name: str = "2025-09-14-eve"):
    path = tmp_path / "comments" / "two-levels-up" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return CommentReader("Europe/London").read(path)


@pytest.mark.parametrize(
    "body", BODIES_THAT_SHOW_NOTHING.values(), ids=BODIES_THAT_SHOW_NOTHING.keys()
)
def test_a_comment_whose_body_shows_nothing_is_reported_and_left_out(tmp_path, body):
    comment, findings = read_comment(tmp_path, HEAD + body + "\n")
    assert comment is None
    said = [f for f in findings if "shows no text" in f.message]
    assert len(said) == 1, findings
    assert said[0].rule == BAD_COMMENT
    assert said[0].path.endswith("2025-09-14-eve.md")


def test_a_comment_with_a_few_words_among_removed_markup_is_kept(tmp_path):
    comment, findings = read_comment(tmp_path, HEAD + "<script>x()</script>Yes.\n")
    assert comment is not None and comment.text == "Yes."
    assert findings == []


def test_a_comment_that_writes_out_a_tag_as_text_is_kept_with_that_text(tmp_path):
    # Its text reads like markup once its references are read: taking the
    # text of that text again would leave nothing, and drop the comment.
    comment, findings = read_comment(tmp_path, HEAD + "&lt;br&gt;\n")
    assert comment is not None and comment.text == "<br>"
    assert findings == []


# A backslash in an address's host part: Python reads the host after the
# "@" (good.example); a browser reads "\" as "/" and goes to evil.example.
SPOOFED = "https://evil.example\\@good.example/"


def mention(**fields) -> dict:
    return {
        "type": "entry",
        "wm-property": "in-reply-to",
        "wm-source": "https://elsewhere.example/notes/42",
        "wm-target": "https://reflections.example.org/2025/two-levels-up/",
        "published": "2025-09-19T21:40:00Z",
        "content": {"text": "A reply."},
        **fields,
    }


def test_a_mention_never_says_via_a_site_its_link_does_not_lead_to(tmp_path):
    shown = mention_from_entry(
        mention(url=SPOOFED), "mention-1", "two-levels-up", "UTC"
    )
    assert shown.via == "https://elsewhere.example/notes/42"
    assert shown.via_host == "elsewhere.example"
    said = fields_shown_without(mention(url=SPOOFED))
    assert len(said) == 1 and "url" in said[0]


def test_a_mentions_author_link_that_browsers_read_elsewhere_is_dropped():
    entry = mention(author={"name": "Sam", "url": SPOOFED})
    assert (
        mention_from_entry(entry, "mention-1", "two-levels-up", "UTC").website is None
    )
    assert any("author.url" in said for said in fields_shown_without(entry))


def test_a_comment_website_that_browsers_read_elsewhere_is_reported(tmp_path):
    text = f"Author: Eve\nDate: 2025-09-14 10:30\nWebsite: {SPOOFED}\n\nHi.\n"
    comment, findings = read_comment(tmp_path, text)
    assert comment is not None and comment.website is None
    assert [f.line for f in findings if "Website:" in f.message] == [3]


def test_a_link_in_a_comment_that_browsers_read_elsewhere_keeps_only_its_text():
    html = sanitise(f'<p>See <a href="{SPOOFED}">good.example</a>.</p>')
    assert html == "<p>See good.example.</p>"


# Two Cyrillic "о" in a host: read as written, a lookalike of another site.
LOOKALIKE = "https://g\u043e\u043egle.example/notes/42"


@pytest.mark.parametrize(
    ("source", "named"),
    [
        (LOOKALIKE, "xn--ggle-55da.example"),
        ("https://\u0261oogle.example/", "xn--oogle-qmc.example"),  # Latin script g
        (
            "https://\u043f\u0440\u0438\u043c\u0435\u0440.example/",
            "xn--e1afmkfd.example",
        ),
        (
            "https://b\u00fccher.example/",
            "b\u00fccher.example",
        ),  # an accent: as written
        # IDNA 2003 (Python's codec) made this glass.example, another site.
        ("https://gla\u00df.example/", "xn--gla-7ka.example"),
        ("https://elsewhere.example/", "elsewhere.example"),
    ],
)
def test_a_mention_names_its_site_as_a_browser_would(source, named):
    entry = mention(**{"wm-source": source})
    shown = mention_from_entry(entry, "mention-1", "two-levels-up", "UTC")
    assert shown.via_host == named
    del entry["content"]
    entry["author"] = {"name": "\u200b"}  # no name a reader sees: the host's
    nameless = mention_from_entry(entry, "mention-1", "two-levels-up", "UTC")
    assert nameless.author == named


@pytest.mark.parametrize(
    "address",
    [
        "https://paypa\u200dl.example/",  # a joiner: Python read paypal.example
        "https://" + "a" * 64 + "\u00e9.example/",  # a label no host can have
    ],
)
def test_an_address_whose_host_no_browser_reaches_is_no_link(address):
    assert safe_website(address) is None
    assert sanitise(f'<p><a href="{address}">here</a></p>') == "<p>here</p>"


#: Addresses Python's urlsplit refuses with a ValueError (a host holding a
#: character NFKC reads as "/", "#", "?", "@" or ":"; an unclosed IPv6
#: bracket) or whose port it refuses to read: untrusted text, each once
#: made a build, lint or an import stop with a traceback.
UNSPLITTABLE = [
    "https://evil.example\uff0f@good.example/",
    "https://a\uff03b.example/",
    "https://a\uff1fb.example/",
    "https://a\uff20b.example/",
    "https://a\uff1a80.example/",
    "https://[::1/",
    "https://good.example:99999/",
]


@pytest.mark.parametrize("address", UNSPLITTABLE)
def test_an_address_python_cannot_split_is_unsafe_wherever_it_is_given(
    tmp_path, address
):
    text = f"Author: Eve\nDate: 2025-09-14 10:30\nWebsite: {address}\n\nHi.\n"
    comment, findings = read_comment(tmp_path, text)
    assert comment is not None and comment.website is None
    assert [f.line for f in findings if "Website:" in f.message] == [3]

    html = sanitise(f'<p>See <a href="{address}">there</a>.</p>')
    assert html == "<p>See there.</p>"

    for entry in (
        mention(url=address),
        mention(author={"name": "Sam", "url": address}),
    ):
        shown = mention_from_entry(entry, "mention-1", "two-levels-up", "UTC")
        assert address not in (shown.via, shown.website)
    for field in ("wm-source", "wm-target"):
        with pytest.raises(MentionProblem):
            mention_from_entry(
                mention(**{field: address}), "mention-1", "two-levels-up", "UTC"
            )


def write_mention(tmp_path: Path, name: str, entry: dict) -> Path:
    path = tmp_path / "comments" / "two-levels-up" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entry), encoding="utf-8")
    return path


def test_one_mention_sent_twice_is_shown_once_and_the_repeat_named(tmp_path):
    """A receiver keeps one mention per source and target (a resent one
    replaces it); two exports, or two receivers, gave one like two files,
    and the page counted "2 likes" of one person's one like."""
    like = mention(**{"wm-property": "like-of", "content": {}})
    write_mention(tmp_path, "mention-7", {**like, "wm-id": 7})
    write_mention(tmp_path, "mention-8", {**like, "wm-id": 8})
    other = {**like, "wm-source": "https://elsewhere.example/likes/9", "wm-id": 9}
    write_mention(tmp_path, "mention-9", other)
    comments, _ = CommentReader("UTC").read_folder(tmp_path / "comments")
    comments, findings = first_of_each_source(comments)
    assert sorted(c.id for c in comments) == ["mention-7", "mention-9"]
    (repeat,) = findings
    assert repeat.rule == BAD_COMMENT
    assert repeat.path.endswith("mention-8.json")
    assert "mention-7.json" in repeat.message
    assert "https://elsewhere.example/notes/42" in repeat.message


def test_a_mention_aimed_elsewhere_is_no_repeat_of_one_aimed_at_its_post(tmp_path):
    """Two files from one source in a post's folder, the first (in the
    order files are read) aimed at another post: the repeat check once ran
    first and dropped the right one as a repeat of the wrong one, which the
    target check then refused, and the post showed neither. The target is
    checked first, so only mentions of this post can repeat each other."""
    content = copy_content(tmp_path / "content")
    folder = content / "comments" / "two-levels-up"
    elsewhere = "https://reflections.example.org/2026/analyst-to-data-engineer/"
    wrong = mention(**{"wm-target": elsewhere, "wm-id": 1})
    (folder / "mention-1.json").write_text(json.dumps(wrong), encoding="utf-8")
    right = mention(content={"text": "Aimed at the right post."}, **{"wm-id": 2})
    (folder / "mention-2.json").write_text(json.dumps(right), encoding="utf-8")

    said = passing_build(content, tmp_path / "output")

    page = (tmp_path / "output" / "2025" / "two-levels-up" / "index.html").read_text()
    assert "Aimed at the right post." in page
    assert "mention-1.json" in said and "is not this post" in said
    assert "repeats" not in said, said


def test_a_mention_resent_as_another_kind_is_still_one_mention(tmp_path):
    write_mention(tmp_path, "mention-7", mention(**{"wm-property": "mention-of"}))
    write_mention(tmp_path, "mention-8", mention())
    comments, _ = CommentReader("UTC").read_folder(tmp_path / "comments")
    comments, findings = first_of_each_source(comments)
    assert [c.id for c in comments] == ["mention-7"]
    assert len(findings) == 1


IMPORT_SETTINGS = {
    "ARTICLE_URL": "{date:%Y}/{slug}/",
    "SITEURL": "https://reflections.example.org",
    "TIMEZONE": "UTC",
}


def export_of(tmp_path: Path, *entries: dict) -> Path:
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"type": "feed", "children": list(entries)}))
    return export


def test_the_import_writes_one_mention_sent_twice_once(tmp_path):
    like = mention(**{"wm-property": "like-of", "content": {}})
    export = export_of(tmp_path, {**like, "wm-id": 7}, {**like, "wm-id": 8})
    report = import_mentions(export, tmp_path / "comments", IMPORT_SETTINGS)
    assert [path.name for path in report.written] == ["mention-7.json"]
    (skipped,) = report.skipped
    assert skipped.number == 2
    assert "https://elsewhere.example/notes/42" in skipped.reason
    assert "entry 1" in skipped.reason


def test_the_import_names_the_file_that_holds_a_mention_already(tmp_path):
    like = mention(**{"wm-property": "like-of", "content": {}})
    earlier = write_mention(tmp_path, "mention-7", {**like, "wm-id": 7})
    export = export_of(tmp_path, {**like, "wm-id": 8})
    report = import_mentions(export, tmp_path / "comments", IMPORT_SETTINGS)
    assert report.written == []
    (skipped,) = report.skipped
    assert "mention-7.json" in skipped.reason
    assert earlier.is_file()


def test_a_comment_feed_id_writes_its_year_in_four_digits_as_a_tag_uri_must():
    """RFC 4151's date is YYYY[-MM[-DD]]; strftime's %Y wrote year 205 (a
    year typed short) as "205", an id no feed reader need accept."""
    comment = Comment(
        id="0205-eve",
        post_slug="p",
        author="Eve",
        date=datetime(205, 9, 14, 10, 30, tzinfo=UTC),
        html="<p>Hi.</p>",
        text="Hi.",
    )
    assert comment_entry_id("https://example.org/p/", comment) == (
        "tag:example.org,0205-09-14:/p/#comment-0205-eve"
    )
    (finding,) = before(comment, datetime(2025, 1, 1, tzinfo=UTC), "the post")
    assert "Date: 0205-09-14 10:30 is before the post" in finding.message


def test_a_webmention_signed_with_the_post_authors_name_is_not_marked_as_theirs():
    """Anyone on the web may call themselves anything: a reply sent as a
    Webmention by a stranger whose h-card said "Priya" wore the post
    author's badge. Only a comment file, which the author keeps, can be
    theirs."""
    stranger = mention_from_entry(
        mention(author={"name": "Priya", "url": "https://imposter.example/"}),
        "mention-5",
        "two-levels-up",
        "UTC",
    )
    own = Comment(
        id="2025-09-20-priya",
        post_slug="two-levels-up",
        author="Priya",
        date=datetime(2025, 9, 20, tzinfo=UTC),
        html="<p>Thanks.</p>",
        text="Thanks.",
    )
    thread, _ = build_thread("T", [stranger, own], author_names=["Priya"])
    marked = {node.comment.id: node.by_post_author for node in thread.roots}
    assert marked == {"mention-5": False, "2025-09-20-priya": True}


# Right-to-left override, embedding and isolate controls: one left open in
# a name turns round what follows it on its line ("Eve" then the date
# read backwards) and in a feed entry's title.
DIRECTION_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", DIRECTION_CONTROLS)
def test_a_name_cannot_turn_round_the_text_after_it(tmp_path, control):
    text = f"Author: Eve{control}\nDate: 2025-09-14 10:30\n\nHi{control}.\n"
    comment, _ = read_comment(tmp_path, text)
    assert (comment.author, comment.text) == ("Eve", "Hi.")
    sent = mention(author={"name": f"&#x{ord(control):x};Sam{control}"})
    assert mention_from_entry(sent, "mention-1", "p", "UTC").author == "Sam"


@pytest.mark.parametrize("name", ["\u202e", "<b></b>", "\u202e<i>\u2069</i>"])
def test_a_name_of_nothing_visible_is_said_to_show_nothing_not_to_be_missing(
    tmp_path, name
):
    comment, findings = read_comment(
        tmp_path, f"Author: {name}\nDate: 2025-09-14 10:30\n\nHi.\n"
    )
    assert comment is None
    assert [f.message.split(" shows ")[-1][:7] for f in findings] == ["nothing"]


CAFE = "https://reflections.example.org/2026/caf%C3%A9-cr%C3%A8me/"


def test_a_mention_of_a_post_whose_address_is_percent_encoded_is_shown(tmp_path):
    """A sender names a page by its URI, the form the site's own feeds
    give (``Slug: café-crème`` is ``/2026/caf%C3%A9-cr%C3%A8me/``); it was
    compared with the post's address as written, and left out as "not
    this post"."""
    sent = mention_from_entry(
        mention(**{"wm-target": CAFE}), "mention-1", "café-crème", "UTC"
    )
    post = SimpleNamespace(url="2026/café-crème/")
    findings: list = []
    kept = aimed_at_their_post(
        [sent],
        {"café-crème": post},
        findings,
        "https://reflections.example.org",
        site_origins("https://reflections.example.org"),
    )
    assert (kept, findings) == ([sent], [])


def test_the_import_files_a_mention_of_a_percent_encoded_address_under_its_slug(
    tmp_path,
):
    export = export_of(tmp_path, {**mention(**{"wm-target": CAFE}), "wm-id": 3})
    report = import_mentions(export, tmp_path / "comments", IMPORT_SETTINGS)
    assert report.skipped == []
    assert [path.relative_to(tmp_path).as_posix() for path in report.written] == [
        "comments/café-crème/mention-3.json"
    ]


@pytest.mark.parametrize("name", ["\u200b", "<b></b>", "\u2060\u00ad", " \u3000 "])
def test_a_mention_whose_name_shows_nothing_is_named_by_its_site(name):
    sent = mention(author={"name": name, "url": "https://sam.example/"})
    shown = mention_from_entry(sent, "mention-1", "p", "UTC")
    assert shown.author == "sam.example"


def test_the_builds_say_each_new_finding_in_one_line_and_publish_stops(tmp_path):
    """Through ``pelican`` as ``make html`` and ``make publish`` run it:
    one line a problem, naming the file and ending in its rule; the local
    build passes, the published one stops at the first, neither with a
    traceback."""
    content = copy_content(tmp_path / "content")
    folder = content / "comments" / "two-levels-up"
    (folder / "2025-09-20-eve.md").write_text(HEAD + "<script>x()</script>\n")
    sent = json.loads((folder / "mention-30411.json").read_text())
    (folder / "mention-99.json").write_text(json.dumps({**sent, "wm-id": 99}))
    local = passing_build(content, tmp_path / "local")
    for name, words in (
        ("2025-09-20-eve.md", "shows no text"),
        ("mention-99.json", "repeats"),
    ):
        (line,) = [line for line in local.splitlines() if name in line]
        assert words in line and "[bad-comment]" in line
    published = run_pelican(content, tmp_path / "published", conf="publishconf.py")
    said = the_line_a_stopped_build_said(published, "2025-09-20-eve.md")
    assert "shows no text" in said and "[bad-comment]" in said
