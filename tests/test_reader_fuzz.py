"""Fuzzing the post and comment readers: a page or a clear error, never a crash.

Hypothesis feeds random bytes, random Unicode, control characters, deep
quoting and very long lines to the readers, with and without a valid header.
A post is read (with no control character left in its HTML or metadata),
and what keeps it out of the site, if anything, names the file; a comment
file is read or left out with a finding. A few whole published builds check that what
comes out carries no control character either.
"""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings
from sitebuild import ROOT, build_site, copy_content, output_files

from comments.parse import CommentReader
from reflections.parse.reader import PARSED, ReflectionsMarkdownReader

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEADER = "Title: Fuzzed\nDate: 2025-01-01\n\n"
COMMENT_HEADER = "Author: Fuzz\nDate: 2025-01-02 10:00\n\n"

CONTROL_SAMPLES = ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85"]
control_text = st.text(st.sampled_from([*CONTROL_SAMPLES, "a", "\n"]), max_size=200)
unicode_text = st.text(max_size=500)
# "[" is left out: Python-Markdown's link pattern takes quadratic time on a
# line of brackets (10 seconds for 10,000), a known limit of the library.
long_lines = st.builds(
    lambda char, length: char * length,
    st.sampled_from(["a", "> ", "- ", "*", "`", "<", "#", " ", "é"]),
    st.integers(1_000, 60_000),
)
bodies = st.one_of(control_text, unicode_text, long_lines)
documents = st.one_of(
    st.binary(max_size=2_000),
    st.tuples(st.booleans(), bodies).map(
        lambda header_and_body: (
            (HEADER if header_and_body[0] else "") + header_and_body[1]
        ).encode("utf-8")
    ),
)


def reader_settings(content: Path) -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in strings_in(item)]
    return []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents)
def test_the_post_reader_reads_the_file_or_says_why_it_is_left_out(document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        path.write_bytes(document)
        reader = ReflectionsMarkdownReader(copy.deepcopy(reader_settings(Path(folder))))
        html, metadata = reader.read(str(path))
        parsed = metadata[PARSED]
        assert all(finding.path == str(path) for finding in parsed.findings)
        assert set(parsed.left_out) <= set(parsed.findings)
        assert not CONTROL.search(html)
        for key, value in metadata.items():
            for text in strings_in(value):
                assert not CONTROL.search(text), key


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(documents, bodies.map(lambda b: COMMENT_HEADER + b)))
def test_the_comment_reader_reads_or_leaves_the_file_out(document):
    if isinstance(document, str):
        document = document.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a-post" / "comment.md"
        path.parent.mkdir()
        path.write_bytes(document)

        comment, diagnostics = CommentReader("UTC").read(path)

        assert all(diagnostic.path == str(path) for diagnostic in diagnostics)
        if comment is None:
            assert any(d.rule == "bad-comment" for d in diagnostics)
        else:
            assert not CONTROL.search(comment.html + comment.text + comment.author)


@settings(max_examples=6, deadline=None)
@given(body=bodies)
def test_a_published_build_of_fuzzed_text_carries_no_control_character(body):
    with tempfile.TemporaryDirectory() as folder:
        content = copy_content(Path(folder) / "content")
        (content / "posts" / "2026-11-02-fuzzed.md").write_text(
            HEADER.replace("Fuzzed", "Fuzzed post") + body, encoding="utf-8"
        )
        (content / "comments" / "two-levels-up" / "fuzzed.md").write_text(
            COMMENT_HEADER + body, encoding="utf-8"
        )
        # A comment the fuzz leaves with no text to show (an empty body) is
        # a bad-comment error in a published build, which would stop it
        # before anything is written: told as a warning, it is left out.
        output = build_site(
            Path(folder) / "output",
            conf="publishconf.py",
            content=content,
            COMMENTS_STRICT=False,
        )
        for path, data in output_files(output):
            if path.suffix in {".html", ".xml", ".json"}:
                text = data.decode("utf-8")
                assert not CONTROL.search(text), path
