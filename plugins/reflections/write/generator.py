"""The write stage: a Pelican generator for the index, lesson pages and feeds.

``generate_context`` runs after the articles and pages are read: it runs
every post through the pipeline (``pipeline.site_lessons``), reports what
it found at the levels of the rule table, and hands the index to every
template as ``reflection_index``, with the story and question banks
(``story_bank``, ``question_bank``: None when their page is not written).
``generate_output`` writes the index page, one page per lesson, the
stories and questions pages through Pelican's Writer, so the usual URL
settings and checks apply, and reflections.json (see ``write_json``).

A build that withholds stories (``parse.withheld``) has none to show, and
writes no stories page at all rather than an empty one.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pelican.generators import Generator

from sitekit.datafiles import write_json
from sitekit.rules import report_findings
from sitekit.templates import theme_or_plugin_template

from ..assemble.questions import question_bank
from ..assemble.sections import index_page
from ..assemble.stories import story_bank
from ..errors import LessonError
from ..parse.withheld import withheld_kinds
from ..pipeline import SiteLessons, site_lessons
from .export import index_as_data
from .urls import Lesson, absolute

TEMPLATES = Path(__file__).parent / "templates"


class ReflectionsGenerator(Generator):
    def _template(self, name: str):
        return theme_or_plugin_template(self, name, TEMPLATES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lessons: SiteLessons | None = None

    def generate_context(self) -> None:
        self.lessons = site_lessons(self.context)
        report_findings(
            self.lessons.findings,
            self.settings["REFLECTIONS_STRICT"],
            LessonError,
            "lesson",
        )
        index = self.lessons.index
        self.context["reflection_page"] = index_page(index)
        settings = self.settings
        withheld = "story" in withheld_kinds(settings)
        self.context["story_bank"] = (
            story_bank(index)
            if settings["REFLECTIONS_STORIES_SAVE_AS"] and not withheld
            else None
        )
        self.context["question_bank"] = (
            question_bank(index) if settings["REFLECTIONS_QUESTIONS_SAVE_AS"] else None
        )

    def generate_output(self, writer) -> None:
        if self.lessons is None:
            return
        index, vocabulary = self.lessons.index, self.lessons.vocabulary
        articles_by_key = {
            article.source_path: article for article in self.context["articles"]
        }
        settings = self.settings
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        if settings["REFLECTIONS_INDEX_SAVE_AS"]:
            write(
                settings["REFLECTIONS_INDEX_SAVE_AS"],
                self._template("reflections"),
                self.context,
                url=settings["REFLECTIONS_INDEX_URL"],
                template_name="reflections",
            )
        for name, bank in (
            ("stories", self.context["story_bank"]),
            ("questions", self.context["question_bank"]),
        ):
            if bank is not None:
                write(
                    settings[f"REFLECTIONS_{name.upper()}_SAVE_AS"],
                    self._template(name),
                    self.context,
                    url=settings[f"REFLECTIONS_{name.upper()}_URL"],
                    template_name=name,
                )
        lesson_template = (
            self._template("lesson") if settings["LESSON_SAVE_AS"] else None
        )
        for record in index.lessons:
            articles = [articles_by_key[use.post.key] for use in record.uses]
            lesson = Lesson(record.slug, record.title, settings)
            # Read now, not when the index is assembled: a summary's {static}
            # links resolve only once every generator has its context.
            summaries = {
                use.post.key: article.summary
                for use, article in zip(record.uses, articles, strict=True)
            }
            if lesson_template is not None:
                write(
                    lesson.save_as,
                    lesson_template,
                    self.context,
                    lesson=record,
                    articles=articles,
                    summaries=summaries,
                    url=lesson.url,
                    template_name="lesson",
                )
        if settings["REFLECTIONS_JSON_SAVE_AS"]:
            data = index_as_data(
                index,
                partial(absolute, settings=settings),
                {slug: entry.description for slug, entry in vocabulary.lessons.items()},
            )
            write_json(
                self.output_path,
                settings["REFLECTIONS_JSON_SAVE_AS"],
                data,
                {**self.context, "output_file": settings["REFLECTIONS_JSON_SAVE_AS"]},
            )
