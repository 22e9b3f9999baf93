"""Reading a content folder with the build's own reader, without building.

Every post goes through the plugin's ReflectionsMarkdownReader and every
lesson through its resolve stage, so the command and the site can never
disagree about what a post says.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican.utils import set_date_tzinfo

from reflections.model import PostRecord
from reflections.reader import ReflectionsMarkdownReader
from reflections.resolve import LessonRules, resolve_post
from reflections.urls import lesson_url
from reflections.vocabulary import Vocabulary, load_vocabulary
from sitekit.diagnostics import Diagnostic, SiteError
from sitekit.settings import slugifier

from .site import Site


@dataclass
class ReadPost:
    path: Path
    metadata: dict[str, Any] = field(default_factory=dict)
    record: PostRecord | None = None

    @property
    def status(self) -> str:
        return str(self.metadata.get("status", "published")).lower()

    @property
    def slug(self) -> str | None:
        return self.metadata.get("slug")


@dataclass
class ReadContent:
    vocabulary: Vocabulary
    posts: list[ReadPost]
    diagnostics: list[Diagnostic]


def read_content(site: Site, strict: bool = False) -> ReadContent:
    diagnostics: list[Diagnostic] = []
    try:
        vocabulary = load_vocabulary(site.vocabulary)
    except SiteError as error:
        diagnostics.append(Diagnostic("error", error.message, error.path, error.line))
        vocabulary = Vocabulary()
    settings = copy.deepcopy(site.settings)
    reader = ReflectionsMarkdownReader(settings)
    slugify = slugifier(settings)
    rules = LessonRules(
        vocabulary=vocabulary,
        slugify=slugify,
        lesson_url=lambda slug: lesson_url(slug, settings),
        strict=strict,
        near_miss_ratio=float(settings["REFLECTIONS_NEAR_MISS_RATIO"]),
    )
    posts = []
    for path in sorted(site.posts.rglob("*.md")) if site.posts.is_dir() else []:
        post = _read_post(path, reader, rules, slugify, settings, diagnostics)
        posts.append(post)
    return ReadContent(vocabulary, posts, diagnostics)


def _read_post(path, reader, rules, slugify, settings, diagnostics) -> ReadPost:
    post = ReadPost(path)
    try:
        _, metadata = reader.read(str(path))
    except SiteError as error:
        diagnostics.append(Diagnostic("error", error.message, str(path), error.line))
        return post
    post.metadata = metadata
    if metadata.get("status") == "skip":
        return post  # a refused symbolic link; lint reports it with the others
    metadata.setdefault("slug", slugify(str(metadata["title"])))
    diagnostics.extend(metadata.get("reflections_diagnostics", ()))
    date = metadata.get("date")
    if not isinstance(date, datetime):
        diagnostics.append(
            Diagnostic("error", "no date: add a `Date: YYYY-MM-DD` line", str(path))
        )
        return post
    resolved = resolve_post(
        metadata.get("lesson_mentions", ()),
        metadata.get("lesson_callouts", ()),
        rules,
        str(path),
    )
    diagnostics.extend(resolved.diagnostics)
    if not resolved.lessons:
        diagnostics.append(
            Diagnostic(
                "warning",
                "this post teaches no lessons: add a `Lessons:` line or a "
                "`> [!lesson]` callout",
                str(path),
            )
        )
    post.record = PostRecord(
        key=str(path),
        title=str(metadata["title"]),
        url=str(path),
        date=set_date_tzinfo(date, settings.get("TIMEZONE")),
        lessons=resolved.lessons,
    )
    return post
