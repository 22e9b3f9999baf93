"""Two posts whose preview images would be written to one file.

``SOCIAL_IMAGE_SAVE_AS`` names each post's image; a setting that leaves
out what tells two posts apart (``images/{slug}.png`` for two posts of one
slug in two years, or a post and its translation) gives them one file.
The last post's image is written there and both pages show it. One check,
for the build and for ``reflect lint`` (which draws no image) alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitekit.rules import Finding, Rule, declare_rules

from .card import Card

(SHARED_IMAGE_FILE,) = declare_rules(
    Rule(
        "shared-image-file",
        "two posts whose preview images (`SOCIAL_IMAGE_SAVE_AS`) would be "
        "written to one file",
        "warning",
        "warning",
    ),
)


@dataclass(frozen=True)
class PlannedImage:
    """A post's preview image: where it goes and what it shows."""

    save_as: str
    card: Card
    source: str


def shared_image_files(planned: Iterable[PlannedImage]) -> list[Finding]:
    """A finding at each post whose image would overwrite an earlier post's
    other image; two posts with the same card may share its file."""
    found = []
    cards: dict[str, Card] = {}
    for image in planned:
        if cards.get(image.save_as, image.card) != image.card:
            found.append(
                Finding(
                    SHARED_IMAGE_FILE.name,
                    "its preview image would overwrite another post's at "
                    f"{image.save_as}; add {{lang}} or {{date}} to "
                    "SOCIAL_IMAGE_SAVE_AS",
                    image.source,
                )
            )
        cards[image.save_as] = image.card
    return found
