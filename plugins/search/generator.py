"""The search page, written like any other page of the site.

``generate_context`` runs after the reflections generator (the plugin
order in ``PLUGINS``, which the build checks), so every post's lessons are
resolved when its filters are worked out. Only published posts are marked for the index
(``article.search_filters``), each with its published translations (``Lang:``,
one slug), which Pelican keeps beside the posts rather than among them; drafts
and hidden posts are never searchable. The menus count conversations, so a
post and its translations count once.
``generate_output`` writes the page through ``Writer.write_file``, so
RELATIVE_URLS, ``content_written`` and the other plugins see it as they see
every page.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from sitekit.templates import theme_or_plugin_template

from .filters import filter_checks, filter_choices, post_filters

TEMPLATES = Path(__file__).parent / "templates"


class SearchPageGenerator(Generator):
    def _template(self, name: str):
        return theme_or_plugin_template(self, name, TEMPLATES)

    def generate_context(self) -> None:
        for article in self.context.get("articles", ()):
            for post in (article, *article.translations):
                post.search_filters = post_filters(post)
        every_post = [
            article.search_filters for article in self.context.get("articles", ())
        ]
        self.context["search_choices"] = filter_choices(every_post)
        self.context["search_checks"] = filter_checks(every_post)

    def generate_output(self, writer) -> None:
        if not self.settings["SEARCH_SAVE_AS"]:
            return
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"],
            self._template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["SEARCH_URL"],
            template_name="search",
        )
