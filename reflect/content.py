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
from reflections.parse.reader import ReflectionsMarkdownReader
from reflections.resolve.statements import LessonRules, resolve_post
from reflections.resolve.vocabulary import Vocabulary, load_vocabulary
from reflections.rules import post_diagnostics
from reflections.write.urls import lesson_url
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
    for path in post_files(site):
        post = _read_post(path, reader, rules, slugify, settings, diagnostics)
        posts.append(post)
    return ReadContent(vocabulary, posts, diagnostics)


def post_files(site: Site) -> list[Path]:
    """Every Markdown file in ARTICLE_PATHS, in name order."""
    return sorted(
        path
        for folder in site.post_folders
        if folder.is_dir()
        for path in folder.rglob("*.md")
    )


def existing_slugs(site: Site) -> dict[str, Path]:
    """Every post's slug (its `Slug:`, or its title slugified), with its file.

    Only the metadata lines at the top of each file are read: a slug never
    depends on the body, and this stays quick on a large site.
    """
    slugify = slugifier(site.settings)
    slugs: dict[str, Path] = {}
    for path in post_files(site):
        fields = _metadata_lines(path)
        slug = fields.get("slug") or slugify(fields.get("title", ""))
        if slug:
            slugs.setdefault(slug, path)
    return slugs


def _metadata_lines(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    break
                name, colon, value = line.partition(":")
                if colon and name.strip():
                    fields.setdefault(name.strip().lower(), value.strip())
    except (OSError, UnicodeDecodeError):
        pass
    return fields


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
    diagnostics.extend(
        post_diagnostics(
            metadata.get("reflections_prompts", ()),
            str(path),
            resolved.lessons,
            rules.strict,
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
