"""Series pages, written like any other page of the site."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from sitekit.outputpaths import output_file
from sitekit.templates import theme_or_plugin_template

TEMPLATES = Path(__file__).parent / "templates"


class SeriesPageGenerator(Generator):
    def generate_context(self) -> None:
        pass  # the series are assembled with the articles (see __init__)

    def generate_output(self, writer) -> None:
        if not self.settings["SERIES_SAVE_AS"]:
            return
        template = theme_or_plugin_template(self, "series", TEMPLATES)
        for series in self.context.get("series_list", ()):
            output_file(self.output_path, series.save_as, what="a series page's path")
            writer.write_file(
                series.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                series=series,
                articles=list(series.posts),
                url=series.url,
                template_name="series",
            )
