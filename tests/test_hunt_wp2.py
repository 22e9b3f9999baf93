"""Defects found hunting in the WordPress import, round 2: each test runs
`reflect import-wordpress` on an export written here, as a user would."""

from __future__ import annotations

import time

import pytest
from sitebuild import read
from test_wordpress_import import imported, wxr, wxr_item
from wpblog import new_blog


@pytest.fixture
def blog(tmp_path):
    (tmp_path / "blog").mkdir()
    return new_blog(tmp_path / "blog")


def test_a_post_of_unclosed_caption_shortcodes_is_imported_in_time(blog, tmp_path):
    """Pelican's caption expression ran to the end of the line from every
    ``[caption`` that found no match: 180 KB of ``[caption `` took a
    minute, and ``[caption]<img>`` said thousands of times never closed
    took longer still. Each caption is now tried once, in its own stretch."""
    export = wxr(
        tmp_path,
        wxr_item("openers", "Openers", "[caption " * 20000),
        wxr_item("unclosed", "Unclosed", '[caption]<img src="x.png">' * 3000),
        wxr_item(
            "kept",
            "Kept",
            '<p>[caption id="a1" width="300"]<img src="https://old.example/b.png"'
            ' alt="Board" /> Zqx the board[/caption]</p>',
        ),
    )

    started = time.monotonic()
    imported(blog, export=export)
    assert time.monotonic() - started < 20

    kept = read(blog / "content" / "posts" / "2019-04-13-kept.md")
    assert "[caption" not in kept
    assert "*Zqx the board*" in kept
    unclosed = read(blog / "content" / "posts" / "2019-04-13-unclosed.md")
    assert (
        "[caption]" in unclosed
    )  # shown as WordPress shows a shortcode it cannot read


def test_a_post_without_a_date_is_dated_by_the_export_not_the_day_of_import(
    blog, tmp_path
):
    """Dated the day of the import, the same export imported again the next
    day wrote the post a second time (``…-notes-2.md`` beside the first),
    and two imports of one export never gave the same bytes. It is dated
    when the export was made (its ``<pubDate>``), else by the newest date
    the export gives, and still named in the summary."""
    export = wxr(tmp_path, wxr_item("undated", "Undated", date=""))
    export.write_text(
        export.read_text().replace(
            "<title>Old</title>",
            "<title>Old</title><pubDate>Tue, 05 Mar 2024 08:30:00 +0000</pubDate>",
        )
    )
    result = imported(blog, export=export)
    post = read(blog / "content" / "posts" / "2024-03-05-undated.md")
    assert "Date: 2024-03-05 08:30\n" in post
    assert "content/posts/2024-03-05-undated.md" in result.stdout

    other = tmp_path / "other"
    other.mkdir()
    new_blog(other)
    export = wxr(
        tmp_path,
        wxr_item("undated", "Undated", date=""),
        wxr_item("dated", "Dated", date="2021-06-01 12:00:00"),
    )
    imported(other, export=export)
    post = read(other / "content" / "posts" / "2021-06-01-undated.md")
    assert "Date: 2021-06-01 12:00\n" in post
