"""Private text reaches no output file, however the marker is spelt or placed.

Hypothesis writes a sentinel behind a private marker (``[!private]``, or a
variant with stray spaces or other case) in one of the places an author
writes: any metadata field, a continuation line, the body (at the top level,
mid-sentence, in a list, in a lesson note), a comment's body or header, a
page or a draft. The site is then built as ``make publish`` builds it, with
every feed on, and every file of the output is searched for the sentinel,
compressed files (a search index's fragments) included: the sitemap and the
search index are covered as soon as they are written.
"""

from __future__ import annotations

import logging
import string
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import build_site, copy_content, output_files, read

POST = "posts/2025-09-14-two-levels-up.md"
COMMENT = "comments/two-levels-up/2025-09-15-tom.md"
PAGE = "pages/about.md"

spacing = st.sampled_from(["", " ", "  ", "\t"])
markers = st.builds(
    lambda a, b, word, c: f"[{a}!{b}{word}{c}]",
    spacing,
    spacing,
    st.sampled_from(["private", "PRIVATE", "Private", "pRiVaTe"]),
    spacing,
)
sentinels = st.text(string.ascii_lowercase + string.digits, min_size=8, max_size=12)
sentinels = sentinels.map(lambda suffix: f"zqxsentinel{suffix}")


def set_field(path: Path, field: str, value: str) -> None:
    """Set a metadata field (replacing it, or adding it after the title)."""
    lines = read(path).split("\n")
    for number, line in enumerate(lines):
        if line.lower().startswith(f"{field.lower()}:"):
            lines[number] = f"{field}: {value}"
            break
    else:
        lines.insert(1, f"{field}: {value}")
    path.write_text("\n".join(lines), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(read(path) + text, encoding="utf-8")


def in_field(field: str, quote: str = "") -> Callable[[Path, str], None]:
    return lambda content, secret: set_field(content / POST, field, quote + secret)


def continuation(content: Path, secret: str) -> None:
    set_field(content / POST, "Summary", f"A public start.\n    {secret}")


def draft(content: Path, secret: str) -> None:
    (content / "posts" / "2026-11-01-draft.md").write_text(
        f"Title: A draft\nDate: 2026-11-01\nStatus: draft\n\nPublic.\n\n> {secret}\n",
        encoding="utf-8",
    )


PLACEMENTS: dict[str, Callable[[Path, str], None]] = {
    **{
        f"field {name}": in_field(name)
        for name in (
            "Question",
            "Who",
            "Role",
            "Met",
            "Format",
            "Summary",
            "Tags",
            "Category",
            "Lessons",
            "Mood",
        )
    },
    "quoted field": in_field("Who", "> "),
    "continuation line": continuation,
    "body callout": lambda c, s: append(c / POST, f"\n\n> {s}\n> More of it.\n"),
    "mid-sentence": lambda c, s: append(c / POST, f"\n\nI said {s} to him.\n"),
    "list item": lambda c, s: append(c / POST, f"\n\n- Public\n- {s}\n"),
    "lesson note": lambda c, s: append(
        c / POST, f"\n\n> [!lesson] Learn adjacent functions\n> Public.\n> {s}\n"
    ),
    "comment body": lambda c, s: append(c / COMMENT, f"\n\n{s}\n"),
    "comment header": lambda c, s: set_field(c / COMMENT, "Website", s),
    "page": lambda c, s: append(c / PAGE, f"\n\n> {s}\n"),
    "page field": lambda c, s: set_field(c / PAGE, "Summary", s),
    "draft": draft,
}


@contextmanager
def logged_errors() -> Iterator[list[logging.LogRecord]]:
    """Errors logged while the block runs: Pelican logs a post it could not
    read and carries on, which would make a missing sentinel prove nothing."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(handler)


@settings(max_examples=20, deadline=None)
@given(
    marker=markers,
    sentinel=sentinels,
    placement=st.sampled_from(sorted(PLACEMENTS)),
)
def test_private_text_reaches_no_output_file(marker, sentinel, placement):
    with tempfile.TemporaryDirectory() as folder:
        content = copy_content(Path(folder) / "content")
        PLACEMENTS[placement](content, f"{marker} {sentinel}")
        with logged_errors() as errors:
            output = build_site(
                Path(folder) / "output",
                conf="publishconf.py",
                content=content,
                SITEURL="https://example.org/blog",
            )

        assert not errors, [record.getMessage() for record in errors]
        assert (output / "feeds" / "all.atom.xml").exists()
        written = list(output_files(output))
        assert written
        for path, data in written:
            assert sentinel.encode() not in data.lower(), (placement, path)
