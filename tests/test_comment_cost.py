"""A comment costs time in proportion to its length, whatever it holds.

Each hostile construct below took Python-Markdown (or the sanitiser) time
in the square of its length, or exhausted Python's stack; see
plugins/comments/bounds.py. Times are compared as ratios within one run,
never against a clock: four times the text may take four times as long,
with a wide margin for a busy machine, but not the sixteen times of a
quadratic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from growth import least_cpu_seconds

from comments.bounds import MAX_DEPTH, MAX_LINES, MAX_MARKUP
from comments.parse import CommentReader
from sitekit.rules import level_of

HEADER = "Author: Eve\nDate: 2025-09-14\n\n"
# name -> the construct, repeated to length n
HOSTILE = {
    "unclosed brackets": lambda n: "[" * n,
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "image openers": lambda n: "![" * (n // 2),
    "unfinished links": lambda n: "[a](" * (n // 4),
    "a chain of links": lambda n: "[a](http://b.example) " * (n // 22),
    "emphasis runs": lambda n: "*a" * (n // 2),
    "strong runs": lambda n: "**a" * (n // 3),
    "backticks": lambda n: "`a" * (n // 2),
    "backtick pairs": lambda n: "``a`" * (n // 4),
    "< runs": lambda n: "<" * n,
    "unclosed tags": lambda n: "<a " * (n // 3),
    "angle quotes": lambda n: "<<a " * (n // 4),
    "autolinks": lambda n: "<http://a" * (n // 9),
    "entities": lambda n: "&#91;" * (n // 5),
    "escapes": lambda n: "\\[" * (n // 2),
    "apostrophes": lambda n: "'" * n,
    "dashes": lambda n: "--a " * (n // 4),
    "headings": lambda n: "a\n===\n" * (n // 6),
    "rules": lambda n: "a\n---\n" * (n // 6),
    "list items": lambda n: "- a\n" * (n // 4),
    "paragraphs": lambda n: "a\n\n" * (n // 3),
    "quotes": lambda n: "> a\n\n" * (n // 5),
    "nested lists on one line": lambda n: "1. " * (n // 3),
    "nested divs": lambda n: "<div>a\n\n" * (n // 8),
    "nested list tags": lambda n: "<ul><li>" * (n // 8),
    "html comments": lambda n: "<!--\n\n" * (n // 6),
    "blocks just under the limits": lambda n: (
        ("x" * 100 + "[" * MAX_MARKUP + "\n\n") * (n // (102 + MAX_MARKUP))
    ),
}
SMALL = 10_000
LARGE = 4 * SMALL


def seconds_to_read(reader: CommentReader, path: Path, text: str) -> float:
    path.write_text(HEADER + text, encoding="utf-8")
    assert reader.read(path)[0] is not None
    return least_cpu_seconds(lambda: reader.read(path), runs=4)


@pytest.mark.parametrize("construct", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_comment_takes_time_in_proportion_to_its_length(tmp_path, construct):
    reader = CommentReader("UTC", max_length=10 * LARGE)  # no cut: all of it
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    small = seconds_to_read(reader, path, construct(SMALL))
    large = seconds_to_read(reader, path, construct(LARGE))
    # 4 is linear and 16 quadratic; a millisecond of slack for timer noise.
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)


def test_fifty_thousand_brackets_are_shown_as_text_with_a_warning(tmp_path):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    path.write_text(HEADER + "Look: " + "[" * 50_000, encoding="utf-8")

    comment, diagnostics = CommentReader("UTC", max_length=60_000).read(path)

    assert comment.html == "<p>Look: " + "[" * 50_000 + "</p>"
    assert [d.message for d in diagnostics] == [
        "1 paragraph(s) hold more markup than Markdown reads in reasonable time "
        "(or nest too deeply); they are shown as plain text"
    ]
    assert diagnostics[0].path == str(path)
    assert diagnostics[0].rule == "costly-comment"
    assert level_of("costly-comment", strict=True) == "warning"  # it is shown


def test_a_comment_longer_than_the_limit_is_cut_at_a_word_and_marked(tmp_path):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    path.write_text(HEADER + "word " * 1000, encoding="utf-8")

    comment, diagnostics = CommentReader("UTC", max_length=100).read(path)

    assert comment.html == "<p>" + " ".join(["word"] * 20) + " […]</p>"
    assert [(d.rule, d.message) for d in diagnostics] == [
        (
            "costly-comment",
            "the comment is longer than COMMENTS_MAX_LENGTH (100 characters); it "
            "is shown cut there, marked […]",
        )
    ]


def test_a_huge_file_is_read_no_further_than_the_limit_needs(tmp_path):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    # A character cut in two where reading stops is left out, not an error.
    path.write_text(HEADER + "é" * 3_000_000, encoding="utf-8")

    comment, diagnostics = CommentReader("UTC", max_length=1000).read(path)

    assert comment.text.endswith("é […]")
    assert len(comment.text) < 1010
    assert "longer than COMMENTS_MAX_LENGTH" in diagnostics[0].message


def test_an_ordinary_comment_reads_as_it_always_did(tmp_path):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    text = (
        "I *agree*: ask [the team](https://team.example) first.\n\n"
        "- one\n- two\n\n> a quote\n\n    code line\n"
    )
    path.write_text(HEADER + text, encoding="utf-8")

    comment, diagnostics = CommentReader("UTC").read(path)

    assert diagnostics == []
    assert comment.html == (
        '<p>I <em>agree</em>: ask <a href="https://team.example" rel="nofollow '
        'ugc noopener">the team</a> first.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n'
        "</ul>\n<blockquote>\n<p>a quote</p>\n</blockquote>\n<pre><code>code line\n"
        "</code></pre>"
    )


def nested_list(levels: int) -> str:
    return "".join("    " * level + "- deep\n" for level in range(levels))


@pytest.mark.parametrize(
    ("past", "within"),
    [
        ("- " * (MAX_DEPTH + 1) + "deep", "- " * MAX_DEPTH + "deep"),
        ("> " * (MAX_DEPTH + 1) + "deep", "> " * MAX_DEPTH + "deep"),
        (nested_list(MAX_DEPTH + 2), nested_list(MAX_DEPTH)),
        ("a\n" * (MAX_LINES + 1), "a\n" * MAX_LINES),
        ("*a* " * (MAX_MARKUP // 2 + 1), "*a* " * (MAX_MARKUP // 2)),
    ],
    ids=["list markers", "quote markers", "indentation", "lines", "markup"],
)
def test_a_block_past_a_limit_is_plain_text_and_one_within_is_markdown(
    tmp_path, past, within
):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    reader = CommentReader("UTC")
    path.write_text(HEADER + past, encoding="utf-8")
    comment, diagnostics = reader.read(path)
    assert comment.html.startswith("<p>"), comment.html
    assert "<li>" not in comment.html and "<em>" not in comment.html
    assert "shown as plain text" in diagnostics[0].message
    path.write_text(HEADER + within, encoding="utf-8")
    comment, diagnostics = reader.read(path)
    assert diagnostics == []
    assert any(tag in comment.html for tag in ("<li>", "<blockquote>", "<em>", "<p>a"))


# --- Bounded cost never publishes private text ---------------------------------

PRIVATE_CASES = {
    # A costly block first: the rest is read in several conversions, and a
    # private quote continued after a blank line must not become a new,
    # public quote in the next one.
    "a private quote read in pieces": "[" * (MAX_MARKUP + 1)
    + "\n\n> [!private] between us\n\n> Zqxsecret continues here\n",
    # A costly block is shown as plain text without Markdown: a marker in it
    # would never reach the private-blocks extension.
    "a marker in a block shown as plain text": "[!private] Zqxsecret "
    + "[" * (MAX_MARKUP + 1),
    "a marker past the lines one conversion holds": "Hello.\n\n"
    + "line\n" * (MAX_LINES + 5)
    + "\n> [!private] Zqxsecret\n",
}


@pytest.mark.parametrize("text", PRIVATE_CASES.values(), ids=PRIVATE_CASES.keys())
def test_a_marked_comment_markdown_cannot_read_whole_is_left_out(tmp_path, text):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    path.write_text(HEADER + text, encoding="utf-8")

    comment, findings = CommentReader("UTC").read(path)

    assert comment is None
    assert any("the comment is left out" in f.message for f in findings), findings


def test_a_marked_comment_read_in_one_piece_hides_only_its_private_quote(tmp_path):
    path = tmp_path / "two-levels-up" / "2025-09-14-eve.md"
    path.parent.mkdir()
    path.write_text(
        HEADER + "Public words.\n\n> [!private] between us\n\n> Zqxsecret\n",
        encoding="utf-8",
    )

    comment, _ = CommentReader("UTC").read(path)

    assert "Public words." in comment.html
    assert "Zqxsecret" not in comment.html
