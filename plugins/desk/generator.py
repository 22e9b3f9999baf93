"""The desk page, written like any other page of a local build."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from sitekit.diagnostics import SiteError
from sitekit.rules import report_findings
from sitekit.templates import theme_or_plugin_template

from .stage import DESK, desk_stage

TEMPLATES = Path(__file__).parent / "templates"


class DeskProblem(SiteError):
    """A desk rule at the level of an error (only if a site makes it one)."""


class DeskGenerator(Generator):
    def generate_context(self) -> None:
        # After the reflections and comments plugins (PLUGINS order, which
        # the build checks): the index and the threads are there.
        findings = desk_stage(self.context)
        report_findings(findings, self.settings["DESK_STRICT"], DeskProblem, "desk")

    def generate_output(self, writer) -> None:
        desk = self.context.get(DESK)
        if desk is None or not desk.url:
            return  # not a local build, or no desk page wanted
        writer.write_file(
            self.settings["DESK_SAVE_AS"],
            theme_or_plugin_template(self, "desk", TEMPLATES),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=desk.url,
            noindex=True,
            template_name="desk",
        )
