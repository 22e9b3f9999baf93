"""Writes the JSON Feed and the feeds page; Atom and RSS come from Pelican."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader
from pelican.generators import Generator

from sitekit.datafiles import write_json

from .catalog import FeedIndex
from .entries import EntryBuilder
from .jsonfeed import json_feed

TEMPLATES = Path(__file__).parent / "templates"


class FeedsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.loader.loaders.insert(1, FileSystemLoader(str(TEMPLATES)))

    def generate_context(self) -> None:
        """List the site's feeds, for the feeds page and every template."""
        lessons = getattr(self.context.get("reflection_index"), "lessons", ())
        categories = [category for category, _ in self.context.get("categories", ())]
        tags = sorted(tag for tag, _ in self.context.get("tags", ()))
        index = FeedIndex.build(self.settings, categories, tags, lessons)
        self.context["feed_index"] = index
        self.context["feed_catalog"] = index.sections(categories, tags, lessons)

    def generate_output(self, writer) -> None:
        settings = self.settings
        groups = self.context["feed_catalog"]
        if settings["FEED_ALL_JSON"]:
            self._write_json_feed(writer)
        if groups and settings["FEEDS_PAGE_SAVE_AS"]:
            writer.write_file(
                settings["FEEDS_PAGE_SAVE_AS"],
                self.get_template("feeds"),
                self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=settings["FEEDS_PAGE_URL"],
                feed_catalog=groups,
                template_name="feeds",
            )

    def _write_json_feed(self, writer) -> None:
        settings = self.settings
        site_url = settings.get("SITEURL") or ""
        domain = settings.get("FEED_DOMAIN") or site_url
        entries = getattr(writer, "entries", None) or EntryBuilder(settings)
        articles = self.context.get("articles", [])[: settings.get("FEED_MAX_ITEMS")]
        feed = json_feed(
            (entries.entry(article, site_url) for article in articles),
            title=settings["SITENAME"],
            home_page_url=f"{site_url}/",
            feed_url=f"{domain}/{settings['FEED_ALL_JSON']}",
            description=settings.get("SITESUBTITLE"),
            language=settings.get("DEFAULT_LANG"),
            author=settings.get("AUTHOR"),
        )
        write_json(self.output_path, settings["FEED_ALL_JSON"], feed)
