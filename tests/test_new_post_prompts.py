"""A post that still holds a `reflect new` prompt was not finished: the
reader finds each such line (``placeholder_lines``) as it reads the post.

Most posts hold none, so one search of the whole text for any prompt
decides whether the lines are looked at one by one. These tests hold the
finding to the line-by-line reading it shortcuts, kept here as the
reference, on posts written with the prompts in every way a line can still
be one: other whitespace between its words, quoted, in a lesson callout,
in a private callout (where it does not count), in the metadata.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reflections.parse.prompts import (
    _LINE_PREFIX,
    _PRIVATE_START,
    _PROMPTS,
    NEW_POST_PROMPTS,
    placeholder_lines,
)
from sitekit.sourcelines import metadata_block


def read_line_by_line(lines: list[str]) -> tuple[tuple[int, str], ...]:
    """``placeholder_lines`` as it was until 2026-12-06: every line looked at."""
    block = metadata_block("\n".join(lines))
    found = [
        (line.number, line.value.strip())
        for line in block
        if " ".join(line.value.split()) in _PROMPTS
    ]
    in_private = False
    body_start = block[-1].number if block else 0
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if _PRIVATE_START.match(line):
            in_private = True
        elif not line.strip():
            in_private = False
        if in_private:
            continue
        text = _LINE_PREFIX.sub("", line)
        if " ".join(text.split()) in _PROMPTS:
            found.append((number, text.strip()))
    return tuple(found)


def spaced(prompt: str, space: str) -> str:
    return space.join(prompt.split())


#: Whitespace a writer's editor may leave between a prompt's words.
SPACES = [" ", "  ", "\t", "\u00a0", " \u2003"]

prompt_lines = st.builds(
    lambda prompt, space, prefix, suffix: prefix + spaced(prompt, space) + suffix,
    st.sampled_from(NEW_POST_PROMPTS),
    st.sampled_from(SPACES),
    st.sampled_from(["", "   ", "> ", "> > ", "> [!lesson] ", "\t"]),
    st.sampled_from(["", " ", ".", " and more"]),
)
other_lines = st.sampled_from(
    [
        "",
        "Plain text about the call.",
        "> [!private]",
        "> [!lesson] Aim two levels up",
        "What did they say?",
        "Their",
        "How long",
        "- a list item",
    ]
)
metadata = st.sampled_from(
    [
        "Title: A call\nDate: 2026-01-02",
        "Title: A call\nSummary: " + NEW_POST_PROMPTS[0],
        "Title: A call\nRole: Their  role and level",
        "",
    ]
)
posts = st.builds(
    lambda head, body: (head + "\n\n" + "\n".join(body)).split("\n"),
    metadata,
    st.lists(st.one_of(prompt_lines, other_lines), max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(posts)
def test_prompts_are_found_as_reading_every_line_finds_them(lines):
    assert placeholder_lines(lines) == read_line_by_line(lines)


def test_a_prompt_with_other_whitespace_between_its_words_is_still_found():
    for space in SPACES:
        lines = ["Title: A call", "", spaced(NEW_POST_PROMPTS[7], space)]
        assert placeholder_lines(lines) == ((3, spaced(NEW_POST_PROMPTS[7], space)),)


def test_a_finished_post_has_no_prompt_line():
    lines = ["Title: A call", "", "We talked about", "what they did next."]
    assert placeholder_lines(lines) == ()
