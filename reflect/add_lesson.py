"""`reflect lessons add`: a new entry in lessons.yml, the file otherwise kept.

lessons.yml is the writer's file, with their comments, their order and their
layout, so it is edited as a round trip with ruamel.yaml, not loaded and
dumped again: laid out with the file's own indentation, the lines around its
document (``---``, ``...``) kept (``yaml_layout``). The
result is checked with the build's own vocabulary loader before it replaces
the file, and it replaces it in one step: a refused or failed edit leaves
the file as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from reflections.errors import ReflectionsError
from reflections.resolve.vocabulary import load_vocabulary, near_duplicate_findings
from sitekit.personyaml import PersonYamlError, load_person_yaml
from sitekit.rules import Finding
from sitekit.settings import slugifier
from sitekit.sourcepaths import left_out_link, left_out_link_refusal
from sitekit.text import shows_nothing

from .file_replacing import make_folder_for, replace_file
from .file_style import read_styled
from .site import Site
from .yaml_layout import Indentation, YamlDocument


class LessonRefused(Exception):
    """The lesson cannot be added; the message says why and what to do."""


@dataclass(frozen=True)
class NewLesson:
    title: str
    theme: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class AddedLesson:
    slug: str
    path: Path
    # The build's near-duplicate-lessons findings of the entry added: told
    # as it is added, not by every build after it.
    alike: tuple[Finding, ...] = ()


def add_lesson(site: Site, lesson: NewLesson) -> AddedLesson:
    """Add ``lesson`` to the site's lessons.yml; return its slug, the file and
    the entries the new one nearly repeats."""
    path = site.vocabulary
    if path is None:
        raise LessonRefused("REFLECTIONS_VOCABULARY is off in pelicanconf.py")
    if left_out_link(path, site.settings):
        raise LessonRefused(left_out_link_refusal(path, site.settings))
    title = " ".join(lesson.title.split())
    slug = lesson_slug(slugifier(site.settings)(title))
    if not slug:
        raise LessonRefused(f"the title {title!r} has no letters or digits")
    try:
        vocabulary = load_vocabulary(path)
    except ReflectionsError as error:
        raise LessonRefused(
            f"{error.location_message()}; fix lessons.yml first"
        ) from None
    for name in (title, slug, *lesson.aliases):
        known = vocabulary.slug_for(name)
        if known is not None:
            raise LessonRefused(
                f"{name!r} already names the lesson {known!r} in lessons.yml"
            )
    was = path.read_bytes() if path.exists() else None
    text, style = read_styled(path)
    updated = _with_entry(text, slug, title, lesson)
    _replace_checked(path, style.apply(updated), was)
    ratio = float(site.settings["REFLECTIONS_NEAR_MISS_RATIO"])
    alike = near_duplicate_findings(load_vocabulary(path), ratio, of=slug)
    return AddedLesson(slug, path, tuple(alike))


def lesson_slug(slug: str) -> str:
    """The site's slug of a title as lessons.yml takes one: lower-case
    letters and digits joined by single hyphens. The site's slugifier
    keeps an underscore (``snake_case``), which the vocabulary refuses, so
    the command refused the entry it had just made."""
    return "-".join(_NOT_SLUG.split(slug.lower())).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _as_text(value: str) -> str:
    """``value``, quoted when the vocabulary's reader would read it written
    plain as something else: ruamel.yaml writes YAML 1.2, and PyYAML reads
    1.1, where ``on``, ``No`` and ``1:30`` are true, false and 90."""
    tag = pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return value
    return SingleQuotedScalarString(value)


def _yaml(body: str) -> YAML:
    yaml = YAML(typ="rt")
    Indentation.of(body).apply(yaml)
    yaml.width = 4096  # never re-wrap the writer's lines
    yaml.preserve_quotes = True
    return yaml


def _with_entry(text: str, slug: str, title: str, lesson: NewLesson) -> str:
    document = YamlDocument.of(text)
    body = document.body
    yaml = _yaml(body)
    try:
        data = load_person_yaml(yaml, body) if body.strip() else None
    except PersonYamlError as error:
        line = error.line and document.head_lines + error.line
        where = f" (line {line})" if line else ""
        raise LessonRefused(
            f"lessons.yml is not valid YAML{where}: {error.problem}"
        ) from None
    if data is None:
        data = CommentedMap()
    theme = " ".join(lesson.theme.split())
    entry = CommentedMap(title=_as_text(title), theme=_as_text(theme))
    if lesson.aliases:
        entry["aliases"] = CommentedSeq(
            _as_text(" ".join(a.split())) for a in lesson.aliases
        )
    if not shows_nothing(lesson.description):
        entry["description"] = LiteralScalarString(lesson.description.strip() + "\n")
    data[slug] = entry
    buffer = StringIO()
    yaml.dump(data, buffer)
    result = buffer.getvalue()
    # The new entry is set apart by a blank line, as the entries before it.
    marker = f"\n{slug}:"
    if body.strip() and marker in result and f"\n{marker}" not in result:
        result = result.replace(marker, f"\n{marker}", 1)
    return document.around(result)


def _replace_checked(path: Path, text: str, was: bytes | None) -> None:
    """Write ``text`` beside ``path``, check it as the build reads it, then
    swap it in, if ``path`` still holds ``was`` (the bytes the entry was
    added to: a file saved again since is left as it is)."""

    def loads(scratch: Path) -> None:
        try:
            load_vocabulary(scratch)
        except ReflectionsError as error:
            raise LessonRefused(
                f"the new lessons.yml would not load ({error.message}); "
                "it was left as it was"
            ) from None

    make_folder_for(path)
    replace_file(path, text, check=loads, was=was)
