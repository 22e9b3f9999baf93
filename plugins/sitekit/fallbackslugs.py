"""A slug for every tag, category and author, even one without letters.

Pelican makes a tag's, category's or author's URL from its name with
``slugify``; a name with no letters or digits (``Tags: 🙂``) slugifies to
nothing, and the site breaks where the slug is needed (a feed named
``tag/.atom.xml``, a ``KeyError: 'slug'``). Every reader's metadata goes
through ``give_fallback_slugs`` as it is read: such a name keeps its
name and gets a slug made of its characters' code points (``u1f642``),
with a warning naming the file and the field's line, the same in the
build and in ``reflect lint``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pelican.urlwrappers import URLWrapper

from .rules import Finding, Rule, declare_rules

(UNSLUGGABLE_NAME,) = declare_rules(
    Rule(
        "unsluggable-name",
        "a tag, category, author or series with no letters or digits for its "
        "URL (it gets one made of its characters' code points)",
        "warning",
        "warning",
    ),
)


def fallback_slug(name: str) -> str:
    """A slug from the code points of ``name``'s visible characters."""
    slug = "-".join(f"u{ord(c):04x}" for c in name if not c.isspace())
    return slug or "unnamed"


def _wrappers(value: Any) -> Iterator[URLWrapper]:
    if isinstance(value, URLWrapper):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _wrappers(item)


def give_fallback_slugs(
    metadata: Mapping[str, Any],
    path: str | None = None,
    lines: Mapping[str, list[int]] | None = None,
) -> list[Finding]:
    """Give each name in ``metadata`` that slugifies to nothing a fallback
    slug; a finding for each."""
    findings: list[Finding] = []
    for field, value in metadata.items():
        for wrapper in _wrappers(value):
            if wrapper.slug:
                continue
            wrapper.slug = fallback_slug(str(wrapper.name))
            findings.append(
                Finding(
                    UNSLUGGABLE_NAME.name,
                    f"{field.capitalize()}: {wrapper.name!r} has no letters or "
                    f"digits for its URL, so its pages use {wrapper.slug!r}; "
                    "add a word to the name to choose a better one",
                    path,
                    ((lines or {}).get(field) or [None])[0],
                )
            )
    return findings
