"""`reflect` and the build run one pipeline over a site's posts.

The build's records in the reflection index, the lessons of every post and
page, and every problem it reports are held to what `reflect` (``read_site``,
which `lint`, `lessons` and `suggest` use) makes of the same content: on the
sample site, and on a generated corpus of 48 posts with comments (enough for
fastbuild to read ahead in workers) where one file breaks each rule that is
a warning in a local build.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pelican import signals
from sitebuild import CONTENT, ROOT, build_site
from test_rules import FIXTURES, the_sites_rules

from reflect.content import read_site
from reflect.site import load_site
from sitekit.contents import every_content

#: The build's problems are read from its log (conftest's every_message_logged).
pytestmark = pytest.mark.usefixtures("every_message_logged")


def generated_corpus(destination: Path, posts: int) -> Path:
    """bench/corpus.py's corpus: varied posts, lessons.yml and comments."""
    spec = importlib.util.spec_from_file_location(
        "corpus", ROOT / "bench" / "corpus.py"
    )
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus.write_corpus(destination, posts)


@dataclass(frozen=True)
class Made:
    """What one front end made of a content folder."""

    records: tuple[Any, ...]  # the index's PostRecords, newest first
    lessons: dict[str, tuple[Any, ...]]  # every post's and page's lessons
    problems: set[tuple[str, str]]  # (level, "path:line: message")
    rules: frozenset[str] = frozenset()  # the rules broken, as reflect names them


def made_by_the_build(content: Path, output: Path, caplog) -> Made:
    seen: dict[str, Any] = {}

    def keep(generators) -> None:
        seen["context"] = generators[0].context

    signals.all_generators_finalized.connect(keep)
    try:
        with caplog.at_level(logging.WARNING, logger="sitekit"):
            build_site(output, content=content)
    finally:
        signals.all_generators_finalized.disconnect(keep)
    context = seen["context"]
    levels = {logging.WARNING: "warning", logging.ERROR: "error"}
    return Made(
        records=context["reflection_index"].posts,
        lessons={c.source_path: c.lessons for c in every_content(context)},
        problems={
            (levels[r.levelno], r.getMessage())
            for r in caplog.records
            if r.name == "sitekit.diagnostics"
        },
    )


def made_by_reflect(content: Path) -> Made:
    read = read_site(load_site(ROOT, content))
    return Made(
        records=read.context["reflection_index"].posts,
        lessons={c.source_path: c.lessons for c in every_content(read.context)},
        problems={(d.level, d.location_message()) for d in read.diagnostics},
        rules=frozenset(d.rule for d in read.diagnostics),
    )


def test_the_sample_site_gives_reflect_the_records_the_build_has(tmp_path, caplog):
    built = made_by_the_build(CONTENT, tmp_path / "output", caplog)
    read = made_by_reflect(CONTENT)

    assert len(built.records) == 11
    assert read.records == built.records
    assert read.lessons == built.lessons
    assert read.problems == built.problems == set()


def test_a_translated_post_goes_through_the_pipeline_like_its_original(
    tmp_path, caplog
):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "posts" / "2025-09-14-two-levels-up-fr.md").write_text(
        "Title: Deux niveaux plus haut\nSlug: two-levels-up\nLang: fr\n"
        "Date: 2025-09-14 09:30\nLessons: Interview two levels up\n\nTexte.\n",
        encoding="utf-8",
    )

    built = made_by_the_build(content, tmp_path / "output", caplog)
    read = made_by_reflect(content)

    translation = str(content / "posts" / "2025-09-14-two-levels-up-fr.md")
    assert [lesson.slug for lesson in built.lessons[translation]] == [
        "interview-two-levels-up"
    ]
    assert read.records == built.records and read.lessons == built.lessons
    assert (tmp_path / "output" / "2025" / "two-levels-up" / "index.html").exists()


def test_a_generated_corpus_gives_reflect_the_records_and_problems_of_the_build(
    tmp_path, caplog
):
    content = generated_corpus(tmp_path / "content", posts=48)
    levels = the_sites_rules()
    for rule, files in FIXTURES.items():
        if levels[rule][0] != "warning" or rule == "near-duplicate-lessons":
            continue  # an error stops the build; lessons.yml is the corpus's own
        for name, text in files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, Path):
                target = tmp_path / text
                target.write_text("Title: Outside\nDate: 2026-01-16\n\nText.\n")
                path.symlink_to(target)
            elif isinstance(text, bytes):  # a broken image
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")

    built = made_by_the_build(content, tmp_path / "output", caplog)
    read = made_by_reflect(content)

    assert len(built.records) > 48
    assert read.records == built.records
    assert read.lessons == built.lessons
    assert read.problems == built.problems
    assert read.rules >= {
        "ad-hoc-lesson",
        "bad-comment",
        "control-character",
        "indented-metadata",
        "no-lessons",
        "outside-link",
        "placeholder",
        "shared-slug",
    }


@pytest.fixture(autouse=True)
def _quiet_pelican(caplog):
    caplog.set_level(logging.WARNING)
