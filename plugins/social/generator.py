"""The Pelican side of the preview images: which card each post gets, where
its PNG goes, and the facts the page head needs (``article.social_image``
and ``social_image_default`` in the context).

A generator, not a signal handler, because the cards show each post's
lessons, which the reflections generator attaches during its own
``generate_context``; generators run in the order their plugins are listed,
and this plugin declares it needs reflections before it (``PLUGIN``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.hygiene import marker_not_hidden
from sitekit.markers import found_markers
from sitekit.outputpaths import OutputPathError, output_file
from sitekit.rules import report_findings
from sitekit.selectedpages import writes_only_selected
from sitekit.text import as_text
from sitekit.uris import as_uri

from .cache import CardCache
from .card import HEIGHT, WIDTH, Card
from .imagepaths import overlong_image_name, post_image_save_as, posts_with_images
from .sharedimages import PlannedImage, shared_image_files
from .undrawable import card_fonts, undrawable_card_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SocialImage:
    """What ``og:image`` and ``twitter:image`` say about one image."""

    url: str
    width: int
    height: int
    alt: str


class PrivateCardText(SiteError):
    """Text with a private marker on its way into a preview image."""


class UndrawableCardText(SiteError):
    """Text a preview image's fonts cannot draw, where that is an error."""


def checked(card: Card, source: str | None) -> Card:
    """``card`` if every word it would draw passed the privacy check.

    Titles, lessons and the site's name reach the card after the readers
    withheld every private field and block, so a marker here means one got
    past them: the image is not drawn and the build stops (privacy fails
    closed), naming the post, or the setting for the site's own card.
    """
    for text in (card.title, *card.lessons, card.site_name):
        found = found_markers(text)
        if found:
            where = (
                "in the text of its preview image"
                if source
                else (
                    "in SITENAME or SITESUBTITLE, drawn into the site's preview image"
                )
            )
            finding = marker_not_hidden(replace(found[0], line=None), source, where)
            raise log_and_raise(
                PrivateCardText(finding.message, source, rule=finding.rule)
            )
    return card


def article_card(article: Any, site_name: str) -> Card:
    """The words drawn: each field's text (sitekit.text), as the pages show it."""
    lessons = tuple(as_text(lesson.title) for lesson in article.lessons)
    return Card(as_text(article.title), lessons, site_name)


def post_images(context: dict[str, Any]) -> list[tuple[Any, PlannedImage]]:
    """Each post with a page of its own, and its image where
    ``SOCIAL_IMAGE_SAVE_AS`` puts it (none when it is None)."""
    post_path = context.get("SOCIAL_IMAGE_SAVE_AS")
    if not post_path:
        return []
    site_name = as_text(context.get("SITENAME"))
    return [
        (
            article,
            PlannedImage(
                post_image_save_as(post_path, article),
                article_card(article, site_name),
                article.source_path,
            ),
        )
        for article in posts_with_images(context)
    ]


def alt_text(card: Card) -> str:
    """The image's words, in the order it shows them."""
    parts = [card.title]
    if card.lessons:
        parts.append("Lessons: " + "; ".join(card.lessons))
    if card.site_name and card.site_name != card.title:
        parts.append(card.site_name)
    return ". ".join(part.rstrip(".") for part in parts) + "."


class SocialImageGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.planned: dict[str, Card] = {}  # save_as -> card
        self.cache: CardCache | None = None

    def generate_context(self) -> None:
        settings = self.settings
        report_findings(
            undrawable_card_text(self.context),
            settings["SOCIAL_IMAGE_STRICT"],
            UndrawableCardText,
            "preview images",
        )
        site_name = as_text(settings.get("SITENAME"))
        site_url = settings.get("SITEURL", "")
        posts = post_images(self.context)
        for _, image in posts:
            checked(image.card, image.source)
            self._check(image.save_as, image.source)
        report_findings(
            shared_image_files(image for _, image in posts),
            settings["SOCIAL_IMAGE_STRICT"],
            OutputPathError,
            "preview image",
        )
        for article, image in posts:
            self.planned[image.save_as] = image.card
            article.social_image = self._image(site_url, image.save_as, image.card)
        default_path = settings["SOCIAL_IMAGE_DEFAULT_SAVE_AS"]
        self.context["social_image_default"] = None
        if default_path:
            subtitle = as_text(settings.get("SITESUBTITLE")) or site_name
            card = checked(Card(subtitle, (), site_name), None)
            self._check(default_path, None)
            self.planned[default_path] = card
            self.context["social_image_default"] = self._image(
                site_url, default_path, card
            )
        self._draw_ahead()

    def _draw_ahead(self) -> None:
        """The cards are known now, and drawn while the rest of the site is
        generated and written, where other processes can (fastbuild): the
        build's own process has listings, lesson pages and feeds to write
        on its own. A pass writing only selected pages (make serve's first)
        leaves the images to the whole build."""
        if not self.planned or writes_only_selected(self.settings):
            return
        self.cache = CardCache(
            Path(self.settings["CACHE_PATH"]) / "social-images",
            card_fonts(self.settings),
        )
        self.cache.draw_ahead(list(self.planned.values()))

    def _check(self, save_as: str, source: str | None) -> Path:
        """Where the image goes; one that would leave the output folder, or
        that a file system cannot name (a custom ``SOCIAL_IMAGE_SAVE_AS``
        can make a long name of a slug the post's own page keeps short
        enough), stops the build before anything is written, naming the
        post and its ``Slug`` line."""
        problem = overlong_image_name(save_as, source)
        if problem is not None:
            report_findings(
                [problem],
                self.settings["SOCIAL_IMAGE_STRICT"],
                OutputPathError,
                "preview image",
            )
        try:
            return output_file(
                self.output_path,
                save_as,
                what="the preview image's path",
                source=source,
            )
        except OutputPathError as error:
            raise log_and_raise(error) from None

    @staticmethod
    def _image(site_url: str, save_as: str, card: Card) -> SocialImage:
        # A URI, as the page's own address (og:url) is.
        return SocialImage(
            as_uri(f"{site_url}/{save_as}"), WIDTH, HEIGHT, alt_text(card)
        )

    def generate_output(self, writer) -> None:
        # A pass writing only selected pages (make serve's first) leaves the
        # images to the whole build; the pages' tags are in the context.
        cache = self.cache
        if cache is None:
            return
        planned = list(self.planned.items())
        # Each PNG is written as it comes: a thousand are twenty megabytes.
        pngs = cache.pngs([card for _, card in planned])
        for (save_as, _), data in zip(planned, pngs, strict=True):
            path = self._check(save_as, None)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            signals.content_written.send(str(path), context=self.context)
        cache.prune()
        logger.info(
            "Social images: %d drawn, %d from the cache",
            cache.drawn,
            len(self.planned) - cache.drawn,
        )
