"""Lessons and the reflection index under input a writer plausibly gives:
each test names a way the vocabulary, a post's lessons or the index once
went wrong, and holds the behaviour that replaced it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG
from sitebuild import copy_project, lint_in_process, run_pelican

from reflections.assemble.index import assemble_index
from reflections.assemble.journey import journey_chart
from reflections.errors import VocabularyError
from reflections.model import KnownLesson, LessonMention, PostLesson, PostRecord
from reflections.parse.lessons_field import parse_lessons_field
from reflections.resolve.statements import LessonRules, resolve_post
from reflections.resolve.vocabulary import load_vocabulary
from sitekit.settings import slugifier
from sitekit.text import text_filter

SLUGIFY = slugifier(DEFAULT_CONFIG)


def built_and_linted(project: Path, output: Path):
    """The build of ``project`` into ``output`` (it must build) and what
    ``reflect lint`` says of it: the build and lint take one pipeline."""
    built = run_pelican(project / "content", output)
    assert built.returncode == 0, built.stderr
    return built, lint_in_process("lint", cwd=project)


def vocabulary_of(tmp_path, text: str):
    path = tmp_path / "lessons.yml"
    path.write_text(text, encoding="utf-8")
    return load_vocabulary(path)


def resolved(vocabulary, *statements: str):
    rules = LessonRules(
        vocabulary=vocabulary, slugify=SLUGIFY, lesson_url=lambda s: f"lessons/{s}/"
    )
    mentions = [LessonMention(s, line) for line, s in enumerate(statements, 5)]
    return resolve_post(mentions, (), rules, "content/posts/p.md")


GO = "go:\n  title: Go\n  theme: Mindset\n"


def test_a_statement_whose_words_make_a_known_lessons_slug_is_that_lesson(
    tmp_path,
):
    # "Gö" is not "Go" to the vocabulary, but its slug is: it once became a
    # lesson of the writer's own on the known lesson's page, which then showed
    # "Gö" with no theme.
    post = resolved(vocabulary_of(tmp_path, GO), "Gö")

    [lesson] = post.lessons
    assert (lesson.slug, lesson.title, lesson.theme, lesson.known) == (
        "go",
        "Go",
        "Mindset",
        True,
    )
    [finding] = post.findings
    assert finding.rule == "near-miss"
    assert "'Gö'" in finding.message and "'Go'" in finding.message


def test_a_known_lesson_keeps_its_title_and_theme_when_a_post_spells_its_slug_otherwise(
    tmp_path,
):
    project = copy_project(tmp_path / "project")
    post = project / "content" / "posts" / "2026-11-30-spelt-otherwise.md"
    post.write_text(
        "Title: Spelt otherwise\nDate: 2026-11-30\nCategory: Mentoring\n"
        "Summary: s\nLessons: Intervîew two levels up\n\nWords.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    built, linted = built_and_linted(project, output)

    lessons = json.loads((output / "reflections.json").read_text())["lessons"]
    [entry] = [e for e in lessons if e["slug"] == "interview-two-levels-up"]
    assert (entry["title"], entry["theme"]) == ("Interview two levels up", "Networking")
    assert "Spelt otherwise" in [p["title"] for p in entry["posts"]]
    said = [line for line in linted.stdout.splitlines() if "Intervîew" in line]
    assert len(said) == 1 and said[0].endswith("[near-miss]"), linted.stdout
    assert said[0].split(": ", 2)[-1] in built.stdout + built.stderr


ASK = "ask-for-intros:\n  title: Ask for intros\n  theme: Networking\n"


def test_a_lesson_typed_in_fullwidth_letters_is_the_known_lesson(tmp_path):
    # An East Asian input method types "Ａｓｋ" for "Ask"; a page shows the
    # two alike. It was a near miss, and alone a lesson of the writer's own.
    post = resolved(vocabulary_of(tmp_path, ASK), "Ａｓｋ ｆｏｒ ｉｎｔｒｏｓ")

    assert [lesson.slug for lesson in post.lessons] == ["ask-for-intros"]
    assert post.findings == []


def test_two_entries_whose_titles_differ_only_in_fullwidth_letters_are_refused(
    tmp_path,
):
    with pytest.raises(VocabularyError) as refused:
        vocabulary_of(tmp_path, ASK + "ask-for-intros-2:\n  title: Ａsk for intros\n")

    assert refused.value.line == 5  # the second title
    assert "already the title, slug or alias" in str(refused.value)


def test_a_symbol_in_a_title_still_goes_unsaid(tmp_path):
    # Folding compatibility characters must not spell a symbol out: "™" is
    # dropped as a symbol, never read as the letters "tm".
    vocabulary = vocabulary_of(tmp_path, "ship-it:\n  title: Ship it™\n")

    assert [lesson.slug for lesson in resolved(vocabulary, "Ship it").lessons] == [
        "ship-it"
    ]
    assert resolved(vocabulary, "Ship it").findings == []


RST_POST = """\
Taught in reST
##############

:date: 2026-11-28
:category: Mentoring
:summary: s
:lessons: Interview two levels up; Intervew two levels up

Words.
"""

HTML_POST = """\
<html><head><title>Taught in HTML</title>
<meta name="date" content="2026-11-29">
<meta name="category" content="Mentoring">
<meta name="summary" content="s">
<meta name="lessons" content="Interview two levels up">
</head><body><p>Words.</p></body></html>
"""


def test_the_lessons_field_of_a_rest_or_html_post_is_read_as_a_markdown_posts(
    tmp_path,
):
    # The field was dropped without a word, and the post was told to "add a
    # `Lessons:` line", the line it had.
    project = copy_project(tmp_path / "project")
    posts = project / "content" / "posts"
    (posts / "2026-11-28-taught-in-rest.rst").write_text(RST_POST, encoding="utf-8")
    (posts / "2026-11-29-taught-in-html.html").write_text(HTML_POST, encoding="utf-8")
    output = tmp_path / "output"
    built, linted = built_and_linted(project, output)

    lessons = json.loads((output / "reflections.json").read_text())["lessons"]
    [entry] = [e for e in lessons if e["slug"] == "interview-two-levels-up"]
    taught_in = [post["title"] for post in entry["posts"]]
    assert taught_in[:2] == ["Taught in HTML", "Taught in reST"]
    assert "teaches no lessons" not in linted.stdout + built.stdout + built.stderr
    said = [line for line in linted.stdout.splitlines() if "Intervew" in line]
    assert len(said) == 1, linted.stdout
    assert said[0].startswith("content/posts/2026-11-28-taught-in-rest.rst:7: ")
    assert said[0].endswith("[near-miss]")
    message = said[0].split(": ", 2)[-1]
    assert f"2026-11-28-taught-in-rest.rst:7: {message}" in built.stdout + built.stderr


def test_a_theme_spelt_with_other_spacing_or_case_is_one_theme_spelt_as_first(
    tmp_path,
):
    # Four groups headed "Career moves" stood on the index and in the
    # journey chart (HTML shows two spaces and a line break as one space),
    # and `reflect lessons` printed a theme with a line break in it.
    vocabulary = vocabulary_of(
        tmp_path,
        "go:\n  title: Go\n  theme: Career moves\n"
        "ask:\n  title: Ask\n  theme: Career  moves\n"
        "stay:\n  title: Stay\n  theme: |\n    Career\n    moves\n"
        "four:\n  title: Four\n  theme: career moves\n"
        "five:\n  title: Five\n  theme: Mindset\n",
    )

    assert [lesson.theme for lesson in vocabulary.lessons.values()] == [
        "Career moves",
        "Career moves",
        "Career moves",
        "Career moves",
        "Mindset",
    ]


@pytest.mark.parametrize(
    ("character", "name"),
    [("\u2028", "U+2028"), ("\u2029", "U+2029"), ("\x85", "U+0085")],
)
def test_a_line_break_only_yaml_sees_is_refused_at_the_line_an_editor_shows(
    tmp_path, character, name
):
    # Pasted into a description, YAML (1.1, as the build reads it) ended the
    # line there and an editor did not: "could not find expected ':'" a line
    # below the one shown, and every later line's number one too high.
    text = (
        "go:\n  title: Go\n"
        f"  description: Pasted{character}from a page\n"
        "ask:\n  title: Ask\n"
    )
    with pytest.raises(VocabularyError) as refused:
        vocabulary_of(tmp_path, text)

    assert refused.value.line == 3
    assert name in refused.value.message


def test_lessons_add_names_an_entry_the_new_one_nearly_repeats_as_the_build_does(
    tmp_path,
):
    # It added "Interview two level up" without a word; every build after
    # warned of the pair.
    project = copy_project(tmp_path / "project")

    added = lint_in_process(
        "lessons", "add", "Interview two level up", "--theme", "Networking", cwd=project
    )
    linted = lint_in_process("lint", cwd=project)

    assert added.returncode == 0, added.stderr
    assert added.stdout == "content/lessons.yml: added 'interview-two-level-up'\n"
    [warned] = added.stderr.splitlines()
    [said] = [
        line for line in linted.stdout.splitlines() if "interview-two-level-up" in line
    ]
    assert warned == said
    assert warned.endswith("[near-duplicate-lessons]")


def test_lessons_add_of_a_lesson_unlike_any_says_only_that_it_added_it(tmp_path):
    project = copy_project(tmp_path / "project")

    added = lint_in_process(
        "lessons", "add", "Sleep on an offer", "--theme", "Career moves", cwd=project
    )

    assert (added.returncode, added.stderr) == (0, "")


def test_a_statement_without_letters_names_no_lesson_whose_title_has_none(tmp_path):
    # A title or alias of symbols alone reads as "" once normalised; it
    # claimed every statement without letters: "🎉" was the lesson "👍".
    vocabulary = vocabulary_of(
        tmp_path, "thumbs-up:\n  title: 👍\nparty:\n  title: 🎉\n"
    )

    post = resolved(vocabulary, "?!")

    assert vocabulary.slug_for("🎉") is None
    assert post.lessons == ()
    assert [finding.rule for finding in post.findings] == ["lesson-without-letters"]
    assert resolved(vocabulary, "Thumbs up").lessons[0].slug == "thumbs-up"


def test_an_alias_without_letters_or_digits_is_refused_at_its_line(tmp_path):
    with pytest.raises(VocabularyError) as refused:
        vocabulary_of(
            tmp_path, "ask:\n  title: Ask\n  aliases:\n    - Go on\n    - '!!!'\n"
        )

    assert refused.value.line == 5
    assert "'!!!'" in refused.value.message


def journey_labels(*titles: str) -> list[str]:
    """The journey chart's lesson names, as a page shows them, for lessons
    with these titles taught in one post."""
    known = {
        f"lesson-{n}": KnownLesson(f"lesson-{n}", title, "Mindset")
        for n, title in enumerate(titles)
    }
    taught = tuple(
        PostLesson(slug, k.title, k.theme, f"lessons/{slug}/", None, "", "", True)
        for slug, k in known.items()
    )
    when = datetime(2026, 1, 3, tzinfo=UTC)
    index = assemble_index([PostRecord("a", "Talk", "2026/a/", when, taught)], known)
    chart = journey_chart(index)
    return [str(text_filter(row.label)) for row in chart.wide.rows]


def test_a_journey_label_is_shortened_in_the_text_a_page_shows_not_in_its_markup():
    # Cut in the title as written, "&eacute;" showed as "&eac…", and a cut
    # inside a tag took the rest of the name with it, ellipsis and all.
    labels = journey_labels(
        "Ask the hiring manager about &eacute;quity",
        "Ask the hiring manager <span class=x>about pay</span>",
        "Say &quot;no&quot; to a third meeting",
    )

    assert sorted(labels) == [
        "Ask the hiring manager about pay",
        "Ask the hiring manager about équi…",
        "Say &#34;no&#34; to a third meeting",
    ]


FUND = (
    "fund-r-and-d:\n  title: Fund R&D early\n"
    "use-the-gap:\n  title: Use the gap\n"
    "say-no:\n  title: Say &quot;no&quot; twice\n"
)


def test_a_lesson_is_named_by_the_text_it_shows_markup_and_references_read(
    tmp_path,
):
    # Every field is text: "Use <em>the</em> gap" reads "Use the gap" and
    # "R&amp;D" reads "R&D" on the page; they were compared as written.
    vocabulary = vocabulary_of(tmp_path, FUND)

    post = resolved(
        vocabulary, "Use <em>the</em> gap", "Fund R&amp;D early", 'Say "no" twice'
    )

    assert [lesson.slug for lesson in post.lessons] == [
        "use-the-gap",
        "fund-r-and-d",
        "say-no",
    ]
    assert post.findings == []


@pytest.mark.parametrize(
    ("field", "statements"),
    [
        ("Fund R&amp;D early; Use the gap", ["Fund R&amp;D early", "Use the gap"]),
        ("Say &quot;no&quot; twice;Rest", ["Say &quot;no&quot; twice", "Rest"]),
        ("Caf&#233; talks; Caf&#xE9; walks", ["Caf&#233; talks", "Caf&#xE9; walks"]),
        ("Ask&Tell; Listen", ["Ask&Tell", "Listen"]),
    ],
)
def test_a_semicolon_ending_a_character_reference_separates_no_lessons(
    field, statements
):
    # "Fund R&amp;D early" was two lessons, "Fund R&amp" and "D early".
    mentions, findings = parse_lessons_field(field, [5], "content/posts/p.md")

    assert [mention.statement for mention in mentions] == statements
    assert findings == []


def test_a_slug_yaml_reads_as_null_is_the_slug_as_written(tmp_path):
    # `null:` was read as no slug at all: "lesson slug '' must be …".
    vocabulary = vocabulary_of(tmp_path, "null:\n  title: A null result is a result\n")

    assert list(vocabulary.lessons) == ["null"]


def test_a_slug_written_as_a_tilde_is_refused_naming_the_tilde(tmp_path):
    with pytest.raises(VocabularyError) as refused:
        vocabulary_of(tmp_path, "~:\n  title: Wander\n")

    assert "lesson slug '~' must be" in refused.value.message


def test_the_lessons_table_shows_a_title_and_theme_as_the_index_page_does(tmp_path):
    # The table printed "Fund R&amp;D early" and "<em>Career</em> moves"
    # where the reflection index shows "Fund R&D early" and "Career moves".
    project = copy_project(tmp_path / "project")
    vocabulary = project / "content" / "lessons.yml"
    text = vocabulary.read_text(encoding="utf-8")
    text = text.replace(
        "  title: Interview two levels up\n  theme: Networking\n",
        "  title: Interview two levels up &amp; across\n  theme: <em>Net</em>working\n",
    )
    vocabulary.write_text(text, encoding="utf-8")

    listed = lint_in_process("lessons", "--format", "json", cwd=project)

    assert listed.returncode == 0, listed.stderr
    [row] = [
        row
        for row in json.loads(listed.stdout)
        if row["lesson"].startswith("Interview")
    ]
    assert (row["lesson"], row["theme"]) == (
        "Interview two levels up & across",
        "Networking",
    )


def test_a_rest_post_naming_more_lessons_than_a_post_may_keeps_the_first_ones(
    tmp_path,
):
    # Each lesson costs a page and feeds, and the index compares every pair:
    # a reST post's lessons field is held to REFLECTIONS_MAX_LESSONS too.
    project = copy_project(tmp_path / "project")
    many = "; ".join(f"Lesson number {n}" for n in range(1, 41))
    (project / "content" / "posts" / "2026-11-28-many.rst").write_text(
        RST_POST.replace(
            ":lessons: Interview two levels up; Intervew two levels up",
            f":lessons: {many}",
        ),
        encoding="utf-8",
    )

    linted = lint_in_process("lint", cwd=project)
    built = run_pelican(project / "content", tmp_path / "output")

    said = [line for line in linted.stdout.splitlines() if "[too-many-lessons]" in line]
    assert len(said) == 1, linted.stdout
    assert said[0].startswith("content/posts/2026-11-28-many.rst:7: error: ")
    assert built.returncode != 0
    assert "Traceback" not in built.stderr
    assert said[0].split(": ", 2)[-1] in built.stdout + built.stderr


def test_a_lesson_named_in_lessons_and_in_a_callout_counts_once_toward_the_limit(
    tmp_path,
):
    # It counts once for the post (writing.md), but twice toward
    # REFLECTIONS_MAX_LESSONS: a post teaching two lessons under a limit of
    # two was left out for naming four.
    project = copy_project(tmp_path / "project")
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nREFLECTIONS_MAX_LESSONS = 2\n")
    (project / "content" / "posts" / "2026-11-30-both-ways.md").write_text(
        "Title: Both ways\nDate: 2026-11-30\nCategory: Mentoring\nSummary: s\n"
        "Lessons: Interview two levels up; Prepare targeted questions; "
        "interview two levels up\n\n"
        "> [!lesson] Interview two levels up\n> Far enough away.\n\n"
        "> [!lesson] Prepare targeted questions\n> Read up first.\n",
        encoding="utf-8",
    )

    linted = lint_in_process("lint", cwd=project)

    assert "2026-11-30-both-ways.md" not in linted.stdout, linted.stdout
