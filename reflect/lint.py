"""`reflect lint`: every problem the build would find, without building.

Posts go through the build's reader and resolve stage; comments through the
comments plugin's reader and threading; lessons.yml through the vocabulary
loader. Warnings alone pass. ``--strict`` checks as ``make publish`` does
(REFLECTIONS_STRICT and COMMENTS_STRICT): each rule's level in a publish
build is in reflections.rules.RULES, the table the README shows.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, replace

from comments.parse import CommentReader
from comments.thread import threads_by_post
from reflections.reader import ReflectionsMarkdownReader
from reflections.rules import vocabulary_diagnostics
from sitekit.diagnostics import Diagnostic, SiteError, display_path
from sitekit.sourcepaths import LinkRule, refused_links

from .content import read_content
from .site import Site


@dataclass(frozen=True)
class LintReport:
    diagnostics: tuple[Diagnostic, ...]
    files: int

    @property
    def errors(self) -> int:
        return sum(diagnostic.level == "error" for diagnostic in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def as_text(self) -> str:
        lines = [diagnostic.render() for diagnostic in self.diagnostics]
        lines.append(
            f"{self.files} files checked: {self.errors} error(s), "
            f"{self.warnings} warning(s)"
        )
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {
                "files": self.files,
                "errors": self.errors,
                "warnings": self.warnings,
                "problems": [
                    {**asdict(d), "path": display_path(d.path) if d.path else None}
                    for d in self.diagnostics
                ],
            },
            indent=2,
        )


def lint(site: Site, strict: bool = False) -> LintReport:
    content = read_content(site, strict=strict)
    diagnostics = list(content.diagnostics)
    rule = LinkRule.from_settings(site.settings)
    level = "error" if strict else "warning"
    diagnostics += [link.diagnostic(level) for link in refused_links(rule)]
    diagnostics += vocabulary_diagnostics(
        content.vocabulary, float(site.settings["REFLECTIONS_NEAR_MISS_RATIO"]), strict
    )
    page_files = _lint_pages(site)
    diagnostics += page_files[0]
    comment_files = _lint_comments(
        site, {p.slug: p for p in content.posts if p.slug}, strict
    )
    diagnostics += comment_files[0]
    # Each check has set its level for this kind of build (reflections.rules);
    # a note (an ad-hoc lesson in a local build) is worth a writer's warning.
    diagnostics = [
        replace(d, level="warning") if d.level == "note" else d for d in diagnostics
    ]
    diagnostics.sort(key=lambda d: (d.path or "", d.line or 0))
    files = (
        len(content.posts)
        + page_files[1]
        + comment_files[1]
        + (1 if content.vocabulary.path else 0)
    )
    return LintReport(tuple(diagnostics), files)


def _lint_pages(site: Site) -> tuple[list[Diagnostic], int]:
    """Pages go through the same reader as posts (control characters,
    private markers, a missing title), though they teach no lessons."""
    reader = ReflectionsMarkdownReader(copy.deepcopy(site.settings))
    diagnostics: list[Diagnostic] = []
    paths = sorted(site.pages.rglob("*.md")) if site.pages.is_dir() else []
    for path in paths:
        try:
            _, metadata = reader.read(str(path))
        except SiteError as error:
            diagnostics.append(
                Diagnostic("error", error.message, str(path), error.line)
            )
            continue
        diagnostics += metadata.get("reflections_diagnostics", ())
    return diagnostics, len(paths)


def _lint_comments(
    site: Site, posts: dict, strict: bool
) -> tuple[list[Diagnostic], int]:
    reader = CommentReader(
        site.settings.get("TIMEZONE"),
        strict,
        LinkRule.from_settings(site.settings),
        site.settings["COMMENTS_MAX_LENGTH"],
    )
    comments, diagnostics = reader.read_folder(site.comments)
    titles = {
        slug: str(post.metadata.get("title", slug)) for slug, post in posts.items()
    }
    _, found = threads_by_post(
        comments, titles, site.settings["COMMENTS_MAX_DEPTH"], reader.level
    )
    count = len(list(site.comments.glob("*/*.md"))) if site.comments.is_dir() else 0
    return diagnostics + found, count
