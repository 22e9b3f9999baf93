"""No local-only field reaches a published file, whatever reads it and
whatever it holds; a local build shows the same fields on the desk.

Hypothesis writes a sentinel into one local-only field (any spelling of its
name) of a post read by one of the site's readers: Markdown, reST, HTML, or a
reader the settings register (``READERS``). The value is one line, a field
repeated, a field with a continuation line, or a formatted field (HTML, in
``FORMATTED_FIELDS``). The sample site with that post is then built twice:

* as ``make publish`` builds it, with templates that also print every
  metadata value of each post and page (so that a field left in the
  metadata would be found): no file of the output holds the sentinel,
  compressed ones decompressed and the search index's CBOR decoded (its
  words stemmed, so their start is looked for), and no preview image was
  drawn with it (the text of every card drawn is recorded);
* as ``make html`` builds it: the desk shows it. So the search above can
  fail: it finds the sentinel where a build puts it.
"""

from __future__ import annotations

import gzip
import html
import logging
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path

import cbor2
import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st
from pelican.readers import BaseReader
from sitebuild import build_site, copy_content, output_files

from social.cache import CardCache

TODAY = "2026-12-04"
PUBLISHED = {"SITEURL": "https://example.org/blog"}


class NotesReader(BaseReader):
    """A reader a site registers for ``.notes`` files: ``Key: value`` lines,
    a blank line, then the text."""

    enabled = True
    file_extensions = ("notes",)

    def read(self, source_path):
        text = Path(source_path).read_text(encoding="utf-8")
        head, _, body = text.partition("\n\n")
        metadata: dict = {}
        for line in head.splitlines():
            key, _, value = line.partition(":")
            name = key.strip().lower()
            value = self.process_metadata(name, value.strip())
            if name in metadata:
                kept = metadata[name]
                metadata[name] = [*(kept if isinstance(kept, list) else [kept]), value]
            else:
                metadata[name] = value
        return f"<p>{html.escape(body.strip())}</p>", metadata


READERS = ("md", "rst", "html", "notes")
SPELLINGS = {
    "Follow-up": ["Follow-up", "FOLLOW-UP", "follow_up", "Followup", "Follow-ups"],
    "Introduced-by": ["Introduced-by", "introduced_by", "INTRODUCED-BY"],
    "Introduced": ["Introduced", "introduced"],
    "Next-contact": ["Next-contact", "next_contact", "NextContact"],
}
# Names only reST and HTML can spell: a non-breaking hyphen, full width.
UNICODE_SPELLINGS = {
    "Follow-up": ["Follow\u2011up", "ｆｏｌｌｏｗ－ｕｐ"],
    "Next-contact": ["Next\u2011contact"],
}
SHAPES = ("single", "repeated", "continuation", "formatted")

words = st.text(string.ascii_lowercase, min_size=8, max_size=10)
sentinels = words.map(lambda letters: f"zqx{letters}q")


@st.composite
def cases(draw):
    reader = draw(st.sampled_from(READERS))
    field = draw(st.sampled_from(sorted(SPELLINGS)))
    names = SPELLINGS[field] + (
        UNICODE_SPELLINGS.get(field, []) if reader in ("rst", "html") else []
    )
    name = draw(st.sampled_from(names))
    shape = draw(st.sampled_from(SHAPES))
    assume(not (shape == "continuation" and reader not in ("md", "rst")))
    assume(not (shape == "continuation" and field == "Next-contact"))
    assume(not (shape == "formatted" and reader in ("html", "notes")))
    if field == "Next-contact":  # a day no other file of the site names
        day = draw(st.dates(min_value=date(1901, 1, 1), max_value=date(1949, 12, 31)))
        sentinel = day.isoformat()
    else:
        sentinel = draw(sentinels)
    return reader, field, name, shape, sentinel


def values(field: str, shape: str, sentinel: str) -> list[str]:
    """The field's lines' values; a continuation line starts with spaces."""
    if field == "Next-contact":
        first = sentinel
    elif field == "Follow-up":
        first = f"2026-12-10 Send {sentinel}"
    else:
        first = f"{sentinel}, met at the library"
    if shape == "repeated":  # the sentinel last: a reST field keeps its last
        other = "1 week" if field == "Next-contact" else first.replace(sentinel, "Kim")
        return [other, first]
    if shape == "continuation":
        if field == "Follow-up":
            return ["2026-12-10 Send the notes", f"    to {sentinel}"]
        return ["Sam", f"    and {sentinel}"]
    return [first]


def post_text(reader: str, name: str, lines: list[str], extra: list[tuple[str, str]]):
    public = [
        ("Title", "A conversation for the sentinel"),
        ("Slug", "sentinel"),
        ("Date", "2026-11-20"),
        ("Who", "Sam Quill, a planner"),
        *extra,
    ]
    if reader in ("md", "notes"):
        head = [f"{key}: {value}" for key, value in public]
        for value in lines:
            head.append(value if value.startswith(" ") else f"{name}: {value}")
        return "\n".join(head) + "\n\nA public sentence about the conversation.\n"
    if reader == "rst":
        title = public[0][1]
        head = [title, "#" * len(title), ""]
        head += [f":{key.lower()}: {value}" for key, value in public[1:]]
        for value in lines:
            head.append(value if value.startswith(" ") else f":{name}: {value}")
        return "\n".join(head) + "\n\nA public sentence about the conversation.\n"
    metas = [
        f'<meta name="{k.lower()}" content="{html.escape(v)}">' for k, v in public[1:]
    ]
    metas += [
        f'<meta name="{html.escape(name)}" content="{html.escape(v)}">' for v in lines
    ]
    return (
        f"<html><head><title>{public[0][1]}</title>{''.join(metas)}</head>"
        "<body><p>A public sentence about the conversation.</p></body></html>\n"
    )


#: Templates over the theme's that print every metadata value: what a theme
#: careless with fields would publish.
EVERY_FIELD = """{%% extends "!theme/%(name)s.html" %%}
{%% block content %%}{{ super() }}
<pre class="every-field">
{%% for key, value in %(name)s.metadata.items() %%}{{ key }}={{ value }}
{%% endfor %%}</pre>{%% endblock %%}
"""


def every_field_templates(folder: Path) -> Path:
    folder.mkdir()
    for name in ("article", "page"):
        (folder / f"{name}.html").write_text(EVERY_FIELD % {"name": name})
    return folder


@contextmanager
def drawn_cards() -> Iterator[list]:
    """Every preview card this process draws or takes from the card cache."""
    cards: list = []
    original = CardCache.pngs

    def recording(self, batch):
        cards.extend(batch)
        return original(self, batch)

    CardCache.pngs = recording
    try:
        yield cards
    finally:
        CardCache.pngs = original


@contextmanager
def logged_errors() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(handler)


PAGEFIND_SIGNATURE = b"pagefind_dcd"


def cbor_strings(data: bytes) -> list[str]:
    """Every string in a Pagefind index chunk: gzip, its signature, then CBOR."""

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, bytes):
            yield value.decode("utf-8", "replace")
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(key)
                yield from walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item)

    assert data.startswith(PAGEFIND_SIGNATURE)
    return list(walk(cbor2.loads(data[len(PAGEFIND_SIGNATURE) :])))


def assert_nowhere(output: Path, needles: list[bytes], case) -> None:
    written = list(output_files(output))
    assert len(written) > 50
    index_words: list[str] = []
    for path, data in written:
        name = path.relative_to(output).as_posix()
        lowered = data.lower()
        for needle in needles:
            assert needle not in lowered, (case, name, needle)
        if name.startswith("pagefind/") and path.suffix == ".pf_index":
            words = cbor_strings(gzip.decompress(path.read_bytes()))
            index_words += words
            text = " ".join(words)
            for needle in needles:
                assert needle.decode() not in text.lower(), (case, name)
    # The index was decoded: it holds the words of the posts, stemmed.
    assert "convers" in index_words, index_words[:50]


# Each example is two builds of the site: the failing case is in every
# assertion's message, so it is not shrunk.
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(case=cases())
def test_no_local_only_field_reaches_a_published_file(case):
    reader, field, name, shape, sentinel = case
    lines = values(field, shape, sentinel)
    extra = [] if field == "Next-contact" else [("Next-contact", "1 day")]
    overrides = {"READERS": {"notes": NotesReader}, "DESK_TODAY": TODAY}
    if shape == "formatted":
        overrides["FORMATTED_FIELDS"] = ["summary", name.lower()]
    with tempfile.TemporaryDirectory() as folder:
        content = copy_content(Path(folder) / "content")
        post = content / "posts" / f"2026-11-20-sentinel.{reader}"
        post.write_text(post_text(reader, name, lines, extra), encoding="utf-8")
        # The stemmed start of a word, and a day as the desk would write it.
        needles = [sentinel[:-3].encode()]
        if field == "Next-contact":
            needles = [sentinel.encode(), _label(sentinel).lower().encode()]

        templates = every_field_templates(Path(folder) / "templates")
        with logged_errors() as errors, drawn_cards() as cards:
            published = build_site(
                Path(folder) / "published",
                conf="publishconf.py",
                content=content,
                THEME_TEMPLATES_OVERRIDES=[str(templates)],
                **PUBLISHED,
                **overrides,
            )
        assert not errors, [record.getMessage() for record in errors]
        page = (published / "2026" / "sentinel" / "index.html").read_text("utf-8")
        assert "who=Sam Quill, a planner" in page  # every field is printed
        assert_nowhere(published, needles, case)
        drawn = " ".join(str(asdict(card)) for card in cards).lower()
        assert "a conversation for the sentinel" in drawn  # the post's own card
        assert not any(needle.decode() in drawn for needle in needles)

        local = build_site(Path(folder) / "local", content=content, **overrides)
        desk = (local / "desk" / "index.html").read_bytes().lower()
        assert needles[0] in desk, (case, "the desk should show it")
        article = (local / "2026" / "sentinel" / "index.html").read_bytes().lower()
        assert b"a public sentence about the conversation" in article
        assert needles[0] not in article


def _label(day: str) -> str:
    parsed = date.fromisoformat(day)
    return f"{parsed:%B} {parsed.day}, {parsed.year}"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "about-2.md",
            "Title: Notes\nFollow-up: 2026-12-10 zqxpagesentinelq\n\nPublic page.\n",
        ),
        (
            "about-2.rst",
            "Notes\n#####\n\n:follow-up: 2026-12-10 zqxpagesentinelq\n\nPublic page.\n",
        ),
        (
            "about-2.html",
            "<html><head><title>Notes</title>"
            '<meta name="next_contact" content="zqxpagesentinelq">'
            "</head><body><p>Public page.</p></body></html>",
        ),
    ],
)
def test_pages_of_every_reader_publish_no_local_only_field(tmp_path, name, text):
    content = copy_content(tmp_path / "content")
    (content / "pages" / name).write_text(text, encoding="utf-8")
    templates = every_field_templates(tmp_path / "templates")
    published = {**PUBLISHED, "THEME_TEMPLATES_OVERRIDES": [str(templates)]}
    for conf, extra in (("publishconf.py", published), ("pelicanconf.py", {})):
        output = build_site(tmp_path / conf, conf=conf, content=content, **extra)
        page = (output / "notes" / "index.html").read_bytes()
        assert b"Public page." in page
        for path, data in output_files(output):
            assert b"zqxpagesentinel" not in data, (conf, path)
