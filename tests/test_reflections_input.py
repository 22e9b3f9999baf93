"""What the plugin does with drafts, other themes and bad input."""

from __future__ import annotations

import json

import pytest
from sitebuild import build_site, copy_content, read, run_pelican

from reflections.errors import LessonError

DRAFT = """Title: A draft about salary talks
Date: 2026-11-01
Status: {status}
Lessons: {lesson}; Prepare targeted questions

> [!lesson] Prepare targeted questions
> The {status} note that must stay out of the index.
"""


def write_post(content, name: str, text: str) -> None:
    (content / "posts" / name).write_text(text, encoding="utf-8")


def all_output(site) -> str:
    return "\n".join(
        read(path)
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".json"}
    )


def test_drafts_and_hidden_posts_appear_in_no_lesson_output(tmp_path):
    content = copy_content(tmp_path / "content")
    for status in ("draft", "hidden"):
        write_post(
            content,
            f"2026-11-01-{status}.md",
            DRAFT.format(status=status, lesson=f"Only in the {status}"),
        )
    site = build_site(
        tmp_path / "output",
        content=content,
        LESSON_FEED_ATOM="feeds/lessons/{slug}.atom.xml",
        SITEURL="https://example.org",
    )
    data = json.loads(read(site / "reflections.json"))
    assert "only-in-the-draft" not in {lesson["slug"] for lesson in data["lessons"]}
    lesson_output = "\n".join(
        read(path)
        for folder in ("lessons", "reflections", "feeds")
        for path in (site / folder).rglob("*")
        if path.is_file()
    ) + read(site / "reflections.json")
    for status in ("draft", "hidden"):
        assert f"Only in the {status}" not in lesson_output
        assert f"The {status} note" not in lesson_output
    # The draft itself still renders its callout, with its anchor.
    draft_page = read(site / "drafts" / "a-draft-about-salary-talks" / "index.html")
    assert 'id="lesson-prepare-targeted-questions"' in draft_page


def test_the_plugin_works_with_pelicans_built_in_theme(tmp_path):
    site = build_site(
        tmp_path / "output",
        THEME="notmyidea",
        DIRECT_TEMPLATES=["index", "tags", "categories", "authors", "archives"],
    )
    index = read(site / "reflections" / "index.html")
    assert "Reflection index" in index
    assert "Interview two levels up" in index
    lesson = read(site / "lessons" / "interview-two-levels-up" / "index.html")
    assert "Often learned together with" in lesson


def test_a_callout_without_a_statement_stops_the_build_at_its_line(tmp_path):
    content = copy_content(tmp_path / "content")
    write_post(
        content,
        "2026-11-02-broken.md",
        "Title: Broken\nDate: 2026-11-02\n\nSome text.\n\n> [!lesson]\n> A note.\n",
    )
    result = run_pelican(content, tmp_path / "output")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "posts/2026-11-02-broken.md:6: lesson callout without a statement" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("vocabulary", "line", "message"),
    [
        ("a-lesson:\n  title: A lesson\n  theme: [unclosed\n", 4, "not valid YAML"),
        ("a-lesson:\n  theme: Mindset\n", 1, "has no title"),
        ("a-lesson:\n  title: A lesson\n  colour: blue\n", 3, "unknown field 'colour'"),
        (
            "one:\n  title: One\n  aliases: [Shared]\ntwo:\n  title: Two\n"
            "  aliases: [Shared]\n",
            6,
            "'Shared' (in lesson 'two') is already",
        ),
    ],
)
def test_a_malformed_vocabulary_stops_the_build_naming_file_and_line(
    tmp_path, vocabulary, line, message
):
    content = copy_content(tmp_path / "content")
    (content / "lessons.yml").write_text(vocabulary, encoding="utf-8")
    result = run_pelican(content, tmp_path / "output")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"lessons.yml:{line}: " in output
    assert message in output
    assert "Traceback" not in output


def test_an_empty_lessons_item_is_ignored_with_a_warning(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    write_post(
        content,
        "2026-11-03-stray.md",
        "Title: Stray semicolon\nDate: 2026-11-03\nLessons: Follow up within a day;\n\n"
        "Body.\n",
    )
    site = build_site(tmp_path / "output", content=content)
    assert "2026-11-03-stray.md:3: empty item in Lessons: ignored" in caplog.text
    data = json.loads(read(site / "reflections.json"))
    post = next(post for post in data["posts"] if post["title"] == "Stray semicolon")
    assert post["lessons"] == ["follow-up-within-a-day"]


def test_a_near_miss_warns_and_suggests_the_known_lesson(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    write_post(
        content,
        "2026-11-04-typo.md",
        "Title: Typo\nDate: 2026-11-04\n\n> [!lesson] Prepare targeted question\n> n\n",
    )
    build_site(tmp_path / "output", content=content)
    assert (
        "2026-11-04-typo.md:4: lesson 'Prepare targeted question' is not in "
        "lessons.yml; did you mean 'Prepare targeted questions'?"
    ) in caplog.text


@pytest.mark.parametrize(
    "statement", ["Prepare targeted question", "A brand new lesson about budgets"]
)
def test_strict_mode_turns_near_misses_and_ad_hoc_lessons_into_errors(
    tmp_path, statement
):
    content = copy_content(tmp_path / "content")
    write_post(
        content,
        "2026-11-04-typo.md",
        f"Title: Typo\nDate: 2026-11-04\nLessons: {statement}\n\nBody.\n",
    )
    with pytest.raises(LessonError):
        build_site(tmp_path / "output", content=content, REFLECTIONS_STRICT=True)


def test_without_a_vocabulary_every_lesson_is_ad_hoc(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "lessons.yml").unlink()
    site = build_site(tmp_path / "output", content=content)
    data = json.loads(read(site / "reflections.json"))
    assert data["lessons"]
    assert all(lesson["theme"] is None for lesson in data["lessons"])
    assert "rehearse-out-loud" in {lesson["slug"] for lesson in data["lessons"]}
