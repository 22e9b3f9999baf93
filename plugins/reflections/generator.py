"""The write stage: a Pelican generator for the index, lesson pages and feeds.

``generate_context`` runs after the articles and pages are read: it
resolves every post's lessons, assembles the index
and hands it to every template as ``reflection_index``. ``generate_output``
writes the index page and one page and feed per lesson through Pelican's
Writer, so the usual URL settings and checks apply, and reflections.json
(in pieces, see ``write_json``).
"""

from __future__ import annotations

import logging
from functools import cache, partial
from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.contents import Article
from pelican.generators import Generator

from sitekit.contents import every_content
from sitekit.datafiles import write_json
from sitekit.diagnostics import Diagnostic, report_diagnostics
from sitekit.settings import slugifier
from sitekit.templates import theme_or_plugin_template
from sitekit.text import safe_html

from .assemble import assemble_index
from .errors import LessonError, ReflectionsError
from .export import index_as_data
from .model import PostRecord
from .resolve import LessonRules, resolve_post
from .rules import post_diagnostics, vocabulary_diagnostics
from .sections import index_page
from .urls import Lesson, absolute, feed_paths, lesson_url
from .vocabulary import Vocabulary, load_vocabulary

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"


class ReflectionsGenerator(Generator):
    def _template(self, name: str):
        return theme_or_plugin_template(self, name, TEMPLATES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index = None
        self.articles_by_key: dict[str, Any] = {}
        self.vocabulary = Vocabulary()

    def generate_context(self) -> None:
        self.vocabulary = self._load_vocabulary()
        rules = LessonRules(
            vocabulary=self.vocabulary,
            slugify=slugifier(self.settings),
            lesson_url=cache(partial(lesson_url, settings=self.settings)),
            strict=self.settings["REFLECTIONS_STRICT"],
            near_miss_ratio=float(self.settings["REFLECTIONS_NEAR_MISS_RATIO"]),
        )
        diagnostics: list[Diagnostic] = vocabulary_diagnostics(
            self.vocabulary, rules.near_miss_ratio, rules.strict
        )
        for content in every_content(self.context):
            resolved = resolve_post(
                getattr(content, "lesson_mentions", ()),
                getattr(content, "lesson_callouts", ()),
                rules,
                content.source_path,
            )
            diagnostics += getattr(content, "reflections_diagnostics", ())
            diagnostics += resolved.diagnostics
            if isinstance(content, Article):
                diagnostics += post_diagnostics(
                    getattr(content, "reflections_prompts", ()),
                    content.source_path,
                    resolved.lessons,
                    rules.strict,
                )
            content.lessons = resolved.lessons
            if resolved.anchor_renames:
                # The reader names anchors from lessons.yml, and the content
                # cache is keyed on it: a mismatch means a stale cache.
                diagnostics.append(
                    Diagnostic(
                        "error",
                        "lesson callout anchors do not match lessons.yml "
                        f"({', '.join(sorted(resolved.anchor_renames))}); "
                        "run `make clean` and build again",
                        content.source_path,
                    )
                )
        report_diagnostics(diagnostics, LessonError, "lesson")

        articles = self.context.get("articles", [])
        self.articles_by_key = {article.source_path: article for article in articles}
        self.index = assemble_index(
            (self.post_record(article) for article in articles),
            self.vocabulary.lessons,
            describe=self._markdown_renderer(),
            feed_url=self._feed_url,
            related_max=self.settings["REFLECTIONS_RELATED_MAX"],
        )
        for article in articles:
            article.related_reflections = tuple(
                self.articles_by_key[post.key]
                for post in self.index.related.get(article.source_path, ())
            )
        self.context["reflection_index"] = self.index
        self.context["reflection_page"] = index_page(self.index)

    def post_record(self, article) -> PostRecord:
        """What the index needs from a Pelican article."""
        return PostRecord(
            key=article.source_path,
            title=article.title,
            url=article.url,
            date=article.date,
            date_label=article.locale_date,
            lessons=tuple(article.lessons),
            question=getattr(article, "question", None),
            # Readers' answers, when a comments plugin has attached them.
            answers=tuple(getattr(article, "answers", ())),
            answer_count=getattr(article, "answer_count", 0),
            category=str(article.category) if article.category else None,
            category_url=article.category.url if article.category else "",
        )

    def generate_output(self, writer) -> None:
        if self.index is None:
            return
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
        lesson_template = (
            self._template("lesson") if settings["LESSON_SAVE_AS"] else None
        )
        for record in self.index.lessons:
            articles = [self.articles_by_key[use.post.key] for use in record.uses]
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
                self.index,
                partial(absolute, settings=settings),
                {
                    slug: entry.description
                    for slug, entry in self.vocabulary.lessons.items()
                },
            )
            write_json(
                self.output_path,
                settings["REFLECTIONS_JSON_SAVE_AS"],
                data,
                {**self.context, "output_file": settings["REFLECTIONS_JSON_SAVE_AS"]},
            )

    def _load_vocabulary(self) -> Vocabulary:
        name = self.settings["REFLECTIONS_VOCABULARY"]
        if not name:
            return Vocabulary()
        try:
            return load_vocabulary(Path(self.settings["PATH"]) / name)
        except ReflectionsError as error:
            logger.error(error.location_message())
            raise

    def _feed_url(self, slug: str) -> str | None:
        paths = feed_paths(slug, self.settings, "atom") or feed_paths(
            slug, self.settings, "rss"
        )
        return paths[1] if paths else None

    def _markdown_renderer(self):
        """Render vocabulary descriptions with the site's Markdown settings,
        cleaned like every field a page shows (sitekit.text)."""
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            extension
            for extension in config.get("extensions", [])
            if extension != "markdown.extensions.meta"
        ]
        markdown = Markdown(**config)

        def describe(text: str) -> str:
            markdown.reset()
            return safe_html(markdown.convert(text))

        return describe
