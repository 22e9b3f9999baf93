"""Every piece of content a Pelican generator or context holds, whatever its
status: plugins that annotate posts must not miss drafts or translations."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


_CONTEXT_GROUPS = (
    "articles",
    "hidden_articles",
    "drafts",
    "pages",
    "hidden_pages",
    "draft_pages",
)


def every_content(context: Mapping[str, Any]) -> Iterator[Any]:
    """Every article and page in a global context, translations included,
    each once."""
    seen: set[int] = set()
    for content in chain.from_iterable(
        context.get(name, ()) for name in _CONTEXT_GROUPS
    ):
        for item in (content, *getattr(content, "translations", ())):
            if id(item) not in seen:
                seen.add(id(item))
                yield item
