"""Every piece of content a Pelican generator holds, whatever its status."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any


def every_article(generator: Any) -> Iterator[Any]:
    """Published, hidden and draft articles, with their translations."""
    return chain(
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    )


def every_page(generator: Any) -> Iterator[Any]:
    """Published, hidden and draft pages, with their translations."""
    return chain(
        generator.pages,
        generator.translations,
        generator.hidden_pages,
        generator.hidden_translations,
        generator.draft_pages,
        generator.draft_translations,
    )
