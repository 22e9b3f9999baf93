"""The write stage: a Pelican generator for the index, lesson pages and feeds.

``generate_context`` runs after the articles and pages are read: it
resolves every post's lessons, renames callout anchors, assembles the index
and hands it to every template as ``reflection_index``. ``generate_output``
writes the index page and one page and feed per lesson through Pelican's
Writer, so the usual URL settings and checks apply, and reflections.json
(in pieces, see ``write_json``).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from functools import cache, partial
from itertools import chain
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader
from markdown import Markdown
from pelican.contents import Article
from pelican.generators import Generator
from pelican.utils import sanitised_join

from .assemble import assemble_index
from .charts import index_charts
from .errors import Diagnostic, LessonError, ReflectionsError, report_diagnostics
from .export import index_as_stream
from .model import PostRecord
from .resolve import LessonRules, resolve_post
from .rules import post_diagnostics, vocabulary_diagnostics
from .settings import slugifier
from .urls import Lesson, absolute, feed_paths, lesson_url
from .vocabulary import Vocabulary, load_vocabulary

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"


class ReflectionsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The theme's templates first, then the plugin's defaults, then
        # Pelican's simple theme: a theme without lesson templates still works.
        self.env.loader.loaders.insert(1, FileSystemLoader(str(TEMPLATES)))
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
        for content in self._all_content():
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
                    _source_text(content.source_path),
                    content.source_path,
                    resolved.lessons,
                    rules.strict,
                )
            content.lessons = resolved.lessons
            content._content = resolved.rename_anchors(content._content)
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
        for content in self._all_content():  # every attribute is set by now
            _forget_reader_notes(content)
        self.context["reflection_index"] = self.index
        self.context["reflection_charts"] = index_charts(
            self.index.lessons, self.index.posts
        )

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
            # Readers' answers, when the comments plugin has attached them.
            answers=tuple(getattr(article, "answers", ())),
            answer_count=getattr(article, "answer_count", 0),
        )

    def generate_output(self, writer) -> None:
        if self.index is None:
            return
        settings = self.settings
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        if settings["REFLECTIONS_INDEX_SAVE_AS"]:
            write(
                settings["REFLECTIONS_INDEX_SAVE_AS"],
                self.get_template("reflections"),
                self.context,
                url=settings["REFLECTIONS_INDEX_URL"],
                template_name="reflections",
                stream=True,  # megabytes at ten thousand posts
            )
        lesson_template = (
            self.get_template("lesson") if settings["LESSON_SAVE_AS"] else None
        )
        for record in self.index.lessons:
            articles = [self.articles_by_key[use.post.key] for use in record.uses]
            lesson = Lesson(record.slug, record.title, settings)
            if lesson_template is not None:
                write(
                    lesson.save_as,
                    lesson_template,
                    self.context,
                    lesson=record,
                    articles=articles,
                    url=lesson.url,
                    template_name="lesson",
                )
            for kind in ("atom", "rss"):
                paths = feed_paths(record.slug, settings, kind)
                if paths:
                    writer.write_feed(
                        articles,
                        self.context,
                        paths[0],
                        paths[1],
                        feed_type=kind,
                        feed_title=record.title,
                    )
        if settings["REFLECTIONS_JSON_SAVE_AS"]:
            data = index_as_stream(
                self.index,
                partial(absolute, settings=settings),
                {
                    slug: entry.description
                    for slug, entry in self.vocabulary.lessons.items()
                },
            )
            write_json(self.output_path, settings["REFLECTIONS_JSON_SAVE_AS"], data)

    def _load_vocabulary(self) -> Vocabulary:
        name = self.settings["REFLECTIONS_VOCABULARY"]
        if not name:
            return Vocabulary()
        try:
            return load_vocabulary(Path(self.settings["PATH"]) / name)
        except ReflectionsError as error:
            logger.error(error.location_message())
            raise

    def _all_content(self):
        """Every article and page, whatever its status, translations included."""
        seen: set[int] = set()
        groups = (
            "articles",
            "hidden_articles",
            "drafts",
            "pages",
            "hidden_pages",
            "draft_pages",
        )
        for content in chain.from_iterable(
            self.context.get(name, ()) for name in groups
        ):
            for item in (content, *getattr(content, "translations", ())):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item

    def _feed_url(self, slug: str) -> str | None:
        paths = feed_paths(slug, self.settings, "atom") or feed_paths(
            slug, self.settings, "rss"
        )
        return paths[1] if paths else None

    def _markdown_renderer(self):
        """Render vocabulary descriptions with the site's Markdown settings."""
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            extension
            for extension in config.get("extensions", [])
            if extension != "markdown.extensions.meta"
        ]
        markdown = Markdown(**config)

        def describe(text: str) -> str:
            markdown.reset()
            return markdown.convert(text)

        return describe


def _source_text(path: str) -> str:
    """A post's file as written, for the checks that look at its lines."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


#: What the reader leaves on a post for the resolve stage alone.
READER_NOTES = ("lesson_mentions", "lesson_callouts", "reflections_diagnostics")


def _forget_reader_notes(content: Any) -> None:
    """Drop what only the resolve stage needed: kept by every post of the
    site until the build ends, it is dead weight (the content cache has
    saved it already).

    A dict does not shrink when keys go. Past the thirty or so attributes
    Python stores compactly for every instance of a class, a post's
    attributes (Pelican's and the plugins') move to a dict of their own,
    made three times the size they need; it is made again at its own size
    when that is smaller.
    """
    for name in READER_NOTES:
        content.metadata.pop(name, None)
        vars(content).pop(name, None)
    attributes = dict(vars(content))
    if sys.getsizeof(attributes) < sys.getsizeof(vars(content)):
        content.__dict__ = attributes


def write_json(output_path: str, save_as: str, data: Any) -> None:
    """Write data as JSON into the output folder, a piece at a time.

    JSON is data, not a page, so it skips the template machinery of
    Writer.write_file. ``json.dump`` would stream too, but only through the
    pure-Python encoder, three times slower than the C one that ``dumps``
    uses; encoding each element of the top-level lists on its own keeps the
    C encoder's speed without holding a megabyte-sized index as one string,
    and a section given as an iterator is never held whole at all.
    """
    path = Path(sanitised_join(output_path, save_as))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(_json_pieces(data, depth=2))
    logger.info('Writing "%s"', path)


_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json_pieces(data: Any, depth: int) -> Iterator[str]:
    """``data`` as compact JSON, the same text as one ``json.dumps`` call
    gives, in pieces: dicts (with string keys, as every dict written here
    has) and lists ``depth`` levels down are opened up. Iterators there are
    written as lists, read as they are written."""
    if depth and isinstance(data, dict):
        yield "{"
        for position, (key, value) in enumerate(data.items()):
            yield f"{',' if position else ''}{_encode_json(key)}:"
            yield from _json_pieces(value, depth - 1)
        yield "}"
    elif depth and isinstance(data, list | tuple | Iterator):
        yield "["
        for position, item in enumerate(data):
            if position:
                yield ","
            yield from _json_pieces(item, depth - 1)
        yield "]"
    else:
        yield _encode_json(data)
