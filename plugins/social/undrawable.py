"""Words a preview image leaves out because its fonts cannot draw them.

A card draws only what its fonts have glyphs for (``glyphs.py``): the
bundled DejaVu fonts have no Chinese, Japanese or Korean and no emoji, and
an empty box on every shared link would be worse than a shorter title. So
the image leaves those characters out, and the build and ``reflect lint``
say which, in which field, and which setting names a font that has them.
Where Pillow has no libraqm, the Arabic, Hebrew or Indic letters it would
draw apart and reversed are left out the same way, and said so, with how
to get libraqm. One check for both, as the social plugin's content stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sourcelines import field_line
from sitekit.text import as_text

from .card import Fonts
from .glyphs import font_characters, missing, unshapeable
from .imagepaths import posts_with_images

(UNDRAWABLE_CARD_TEXT,) = declare_rules(
    Rule(
        "undrawable-card-text",
        "a title, lesson, `SITENAME` or `SITESUBTITLE` with characters the "
        "preview image's font has no glyph for (Chinese, Japanese, Korean, "
        "emoji in DejaVu Sans), or that a Pillow without libraqm cannot join "
        "and order (Arabic, Hebrew, Devanagari): the image leaves them out "
        "rather than draw empty boxes or letters apart and reversed",
        "warning",
        "warning",
    ),
)
SHOWN = 8  # missing characters a message lists before "and N more"


def card_fonts(settings: Any) -> Fonts:
    return Fonts(
        Path(settings["SOCIAL_IMAGE_TITLE_FONT"]),
        Path(settings["SOCIAL_IMAGE_TEXT_FONT"]),
    )


def undrawable_card_text(context: dict[str, Any]) -> list[Finding]:
    """A finding for each post field, and each site setting, whose text a
    preview image leaves out in part: only for images the build draws."""
    fonts = card_fonts(context)
    title = font_characters(fonts.title)
    text = font_characters(fonts.text)
    site_name = as_text(context.get("SITENAME"))
    found: list[Finding] = []
    if context.get("SOCIAL_IMAGE_SAVE_AS"):
        for article in posts_with_images(context):
            found += _post_findings(article, title, text)
    if context.get("SOCIAL_IMAGE_SAVE_AS") or context.get(
        "SOCIAL_IMAGE_DEFAULT_SAVE_AS"
    ):
        found += _findings(None, None, "SITENAME", site_name, text, "TEXT")
    if context.get("SOCIAL_IMAGE_DEFAULT_SAVE_AS"):
        subtitle = as_text(context.get("SITESUBTITLE")) or site_name
        found += _findings(None, None, "SITESUBTITLE", subtitle, title, "TITLE")
    return found


def _post_findings(
    article: Any, title: frozenset[int], text: frozenset[int]
) -> Iterator[Finding]:
    source = article.source_path
    yield from _findings(
        source,
        field_line(source, "title"),
        "title",
        as_text(article.title),
        title,
        "TITLE",
    )
    lessons = " ".join(as_text(lesson.title) for lesson in article.lessons)
    if lessons:
        yield from _findings(
            source, field_line(source, "lessons"), "lessons", lessons, text, "TEXT"
        )


def _findings(
    source: str | None,
    line: int | None,
    field: str,
    text: str,
    characters: frozenset[int],
    font: str,
) -> list[Finding]:
    """What the image leaves out of ``text`` (drawn with the font whose
    ``characters`` these are): what the font has no glyph for, and what
    this Pillow cannot lay out right; a line for each."""
    found = []
    absent = missing(text, characters)
    if absent:
        found.append(
            f"the preview image leaves out {_listed(absent)} from the {field}: "
            "its font has no glyph for them (they would be empty boxes); set "
            f"SOCIAL_IMAGE_{font}_FONT to a font that has them"
        )
    unshaped = [character for character in unshapeable(text) if character not in absent]
    if unshaped:
        found.append(
            f"the preview image leaves out {_listed(unshaped)} from the {field}: "
            "this Pillow has no libraqm to join and order them (they would be "
            "drawn apart and in reverse); install libraqm with FriBiDi "
            "(Debian: apt install libraqm0) and build again"
        )
    return [
        Finding(UNDRAWABLE_CARD_TEXT.name, message, source, line) for message in found
    ]


def _listed(characters: list[str]) -> str:
    shown = " ".join(characters[:SHOWN])
    if len(characters) > SHOWN:
        shown += f" and {len(characters) - SHOWN} more"
    return shown
