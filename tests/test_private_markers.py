"""Private markers as a person reads them, and the structure that hides them.

``sitekit.markers`` recognises a marker after Unicode folding and within a
small edit distance of ``[!private]``; ``sitekit.privateblocks`` hides what
Markdown makes part of a private quote or paragraph; ``sitekit.withheld``
drops the fields a rule withholds. One behaviour per test.
"""

from __future__ import annotations

import markdown
import pytest

from sitekit.markers import found_markers, has_private_marker
from sitekit.privateblocks import PrivateBlocksExtension
from sitekit.withheld import (
    field_rules,
    leftover_fields,
    value_texts,
    withhold_raw,
)

READ_AS_PRIVATE = {
    "as written": "[!private]",
    "upper case": "[!PRIVATE]",
    "stray spaces": "[ ! private ]",
    "a letter missing": "[!privte]",
    "no exclamation mark": "[private]",
    "two letters swapped": "[!pirvate]",
    "no closing bracket": "[!private",
    "a zero-width space inside": "[!pri\u200bvate]",
    "a soft hyphen inside": "[!pri\u00advate]",
    "a word joiner inside": "[\u2060!private]",
    "fullwidth brackets": "\uff3b!private\uff3d",
    "fullwidth letters": "[!\uff50\uff52\uff49\uff56\uff41\uff54\uff45]",
    "a Cyrillic er": "[!\u0440rivate]",
    "a Cyrillic i": "[!pr\u0456vate]",
    "a Greek rho": "[!\u03c1rivate]",
    "a Cyrillic a and e": "[!priv\u0430t\u0435]",
    "an accent": "[!pri\u0301vate]",
    "lenticular brackets": "\u3010!private\u3011",
}


@pytest.mark.parametrize("marker", READ_AS_PRIVATE.values(), ids=READ_AS_PRIVATE.keys())
def test_a_marker_is_recognised_however_a_person_would_read_it(marker):
    assert has_private_marker(f"> {marker} the figure she quoted")
    [found] = found_markers(f"Title: x\n\nI said {marker} to him")
    assert found.line == 3
    assert found.spelling == marker
    assert found.canonical == (marker == "[!private]")


@pytest.mark.parametrize(
    "text",
    [
        "a private conversation",
        "[privately]",
        "[!lesson] Aim two levels up",
        "[!note]",
        "(private)",
        "[link](https://example.org/private)",
        "[!important]",
    ],
)
def test_ordinary_text_is_not_a_marker(text):
    assert not has_private_marker(text)


def test_the_spelling_found_names_the_characters_a_reader_cannot_see():
    [found] = found_markers("[!pr\u0456\u200bvate]")

    assert "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I" in found.described()
    assert "U+200B ZERO WIDTH SPACE" in found.described()


def render(text: str, **options) -> tuple[str, PrivateBlocksExtension]:
    private = PrivateBlocksExtension(**options)
    md = markdown.Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.meta", private],
        output_format="html5",
    )
    private.start_document()
    return md.convert(text), private


UNICODE_SPACES = [
    "\u00a0",
    "\u1680",
    "\u2000",
    "\u2003",
    "\u2007",
    "\u200a",
    "\u202f",
    "\u205f",
    "\u3000",
]


@pytest.mark.parametrize("space", UNICODE_SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_a_line_of_unicode_spaces_does_not_end_a_private_quote(space):
    html, _ = render(
        f"> [!private] SECRET one\n>{space}\n{space}\nSECRET carried on\n\nPublic.\n"
    )

    assert "SECRET" not in html
    assert "<p>Public.</p>" in html


def test_a_private_quote_is_the_whole_quote_markdown_builds():
    html, private = render(
        "> [!private] SECRET\n>\n> SECRET after a quoted blank\n\n"
        "> SECRET in the quote Markdown carries on\n\nPublic.\n"
    )

    assert "SECRET" not in html
    assert "<p>Public.</p>" in html
    assert private.document_state().hidden_blocks == 1


def test_a_marker_mid_paragraph_hides_the_whole_paragraph():
    html, _ = render(
        "Public.\n\nSECRET before [!private] and SECRET after\n\nPublic.\n"
    )

    assert "SECRET" not in html
    assert html.count("Public.") == 2


@pytest.mark.parametrize(
    "body",
    [
        "- Public\n- [!private] SECRET\n",
        "| a | b |\n|---|---|\n| Public | x |\n| [!private] | SECRET |\n",
        "## [!private] SECRET heading\n\nPublic.\n",
        "Public.\n\n    [!private] SECRET in indented code\n",
        '<div class="x">\n[!private] SECRET in raw HTML\n</div>\n\nPublic.\n',
        "Public[^1].\n\n[^1]: [!private] SECRET in a footnote\n",
    ],
    ids=["list item", "table row", "heading", "indented code", "raw HTML", "footnote"],
)
def test_a_marker_hides_the_block_that_holds_it(body):
    html, _ = render(body)

    assert "SECRET" not in html
    assert "Public" in html


def test_fenced_code_is_literal_in_posts_and_hidden_in_comments():
    fenced = "```\n> [!private] Example\n```\n"

    assert "[!private] Example" in render(fenced)[0]
    assert "Example" not in render(fenced, literal_fences=False)[0]


def test_a_marker_no_block_holds_empties_the_document_and_says_where():
    html, private = render(
        "Title: x\n\nThe ABC is public.\n\n*[ABC]: [!privte] SECRET definition\n"
    )

    assert html == ""
    [found] = private.document_state().unhidden
    assert (found.line, found.spelling) == (5, "[!privte]")


def test_a_field_with_a_marker_on_any_line_is_withheld_whole():
    _, private = render(
        "Title: Kept\nSummary: Public start\n    [!private] SECRET\nWho: Kept\n\nBody\n"
    )

    assert set(private.document_state().withheld) == {"summary"}
    assert private.document_state().field_lines["summary"] == [2, 3]


def test_local_only_fields_are_withheld_only_when_the_build_says_so():
    fields = {"follow-up": ["2026-01-10"], "who": ["Graham"]}
    settings = {"LOCAL_ONLY_FIELDS": ["Follow-up"]}

    assert withhold_raw(dict(fields), field_rules(settings)) == []
    [withheld] = withhold_raw(
        fields, field_rules({**settings, "WITHHOLD_LOCAL_ONLY": True})
    )
    assert (withheld.field, withheld.private) == ("follow-up", False)
    assert fields == {"who": ["Graham"]}


def test_every_metadata_value_type_is_read_for_its_text():
    class Tag:
        def __init__(self, name):
            self.name, self.slug = name, "tag"

    value = ["public", Tag("[!pr\u0456vate] secret"), ("nested", 3)]

    assert list(value_texts(value)) == ["public", "[!pr\u0456vate] secret", "nested"]
    [withheld] = leftover_fields({"tags": value, "title": "Kept"}, field_rules({}))
    assert withheld.field == "tags"
