"""The per-post pipeline: a post as Pelican read it, to its lessons, its
record in the index and what is wrong with it.

parse (the reader, when Pelican read the file) -> resolve (statements into
lessons, ``post_outcome``) -> the inputs of assemble (``post_record``) ->
the index (``site_lessons``). The build (``write.generator``) and every
``reflect`` command run a site's posts through ``site_lessons``, so the
command and the site cannot disagree about a post. Nothing here logs or
stops a build: it returns findings, and the caller reports them.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import Any

from markdown import Markdown
from pelican.contents import Article

from sitekit.contents import every_content
from sitekit.rules import Finding
from sitekit.settings import slugifier
from sitekit.text import safe_html

from .assemble.index import assemble_index
from .errors import ReflectionsError
from .model import (
    ParsedPost,
    PostLesson,
    PostQuestion,
    PostRecord,
    PostSeries,
    PostStory,
    ReflectionIndex,
)
from .parse.otherreaders import other_reader_post
from .parse.reader import PARSED
from .people import person_of
from .resolve.statements import LessonRules, lesson_too_long, resolve_post
from .resolve.vocabulary import (
    Vocabulary,
    load_vocabulary,
    near_duplicate_findings,
    vocabulary_path,
)
from .write.urls import lesson_feed_url, lesson_url, overlong_lesson_path


class StaleCacheError(ReflectionsError):
    """A post read under another lessons.yml than the one the build has."""


def parsed_post(content: Any) -> ParsedPost:
    """What the parse stage found in a post or page."""
    parsed = content.metadata.get(PARSED)
    # A file another reader read (a reST or HTML file) names its lessons in
    # its ``lessons`` field alone.
    return other_reader_post(content) if parsed is None else parsed


def leave_out(metadata: MutableMapping[str, Any], is_article: bool) -> list[Finding]:
    """What keeps a file just read out of the site, given the metadata Pelican
    has made of it; if anything does, the file's status becomes ``skip``.

    A file without a title or a readable date cannot be a page of the site
    (Pelican would drop it with a message naming neither file nor line), and
    a post needs a date unless it is a draft. Returns every finding of a file
    left out, so one report says all that is wrong with it.
    """
    parsed = metadata.get(PARSED)
    if parsed is None:
        return []
    left_out = list(parsed.left_out)
    if (
        is_article
        and not left_out
        and "date" not in metadata
        and metadata.get("status") != "draft"
    ):
        left_out.append(
            Finding(
                "bad-date",
                "no date: add a `Date: YYYY-MM-DD` line; it is left out",
                parsed.path,
            )
        )
    if not left_out:
        return []
    metadata["status"] = "skip"
    return [*parsed.findings, *(f for f in left_out if f not in parsed.findings)]


@dataclass(frozen=True)
class PostOutcome:
    lessons: tuple[PostLesson, ...]
    findings: tuple[Finding, ...]
    stories: tuple[PostStory, ...] = ()
    questions: tuple[PostQuestion, ...] = ()


def post_outcome(content: Any, rules: LessonRules) -> PostOutcome:
    """One post or page through resolve: its lessons and its findings."""
    parsed = parsed_post(content)
    resolved = resolve_post(
        parsed.mentions,
        parsed.callouts,
        rules,
        parsed.path,
        stories=parsed.stories,
        asked=parsed.asked,
    )
    if resolved.anchor_renames:
        # The reader names anchors from lessons.yml, and the content cache
        # is keyed on it: a mismatch means a stale cache, not a bad post.
        raise StaleCacheError(
            "lesson callout anchors do not match lessons.yml "
            f"({', '.join(sorted(resolved.anchor_renames))}); "
            "run `make clean` and build again",
            parsed.path,
        )
    # Every prompt left from `reflect new`, pages' too: a lesson prompt is
    # no lesson (resolve leaves it out), so this is what reports it.
    findings = [*parsed.findings, *resolved.findings, *placeholders(parsed)]
    if isinstance(content, Article) and not resolved.lessons:
        findings.append(no_lessons(parsed))
    return PostOutcome(
        resolved.lessons, tuple(findings), resolved.stories, resolved.questions
    )


def no_lessons(parsed: ParsedPost) -> Finding:
    """A post left with no lesson: one it never named, or only ones this
    build withholds (private, or local-only), which "add a `Lessons:` line"
    would not describe: the post has one."""
    if not parsed.withheld_lessons:
        return Finding(
            "no-lessons",
            "this post teaches no lessons: add a `Lessons:` line or a "
            "`> [!lesson]` callout (`reflect suggest` proposes some)",
            parsed.path,
        )
    where = "; ".join(
        f"{why} (line {line})" if line else why for line, why in parsed.withheld_lessons
    )
    return Finding(
        "no-lessons",
        "this post teaches no lessons a reader can see: its only lessons are in "
        f"what this build withholds: {where}; give it a lesson a reader may see "
        "in `Lessons:` or a `> [!lesson]` callout of its own (a lesson kept "
        "private stays in a `> [!private]` note)",
        parsed.path,
        parsed.withheld_lessons[0][0],
    )


def placeholders(parsed: ParsedPost) -> list[Finding]:
    """One finding per prompt left from `reflect new` (``parse.prompts``)."""
    return [
        Finding(
            "placeholder",
            f"placeholder from `reflect new` left in: {text!r}; "
            "replace it with your own words or delete it",
            parsed.path,
            number,
        )
        for number, text in parsed.prompts
    ]


def post_record(article: Any) -> PostRecord:
    """What the index needs from a Pelican article whose lessons are resolved.

    Readers' answers are the comments plugin's (``answers``,
    ``answer_count``), the post's place in a series the postseries plugin's
    (``series``, pelican-series' attributes): this plugin declares it needs
    both.
    """
    series = article.series
    return PostRecord(
        key=article.source_path,
        title=article.title,
        url=article.url,
        date=article.date,
        date_label=article.locale_date,
        lessons=tuple(article.lessons),
        question=article.metadata.get("question"),
        answers=tuple(article.answers),
        answer_count=article.answer_count,
        category=str(article.category) if article.category else None,
        category_url=article.category.url if article.category else "",
        series=(
            PostSeries(series.name, series.url, series.index, series.count)
            if series
            else None
        ),
        stories=article.stories,
        questions=article.asked_questions,
        person=article.person,
        lang=getattr(article, "lang", None),
    )


def site_vocabulary(settings: dict[str, Any]) -> tuple[Vocabulary, list[Finding]]:
    """lessons.yml as the site names it, and what is wrong with it.

    One that cannot be read is a finding, and the build (when that rule is a
    warning) goes on without it: every lesson is then the writer's own.
    """
    path = vocabulary_path(settings)
    if path is None:
        return Vocabulary(), []
    try:
        vocabulary = load_vocabulary(path)
    except ReflectionsError as error:
        unreadable = Finding(
            "malformed-vocabulary",
            f"{error.message}; lessons.yml is not used until it is fixed",
            error.path,
            error.line,
        )
        return Vocabulary(), [unreadable]
    ratio = float(settings["REFLECTIONS_NEAR_MISS_RATIO"])
    return vocabulary, near_duplicate_findings(vocabulary, ratio)


def overlong_lesson_findings(
    vocabulary: Vocabulary, used: set[str], settings: dict[str, Any]
) -> list[Finding]:
    """A lesson of lessons.yml that a post names (``used``: a lesson no post
    names gets no page or feed) whose page or feed the settings name with
    more bytes than a file system holds: its slug is at most 200 bytes, but
    a custom ``LESSON_SAVE_AS`` (``lessons/{slug}-{slug}.html``) can make
    more of it."""
    found = []
    for slug, lesson in vocabulary.lessons.items():
        overlong = (
            overlong_lesson_path(slug, lesson.title, settings) if slug in used else None
        )
        if overlong is not None:
            found.append(
                lesson_too_long(lesson.title, overlong, vocabulary.path, lesson.line)
            )
    return found


@dataclass(frozen=True)
class SiteLessons:
    """What the pipeline made of a site's posts."""

    vocabulary: Vocabulary
    index: ReflectionIndex
    findings: list[Finding]


def site_lessons(context: dict[str, Any]) -> SiteLessons:
    """Every post and page of a Pelican context through the pipeline.

    Each gets its ``lessons``, ``stories``, ``asked_questions`` and
    ``person`` (``Who:``, see ``people``), each published post its
    ``related_reflections``, and the context the ``reflection_index``.
    """
    settings = context  # a Pelican context holds the settings
    vocabulary, findings = site_vocabulary(settings)
    rules = LessonRules(
        vocabulary=vocabulary,
        slugify=slugifier(settings),
        lesson_url=cache(partial(lesson_url, settings=settings)),
        overlong_lesson=partial(overlong_lesson_path, settings=settings),
        near_miss_ratio=float(settings["REFLECTIONS_NEAR_MISS_RATIO"]),
    )
    # Oldest first: a lesson of the writer's own keeps the spelling it was
    # first written with (``LessonRules.first_spellings``).
    for content in sorted(every_content(context), key=written_order):
        outcome = post_outcome(content, rules)
        content.lessons = outcome.lessons
        content.stories = outcome.stories
        content.asked_questions = outcome.questions
        content.person = person_of(content.metadata.get("who"))
        findings += outcome.findings
    used = {
        lesson.slug
        for content in every_content(context)
        for lesson in content.lessons
        if lesson.known
    }
    findings += overlong_lesson_findings(vocabulary, used, settings)
    articles = context["articles"]
    index = assemble_index(
        (post_record(article) for article in articles),
        vocabulary.lessons,
        describe=markdown_renderer(settings),
        feed_url=partial(lesson_feed_url, settings=settings),
        related_max=settings["REFLECTIONS_RELATED_MAX"],
    )
    unlink_lessons_without_a_page(context, {record.slug for record in index.lessons})
    by_key = {article.source_path: article for article in articles}
    for article in articles:
        article.related_reflections = tuple(
            by_key[post.key] for post in index.related.get(article.source_path, ())
        )
    context["reflection_index"] = index
    return SiteLessons(vocabulary, index, findings)


def unlink_lessons_without_a_page(context: dict[str, Any], on_index: set[str]) -> None:
    """A lesson has a page (and an entry on the index) once a published post
    teaches it: a hidden post, a draft or a page naming a lesson no
    published post teaches shows it with no address (``url`` ""), since its
    link led to a page the build never writes."""
    for content in every_content(context):
        lessons = content.lessons
        if all(lesson.slug in on_index for lesson in lessons):
            continue
        content.lessons = type(lessons)(
            lesson if lesson.slug in on_index else replace(lesson, url="")
            for lesson in lessons
        )


def written_order(content: Any) -> tuple[int, float, str]:
    """Published posts by date, oldest first, then every other post and page
    (drafts, hidden posts, pages), each group by date and then by file."""
    date = getattr(content, "date", None)
    published = isinstance(content, Article) and content.status == "published"
    return (
        0 if published else 1,
        date.timestamp() if date is not None else float("inf"),
        content.source_path,
    )


def content_stage(context: dict[str, Any]) -> list[Finding]:
    """The plugin's content stage, as ``reflect`` runs it (``PLUGIN``)."""
    return site_lessons(context).findings


def markdown_renderer(settings: dict[str, Any]) -> Callable[[str], str]:
    """Render vocabulary descriptions with the site's Markdown settings,
    cleaned like every field a page shows (sitekit.text)."""
    config = dict(settings["MARKDOWN"])
    # As Pelican's reader does: every configured extension is turned on
    # (smarty's curly quotes included, as in posts), whether or not a
    # reader has added them to ``extensions`` yet.
    extensions = [*config.get("extensions", [])]
    extensions += [
        name for name in config.get("extension_configs", {}) if name not in extensions
    ]
    config["extensions"] = [
        extension for extension in extensions if extension != "markdown.extensions.meta"
    ]
    markdown = Markdown(**config)

    def describe(text: str) -> str:
        markdown.reset()
        return safe_html(markdown.convert(text))

    return describe
