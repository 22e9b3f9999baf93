"""Private text reaches no output file, however the marker is spelt or placed.

Hypothesis spells the marker the ways a person would still read as
``[!private]``: other case and stray spaces, lookalike letters from other
scripts, fullwidth or lenticular brackets, zero-width and other format
characters inside it, a slip of the keyboard (a letter missing, doubled or
swapped, no ``!``). Lines of Unicode spaces that Markdown does not take as
blank are drawn from every space Unicode has.

Every placement runs in every example: one site holds them all, each with
its own sentinel. A private sentinel sits behind a marker in every place an
author writes: each published metadata field and a continuation line of a
Markdown post, body positions (quotes, nested quotes and lists, lesson
callouts and notes, tables, footnotes, raw HTML, code, links and images,
a quote carried on past a line of Unicode spaces), a page, a comment's body
and fields, and the fields of an ``.html`` and a ``.rst`` post. Beside each
sits a public control: the same text in the same place without the marker,
which must be published, so every case proves it can fail. The site is
built as ``make publish`` builds it and every file it wrote is searched,
compressed ones (the search index, gzip then CBOR) decompressed, and so is
every word each preview image draws.

A marker in an ``.html`` or ``.rst`` body cannot be hidden: that build
leaves the file out with an error naming it, whatever the spelling.
"""

from __future__ import annotations

import logging
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pelican import signals
from sitebuild import build_site, copy_content, output_files, read

POST_SLUG = "two-levels-up"

# ---- marker variants ------------------------------------------------------

#: Lookalikes a reader takes for each character of the marker.
LOOKALIKES = {
    "[": "［【〔",
    "]": "］】〕",
    "!": "！ǃ",
    "p": "рρｐ",
    "r": "ｒ",
    "i": "іιıｉ",
    "v": "νѵｖ",
    "a": "аɑａ",
    "t": "ｔ",
    "e": "еｅ",
}
#: Characters that draw nothing.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f"]
#: Every space Unicode has but the ASCII one: Markdown takes none as blank.
UNICODE_SPACES = [
    chr(code)
    for code in range(0x110000)
    if unicodedata.category(chr(code)) == "Zs" and chr(code) != " "
]


def _slip(word: str, kind: int, at: int) -> str:
    """``word`` with one slip of the keyboard at ``at``."""
    at %= len(word)
    if kind == 0:  # a letter missing
        return word[:at] + word[at + 1 :]
    if kind == 1:  # a letter doubled
        return word[:at] + word[at] + word[at:]
    at = min(at, len(word) - 2)  # two letters swapped
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@st.composite
def markers(draw) -> str:
    """A spelling of ``[!private]`` that a person reads as the marker."""
    bang = draw(st.sampled_from(["!", "!", ""]))  # sometimes forgotten
    word = "private"
    if bang and draw(st.booleans()):
        word = _slip(word, draw(st.integers(0, 2)), draw(st.integers(0, 6)))
    characters = list(f"[{bang}{word}]")
    for index, character in enumerate(characters):
        choice = draw(st.integers(0, 5))
        if choice == 0 and character in LOOKALIKES:
            characters[index] = draw(st.sampled_from(LOOKALIKES[character]))
        elif choice == 1:
            characters[index] = character.upper()
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(1, len(characters) - 1))
        characters.insert(at, draw(st.sampled_from([*INVISIBLE, " "])))
    return "".join(characters)


# ---- placements -------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where an author writes: ``kind`` says which file, ``write`` turns a
    marker ('' for the control) and a sentinel into that file's text."""

    kind: str  # field, body, page, comment-field, comment, html, rst
    write: Callable[[str, str, str], str]  # (marker, sentinel, space) -> text


def field(name: str) -> Placement:
    return Placement("field", lambda m, s, _: f"{name}: {m} {s}".replace(":  ", ": "))


def body(template: str, kind: str = "body") -> Placement:
    return Placement(
        kind,
        lambda m, s, space: template.format(m=m, s=s, space=space).replace(" \n", "\n"),
    )


PLACEMENTS: dict[str, Placement] = {
    **{
        f"field {name}": field(name)
        for name in (
            *("Question", "Role", "Met", "Summary", "Tags", "Category"),
            *("Lessons", "Author", "Series"),
        )
    },
    # Who: once, with a quote mark: a field given twice keeps its first
    # (the repeated-field rule), so a plain Who: beside it would hide this.
    "quoted field": Placement("field", lambda m, s, _: f"Who: > {m} {s}"),
    "continuation line": Placement(
        "field", lambda m, s, _: f"Format: A public start\n    {m} {s}"
    ),
    "top-level quote": body("> {m}\n> {s} in the quote"),
    "mid-sentence": body("I said {m} and then {s} to him."),
    "list item": body("- A public item\n- {m} {s}"),
    "nested list": body("- Outer item\n    - {m} {s}"),
    "nested quote": body("> A public quote.\n>\n> > {m}\n> > {s}"),
    "quote in a list": body("- An item\n\n    > {m}\n    > {s}"),
    "lesson note": body("> [!lesson] Learn adjacent functions\n> {m} {s}"),
    "lesson statement": body("> [!lesson] {m} {s}\n> A note."),
    "after a line of spaces": body("> {m} a start\n>{space}\n{space}\n{s} carried on"),
    "lazy continuation": body("> {m} a start\n{s} on a lazy line"),
    "quote after a blank line": body("> {m} a start\n\n> {s} in the same quote"),
    "heading": body("## {m} {s}"),
    "table row": body("| a | b |\n|---|---|\n| public | cell |\n| {m} | {s} |"),
    "raw HTML block": body('<div class="aside">\n{m} {s}\n</div>'),
    "footnote": body("A claim[^n].\n\n[^n]: {m} {s}"),
    "indented code": body("Before the code.\n\n    {m} {s}"),
    "code span": body("Type `{m}` before {s}."),
    "link text": body("See [{m} {s}](https://example.org/x)."),
    "image text": body("![{m} {s}](https://example.org/x.png)"),
    "page body": body("> {m}\n> {s} on a page", "page"),
    "page after spaces": body("{m} a start\n{space}\n{s} on a page", "page"),
    "comment website": Placement(
        "comment-field", lambda m, s, _: f"Website: {m} https://{s}.example.org/"
    ),
    "comment quote": body("> {m}\n> {s} in a comment", "comment"),
    "comment paragraph": body("I heard {m} that {s} in a comment.", "comment"),
    "comment fenced code": body("```\n{m} {s}\n```", "comment"),
    "comment after spaces": body(
        "> {m} a start\n>{space}\n{s} in a comment", "comment"
    ),
    "comment list": body("- A public point\n- {m} {s}", "comment"),
    **{
        f"html {name}": Placement(
            "html", lambda m, s, _, name=name: f'<meta name="{name}" content="{m} {s}">'
        )
        for name in ("tags", "category", "authors", "summary")
    },
    **{
        f"rst {name}": Placement("rst", lambda m, s, _, name=name: f":{name}: {m} {s}")
        for name in ("tags", "category", "authors", "summary")
    },
}


def sentinel(index: int, private: bool) -> str:
    return f"zqx{'s' if private else 'p'}{index:03d}q"


def write_site(content: Path, marks: list[str], spaces: list[str]) -> None:
    """The sample site plus a private and a public copy of every placement."""
    for private in (True, False):
        parts: dict[str, list[str]] = {}
        for index, placement in enumerate(PLACEMENTS.values()):
            marker = marks[index] if private else ""
            text = placement.write(marker, sentinel(index, private), spaces[index])
            parts.setdefault(placement.kind, []).append(text)
        _write_files(content, "private" if private else "public", parts)


def _write_files(content: Path, which: str, parts: dict[str, list[str]]) -> None:
    day = "01" if which == "private" else "02"
    separated = "\n\nA public separator.\n\n".join
    (content / "posts" / f"2025-10-{day}-{which}.md").write_text(
        f"Title: A {which} post\nDate: 2025-10-{day}\nSlug: {which}-post\n"
        + "\n".join(parts["field"])
        + "\n\n"
        + separated(parts["body"])
        + "\n",
        encoding="utf-8",
    )
    (content / "pages" / f"{which}.md").write_text(
        f"Title: A {which} page\n\n" + separated(parts["page"]) + "\n",
        encoding="utf-8",
    )
    comment = content / "comments" / POST_SLUG / f"2025-10-{day}-{which}.md"
    comment.write_text(
        f"Author: A {which} reader\nDate: 2025-10-{day} 08:00\n"
        + "\n".join(parts["comment-field"])
        + "\n\n"
        + separated(parts["comment"])
        + "\n",
        encoding="utf-8",
    )
    (content / "posts" / f"2025-10-{day}-{which}-html.html").write_text(
        f"<html><head><title>An HTML {which} post</title>"
        f'<meta name="date" content="2025-10-{day}">'
        + "".join(parts["html"])
        + "</head><body><p>Public HTML body.</p></body></html>",
        encoding="utf-8",
    )
    (content / "posts" / f"2025-10-{day}-{which}-rst.rst").write_text(
        f"A reST {which} post\n{'#' * 20}\n\n:date: 2025-10-{day}\n"
        + "\n".join(parts["rst"])
        + "\n\nPublic reST body.\n",
        encoding="utf-8",
    )


# ---- the build ----------------------------------------------------------------


@contextmanager
def logged_errors() -> Iterator[list[logging.LogRecord]]:
    """Errors logged while the block runs: Pelican logs a file it could not
    read and carries on, which would make a missing sentinel prove nothing."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(handler)


@contextmanager
def drawn_text() -> Iterator[list[str]]:
    """Every word the build's preview images draw (their cards)."""
    words: list[str] = []

    def collect(generators):
        for generator in generators:
            for card in getattr(generator, "planned", {}).values():
                words.extend([card.title, *card.lessons, card.site_name])

    signals.all_generators_finalized.connect(collect)
    try:
        yield words
    finally:
        signals.all_generators_finalized.disconnect(collect)


def publish(content: Path, output: Path) -> Path:
    # Ad-hoc lessons (the controls' statements) are errors in a strict build.
    return build_site(
        output,
        conf="publishconf.py",
        content=content,
        SITEURL="https://example.org/blog",
        REFLECTIONS_STRICT=False,
    )


# Each example is a whole site: no shrinking (a failure names its marker).
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


@settings(
    max_examples=4,
    deadline=None,
    phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    marks=st.lists(markers(), min_size=len(PLACEMENTS), max_size=len(PLACEMENTS)),
    spaces=st.lists(
        st.sampled_from(UNICODE_SPACES),
        min_size=len(PLACEMENTS),
        max_size=len(PLACEMENTS),
    ),
)
def test_private_text_reaches_no_output_file_and_no_preview_image(marks, spaces):
    with tempfile.TemporaryDirectory() as folder:
        content = copy_content(Path(folder) / "content")
        write_site(content, marks, spaces)
        with logged_errors() as errors, drawn_text() as drawn:
            output = publish(content, Path(folder) / "output")
        published = b"\n".join(data.lower() for _, data in output_files(output))

    assert not [record.getMessage() for record in errors]
    drawn_words = "\n".join(drawn).lower()
    for index, name in enumerate(PLACEMENTS):
        assert sentinel(index, False).encode() in published, f"control: {name}"
        assert sentinel(index, True).encode() not in published, (name, marks[index])
        assert sentinel(index, True) not in drawn_words, (name, marks[index])
    assert any(
        sentinel(index, False) in drawn_words for index in range(len(PLACEMENTS))
    )


BODIES = {
    "html paragraph": ("html", "<p>{m} {s}</p>"),
    "html code": ("html", "<pre><code>{m} {s}</code></pre>"),
    "rst paragraph": ("rst", "{m} {s}"),
    "rst literal block": ("rst", "Some code::\n\n    {m} {s}"),
}


@pytest.mark.parametrize("where", BODIES, ids=BODIES)
@settings(max_examples=3, deadline=None, phases=NO_SHRINK)
@given(marker=markers())
def test_a_marker_in_another_readers_body_leaves_the_file_out(where, marker):
    kind, template = BODIES[where]
    with tempfile.TemporaryDirectory() as folder:
        content = copy_content(Path(folder) / "content")
        text = template.format(m=marker, s="zqxsbody")
        path = content / "pages" / f"notes.{'html' if kind == 'html' else 'rst'}"
        source = (
            f"<html><head><title>Notes</title></head><body>{text}</body></html>"
            if kind == "html"
            else f"Notes\n#####\n\n{text}\n"
        )
        path.write_text(source, encoding="utf-8")
        with logged_errors() as errors:
            output = publish(content, Path(folder) / "output")
        published = [data.lower() for _, data in output_files(output)]
        assert read(path) == source  # the source file is never changed

    assert any(
        str(path) in record.getMessage() and "cannot be hidden" in record.getMessage()
        for record in errors
    )
    assert not any(b"zqxsbody" in data for data in published)
