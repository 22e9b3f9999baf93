"""The posts `reflect suggest` works on, each with its suggestions.

Posts are read with the build's reader, so the lessons a post already names
(by title, alias or callout) are the ones the site would show, and are never
suggested again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflections.pipeline import site_vocabulary
from sitekit.diagnostics import display_path

from .content import read_site
from .input_files import input_file_problem
from .lesson_association import learn
from .site import Site
from .suggest_scoring import Suggestion, suggest, tagged_example


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
    read = read_site(site)
    lessons = {
        Path(post.source_path).resolve(): post.lessons for post in read.every_post()
    }
    # The posts the build keeps: one it leaves out (no title, not UTF-8)
    # is read by no one, its errors are lint's.
    posts = [path.resolve() for path in read.post_files]
    posts = [path for path in posts if path in lessons]
    wanted = list(posts) if not files else []
    for file in files:
        problem = input_file_problem(file, "a post")
        if problem:
            raise SuggestError(f"{file}: {problem}")
        left_out = _left_out_reasons(read, file)
        if file.resolve() not in posts and left_out:
            # In the site's posts, but the build leaves it out: say why, not
            # that it is no post of the site.
            raise SuggestError(
                f"{file}: the build leaves this post out, so it has no lessons "
                f"to suggest until it is fixed: {'; '.join(left_out)}"
            )
        if file.resolve() not in posts:
            raise SuggestError(
                f"{file} is not a post of this site (posts live in "
                f"{display_path(str(site.posts))})"
            )
        wanted.append(file.resolve())
    vocabulary, _ = site_vocabulary(read.context)  # `reflect lint` reports its faults
    sources = {path: _read(path) for path in posts}
    # Every post is an example of the lessons it names: a post's own lessons
    # are never suggested to it, so it can be an example while it is scored.
    associations = learn(
        tagged_example(
            sources[path],
            (lesson.slug for lesson in lessons.get(path, ())),
            vocabulary.lessons.values(),
        )
        for path in posts
    )
    found = []
    for path in wanted:
        known = [lesson.slug for lesson in lessons.get(path, ())]
        source = sources[path]
        found.append(
            PostSuggestions(
                path,
                source,
                tuple(suggest(source, vocabulary, known, threshold, associations)),
            )
        )
    return found


def _left_out_reasons(read, file: Path) -> list[str]:
    """The errors the build finds in ``file`` (``line: message [rule]``)."""
    try:
        wanted = file.resolve()
    except OSError:
        return []
    reasons = []
    for error in read.errors:
        if error.path is None:
            continue
        try:
            same = Path(error.path).resolve() == wanted
        except OSError:
            continue
        if same:
            at = f"line {error.line}: " if error.line else ""
            reasons.append(f"{at}{error.message} [{error.rule}]")
    return reasons


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()  # line endings as they are in the file
