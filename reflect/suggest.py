"""The posts `reflect suggest` works on, each with its suggestions.

Posts are read with the build's reader, so the lessons a post already names
(by title, alias or callout) are the ones the site would show, and are never
suggested again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitekit.diagnostics import display_path

from .content import read_content
from .site import Site
from .suggest_scoring import Suggestion, suggest


class SuggestError(Exception):
    """A file the command cannot suggest lessons for."""


@dataclass(frozen=True)
class PostSuggestions:
    path: Path
    source: str
    suggestions: tuple[Suggestion, ...]

    @property
    def display(self) -> str:
        return display_path(str(self.path))


def suggestions_for(
    site: Site, files: list[Path], threshold: float
) -> list[PostSuggestions]:
    content = read_content(site)
    posts = {post.path.resolve(): post for post in content.posts}
    wanted = list(posts) if not files else []
    for file in files:
        if not file.is_file():
            raise SuggestError(f"no such file: {file}")
        if file.resolve() not in posts:
            raise SuggestError(
                f"{file} is not a post of this site (posts live in "
                f"{display_path(str(site.posts))})"
            )
        wanted.append(file.resolve())
    found = []
    for path in wanted:
        post = posts[path]
        known = [lesson.slug for lesson in post.record.lessons] if post.record else []
        with post.path.open(encoding="utf-8", newline="") as handle:
            source = handle.read()  # line endings as they are in the file
        found.append(
            PostSuggestions(
                post.path,
                source,
                tuple(suggest(source, content.vocabulary, known, threshold)),
            )
        )
    return found
