"""costly-markup and the WordPress import, the last gaps (leftover15).

A cost is compared as a ratio of CPU time within one run, or as counted
work, never against a clock.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from markdown import Markdown
from pelican.settings import read_settings
from sitebuild import ROOT
from test_hunt11 import grows_linearly

from reflect.importer import ImportPlan, _body
from sitekit.markdowncost import costly_markup

SITE_SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
SITE_MARKDOWN = Markdown(extensions=["extra", "codehilite", "smarty"])


def convert(text: str) -> str:
    SITE_MARKDOWN.reset()
    return SITE_MARKDOWN.convert(text)


def imported_body(html: str) -> tuple[str, ImportPlan]:
    """The body ``reflect import-wordpress`` writes for a post of ``html``."""
    plan = ImportPlan()
    site = SimpleNamespace(settings=SITE_SETTINGS)
    body = _body(SimpleNamespace(html=html), ROOT / "x.md", site, plan)
    return body, plan


# 1. An imported post of `[` Markdown reads in the square of its length -------

#: Paragraphs of `[` Markdown's link patterns read to the end from each
#: one, which the check took for closed: by a `]` that closes an inner `[`
#: (they count), an escaped `]`, a `]` in a code span, a `)` that closes
#: an inner `(`, or behind a `\\` (an escaped backslash, not an escape).
BRACKETS_READ_FAR = {
    "nested": lambda n: "[ [a] " * (n // 6),
    "escaped closes": lambda n: "[a\\] " * (n // 5),
    "closes in code": lambda n: "[a `]` " * (n // 7),
    "nested targets": lambda n: "[a](b(c) " * (n // 9),
    "escaped backslashes": lambda n: "\\\\[a " * (n // 5),
}


@pytest.mark.parametrize(
    "shape", BRACKETS_READ_FAR.values(), ids=BRACKETS_READ_FAR.keys()
)
def test_markdown_reads_these_brackets_in_the_square_of_their_length(shape):
    small, large = grows_linearly(shape, 1_000, convert)
    assert large / small > 9, (small, large)  # 4 is linear, 16 quadratic


@pytest.mark.parametrize(
    "shape", BRACKETS_READ_FAR.values(), ids=BRACKETS_READ_FAR.keys()
)
def test_brackets_read_far_are_costly_and_found_in_linear_time(shape):
    found = costly_markup("Title: x\n\n" + shape(100_000))
    assert found is not None and found.line == 3
    small, large = grows_linearly(shape, 100_000, costly_markup)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)


#: WordPress posts whose text holds them (markdownify writes `[`, `]`,
#: `\\` and backticks of text as they are).
IMPORTED_BRACKETS = {
    "nested": lambda n: "<p>" + "[ [a] " * (n // 6) + "</p>",
    "escaped closes": lambda n: "<p>" + "[a\\] " * (n // 5) + "</p>",
    "nested targets": lambda n: "<p>" + "[a](b(c) " * (n // 9) + "</p>",
}


@pytest.mark.parametrize(
    "shape", IMPORTED_BRACKETS.values(), ids=IMPORTED_BRACKETS.keys()
)
def test_an_imported_post_of_brackets_read_far_is_imported_as_text_at_once(shape):
    body, plan = imported_body(shape(60_000))
    assert plan.made_plain_costly and costly_markup(body) is None
    assert "\\[" in body
    small, large = grows_linearly(shape, 20_000, imported_body)
    assert (large + 0.001) / (small + 0.001) < 9, (small, large)


def test_ordinary_links_nested_brackets_and_code_are_not_costly():
    ordinary = (
        "See [the [draft] notes](https://x.example/a_(b) 'A title') and "
        '![a chart](c.png "Chart"), [sic] and `a[i]` or \\[x\\]. ' * 5_000
    )
    assert costly_markup(ordinary) is None
