"""Webmentions: likes, reposts and replies from other sites, read from the
files `reflect mentions import` writes beside the comments, checked and
sanitised like comments, shown with them and in the comment feeds."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import mf2py
import pytest
from sitebuild import build_site, copy_content, read

from comments.mentions import (
    MAX_MENTION_BYTES,
    MentionProblem,
    mention_from_entry,
    read_mention_file,
)
from comments.parse import CommentError, CommentReader

TARGET = "https://reflections.example.org/2025/two-levels-up/"
REPLY = {
    "type": "entry",
    "wm-id": 900,
    "wm-property": "in-reply-to",
    "wm-source": "https://notes.example.net/42",
    "wm-target": TARGET,
    "wm-received": "2025-09-20T08:00:00Z",
    "url": "https://notes.example.net/42",
    "author": {
        "type": "card",
        "name": "Sam <b>Lee</b>",
        "url": "https://notes.example.net/",
    },
    "content": {"html": "<p>Good <script>steal()</script>point.</p>", "text": "x"},
}


def entry(**changes) -> dict:
    return {**REPLY, **changes}


def as_mention(data: dict):
    return mention_from_entry(data, "mention-900", "two-levels-up", "America/Chicago")


def parsed(site: Path, path: str) -> dict:
    document = mf2py.parse(doc=read(site / path), url="http://127.0.0.1/")
    return next(i for i in document["items"] if "h-entry" in i["type"])["properties"]


def names(items: list[dict]) -> list[str]:
    return [item["properties"]["author"][0]["properties"]["name"][0] for item in items]


def test_a_reply_is_threaded_with_the_comments_on_its_post(site):
    post = parsed(site, "2025/two-levels-up/index.html")
    assert "Dana Whitfield" in names(post["comment"])
    dana = post["comment"][names(post["comment"]).index("Dana Whitfield")]
    assert "plant manager" in dana["properties"]["content"][0]["value"]
    page = read(site / "2025/two-levels-up/index.html")
    assert "via dana-notes.example.net" in page
    assert "5 thoughts on" in page  # four comments and the reply


def test_likes_reposts_and_mentions_are_grouped_beside_the_comments(site):
    post = parsed(site, "2025/two-levels-up/index.html")
    assert names(post["like"]) == ["Marisol Reyes"]
    assert names(post["repost"]) == ["Theo Park"]
    assert post["like"][0]["properties"]["url"] == [
        "https://social.example.net/@marisol/113204"
    ]
    ruth = parsed(site, "2026/ruth-quarterly-check-in/index.html")
    assert names(ruth["mention"]) == ["Lena Marsh"]
    page = read(site / "2026/ruth-quarterly-check-in/index.html")
    assert "1 like" in page and "1 mention" in page
    assert "No thoughts yet" in page  # likes are not comments


def test_mentions_are_in_the_comment_feeds(site):
    feed = feedparser.parse(site / "feeds/comments/two-levels-up.atom.xml")
    titles = [entry.title for entry in feed.entries]
    assert any(title.startswith("Marisol Reyes liked") for title in titles)
    assert any(title.startswith("Theo Park reposted") for title in titles)
    assert any(title.startswith("Dana Whitfield on") for title in titles)
    everything = feedparser.parse(site / "feeds/comments.atom.xml")
    assert any("Lena Marsh mentioned" in e.title for e in everything.entries)


def test_a_reply_s_markup_is_sanitised_and_its_author_is_plain_text():
    mention = as_mention(entry())
    assert mention.kind == "reply"
    assert mention.author == "Sam Lee"
    assert "<script" not in mention.html and "steal" not in mention.html
    assert mention.html == "<p>Good point.</p>"
    assert mention.via == "https://notes.example.net/42"


def test_a_reply_without_html_shows_its_text_escaped():
    mention = as_mention(entry(content={"text": "a <b>bold</b> claim"}))
    assert mention.html == "<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>"


# A reply's text has the curly quotes, apostrophes and dashes that smarty
# gives comments (a comment file is Markdown; a reply arrives as HTML).
TYPESET_REPLIES = [
    # (the reply's HTML, as shown)
    ("<p>It's Priya's -- isn't it?</p>", "<p>It’s Priya’s – isn’t it?</p>"),
    (
        "<p>She said \"call it 'done' today\"...</p>",
        "<p>She said “call it ‘done’ today”…</p>",
    ),
    ("<p>Q3 --- then '90s tools</p>", "<p>Q3 — then ’90s tools</p>"),
    (
        '<p><em>"Ask"</em>, "<a href="https://x.example/">this</a>" one</p>',
        '<p><em>“Ask”</em>, “<a href="https://x.example/" rel="nofollow ugc noopener">'
        "this</a>” one</p>",
    ),
    (
        '<p>Run <code>git commit -m "it\'s"</code> -- once.</p>'
        "<pre><code>say \"hi\" -- 'twice'</code></pre>",
        '<p>Run <code>git commit -m "it\'s"</code> – once.</p>'
        "<pre><code>say \"hi\" -- 'twice'</code></pre>",
    ),
    ('<p>&lt;b&gt; &amp; "c"</p>', "<p>&lt;b&gt; &amp; “c”</p>"),
    ("<p>plain text, nothing to curl</p>", "<p>plain text, nothing to curl</p>"),
]


@pytest.mark.parametrize(("written", "expected"), TYPESET_REPLIES)
def test_a_reply_has_the_curly_quotes_and_dashes_of_comments(written, expected):
    mention = as_mention(entry(content={"html": written}))

    assert mention.html == expected


def test_a_reply_without_html_is_typeset_as_a_comment_would_be():
    mention = as_mention(entry(content={"text": 'It\'s "done" -- a <b> claim'}))

    assert mention.html == "<p>It’s “done” – a &lt;b&gt; claim</p>"
    assert mention.text == "It’s “done” – a <b> claim"


def test_a_reply_is_quoted_on_the_index_and_in_the_data_with_curly_quotes(site):
    """The sample's reply from dana-notes is written with straight quotes."""
    index = read(site / "reflections/index.html")
    assert "Priya’s post on asking two levels up" in index
    assert "Priya's post" not in index
    data = json.loads(read(site / "reflections.json"))
    texts = [
        comment["text"]
        for post in data["posts"]
        for comment in post["newest_comments"]
        if "two levels up made me" in comment["text"]
    ]
    assert texts and all("plant manager’s boss" in text for text in texts)


def test_a_reply_with_no_words_is_shown_as_a_mention():
    assert as_mention(entry(content={})).kind == "mention"


BAD_ENTRIES = {
    "not an entry": ["a list"],
    "a feed, not an entry": {"type": "feed", "children": []},
    "private": entry(**{"wm-private": True}),
    "unknown kind": entry(**{"wm-property": "rsvp-of"}),
    "script source": entry(**{"wm-source": "javascript:alert(1)"}),
    "no source": entry(**{"wm-source": None}),
    "relative target": entry(**{"wm-target": "/2025/two-levels-up/"}),
    "no date": entry(**{"wm-received": None}),
    "bad date": entry(published="the day after"),
    "private marker": entry(content={"text": "between us [!private]"}),
    "private marker in the name": entry(author={"name": "[! private] Sam"}),
}


@pytest.mark.parametrize("data", BAD_ENTRIES.values(), ids=BAD_ENTRIES.keys())
def test_an_entry_that_is_not_what_it_claims_is_left_out(data):
    with pytest.raises(MentionProblem):
        as_mention(data)


def test_an_unsafe_author_or_permalink_address_is_dropped_not_shown():
    mention = as_mention(
        entry(url="javascript:alert(1)", author={"name": "Sam", "url": "data:x"})
    )
    assert mention.website is None
    assert mention.via == REPLY["wm-source"]


def test_an_oversized_or_deeply_nested_file_is_refused_unread(tmp_path):
    big = tmp_path / "mention-1.json"
    big.write_text(json.dumps(entry(padding="x" * MAX_MENTION_BYTES)))
    with pytest.raises(MentionProblem, match="at most 64 KiB"):
        read_mention_file(big, None)
    deep = tmp_path / "mention-2.json"
    deep.write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(MentionProblem):
        read_mention_file(deep, None)
    broken = tmp_path / "mention-3.json"
    broken.write_bytes(b"\xff\xfe{")
    with pytest.raises(MentionProblem, match="not JSON"):
        read_mention_file(broken, None)


def test_a_bad_mention_file_is_reported_by_name_and_left_out(tmp_path):
    folder = tmp_path / "comments" / "two-levels-up"
    folder.mkdir(parents=True)
    (folder / "mention-1.json").write_text(json.dumps(entry(type="card")))
    (folder / "mention-2.json").write_text(json.dumps(entry()))
    comments, diagnostics = CommentReader("UTC").read_folder(tmp_path / "comments")
    assert [c.id for c in comments] == ["mention-2"]
    (problem,) = diagnostics
    assert problem.path.endswith("mention-1.json")
    assert "JF2 entry" in problem.message


def test_a_mention_of_another_post_is_reported_and_not_shown(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    misfiled = content / "comments/how-resumes-get-read/mention-30411.json"
    (content / "comments/two-levels-up/mention-30411.json").rename(misfiled)
    site = build_site(tmp_path / "output", content=content)
    assert "Dana Whitfield" not in read(site / "2025/how-resumes-get-read/index.html")
    assert "is not this post" in caplog.text
    assert "mention-30411.json" in caplog.text


def test_a_bad_mention_file_stops_the_published_build(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    path = content / "comments/two-levels-up/mention-30388.json"
    path.write_text(json.dumps(entry(**{"wm-property": "rsvp-of"})))
    with pytest.raises(CommentError):
        build_site(tmp_path / "output", conf="publishconf.py", content=content)
    assert "mention-30388.json: mention: wm-property 'rsvp-of'" in caplog.text
