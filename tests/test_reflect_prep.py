"""`reflect prep`: a one-page sheet for the next conversation.

Questions that worked (with the person first), stories for the lessons
involved, lessons learned once to test, past conversations with the person;
chosen from the reflection index as the build makes it. The sheet in the
documentation is what the command prints on the sample site.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sitebuild import ROOT, copy_project, read, snapshot

from reflect.prep import PrepError, PrepRequest, prepare
from reflect.prep_sheet import SHOWN_TEXT, as_markdown
from reflections.assemble.index import assemble_index
from reflections.model import (
    KnownLesson,
    PostLesson,
    PostQuestion,
    PostRecord,
    PostStory,
    StoryPart,
)
from reflections.people import person_of

REFLECT = Path(sys.executable).parent / "reflect"
WXR = Path(__file__).parent / "fixtures" / "wordpress-export.xml"
TZ = timezone(timedelta(hours=-5))
KNOWN = {
    "gap": KnownLesson("gap", "Use the gap", "Mindset"),
    "numbers": KnownLesson("numbers", "Tell stories with numbers", "Interviewing"),
    "result": KnownLesson("result", "Lead with the result", "Interviewing"),
    "ask": KnownLesson("ask", "Ask for the next introduction", "Networking"),
    "cut": KnownLesson("cut", "Price the pay cut", "Career moves"),
}


def lesson(slug: str) -> PostLesson:
    known = KNOWN[slug]
    url = f"lessons/{slug}/"
    return PostLesson(slug, known.title, known.theme, url, None, "", "", True)


def asked(text: str, answer: str = "", *slugs: str) -> PostQuestion:
    key = text.lower().rstrip("?")
    html = f"<p>{answer}</p>" if answer else ""
    anchor = "asked-" + key.replace(" ", "-")
    return PostQuestion(text, key, anchor, html, answer, tuple(map(lesson, slugs)))


def story(title: str, *slugs: str) -> PostStory:
    parts = tuple(
        StoryPart(name, f"<p>{name} of {title}.</p>", f"{name} of {title}.")
        for name in ("Situation", "Task", "Action", "Result")
    )
    return PostStory(title, f"story-{title.lower()}", parts, tuple(map(lesson, slugs)))


def post(key, month, kind, who, slugs, stories=(), questions=()) -> PostRecord:
    return PostRecord(
        key=key,
        title=key.capitalize(),
        url=f"2026/{key}/",
        date=datetime(2026, month, 1, 9, 0, tzinfo=TZ),
        lessons=tuple(map(lesson, slugs)),
        category=kind,
        person=person_of(who),
        stories=tuple(stories),
        questions=tuple(questions),
    )


POSTS = [
    post(
        "first",
        1,
        "Mock interviews",
        "Owen, a hiring manager",
        ["numbers", "result"],
        stories=[story("Freight", "numbers"), story("Reorder", "numbers", "result")],
        questions=[asked("What would you cut?", "The middle."), asked("Culture?")],
    ),
    post(
        "second",
        3,
        "Informational interviews",
        "Marisol, head of operations",
        ["gap", "ask"],
        stories=[story("Layoff", "gap")],
        questions=[asked("Who else?", "Her founder.", "ask")],
    ),
    post(
        "third",
        5,
        "Mock interviews",
        "Owen ,  again",
        ["result"],
        questions=[asked("What would you cut?", "The opening.")],
    ),
    post(
        "fourth",
        6,
        "Informational interviews",
        "Omar, data engineer",
        ["cut", "ask"],
        questions=[asked("What did it cost?", "Eleven percent.", "cut")],
    ),
]


@pytest.fixture
def index():
    return assemble_index(POSTS, KNOWN)


def test_questions_that_worked_are_the_persons_first_then_the_kinds(index):
    prep = prepare(index, PrepRequest(person="OWEN"))

    assert prep.person == "Owen"
    assert [p.key for p in prep.past] == ["third", "first"]
    [question] = prep.questions  # "Culture?" has no answer noted: asked, not worked
    assert (question.text, question.times_asked) == ("What would you cut?", 2)

    informational = prepare(
        index, PrepRequest(kind="informational INTERVIEWS", person="Omar")
    )
    assert [q.text for q in informational.questions] == [
        "What did it cost?",
        "Who else?",
    ]


def test_stories_show_the_most_of_the_lessons_involved(index):
    prep = prepare(index, PrepRequest(kind="Mock interviews"))

    assert {lesson.slug for lesson in prep.involved} == {"numbers", "result"}
    assert [use.story.title for use in prep.stories] == ["Reorder", "Freight"]
    named = prepare(index, PrepRequest(lessons=("gap",)))
    assert [use.story.title for use in named.stories] == ["Layoff"]


def test_a_story_told_in_two_conversations_takes_one_place_its_newest_telling():
    """A story is its title: told again in a later post, it is still one story
    to have ready, and the sheet points to the newest telling that shows
    the most of the lessons involved."""
    retold = post(
        "fifth",
        7,
        "Mock interviews",
        "Owen, a hiring manager",
        ["numbers", "result"],
        stories=[story("Reorder", "numbers", "result"), story("Freight", "numbers")],
    )
    index = assemble_index([*POSTS, retold], KNOWN)

    prep = prepare(index, PrepRequest(kind="Mock interviews"))

    assert [(use.story.title, use.post.key) for use in prep.stories] == [
        ("Reorder", "fifth"),
        ("Freight", "fifth"),
    ]


def test_lessons_to_test_are_learned_once_in_the_themes_involved(index):
    prep = prepare(index, PrepRequest(kind="Informational interviews"))

    # gap (Mindset), ask (Networking: learned twice) and cut (Career moves)
    assert [item.lesson.slug for item in prep.to_test] == ["gap", "cut"]
    interviewing = prepare(index, PrepRequest(lessons=("numbers",)))
    assert [item.lesson.slug for item in interviewing.to_test] == ["numbers"]


def test_an_unknown_kind_or_person_is_a_note_with_the_closest_name(index):
    prep = prepare(index, PrepRequest(kind="Mock interview", person="Marysol"))

    assert prep.notes == (
        "No 'Mock interview' conversation yet (did you mean 'Mock interviews'?).",
        "No conversation with Marysol yet (did you mean 'Marisol'?).",
    )
    sheet = as_markdown(prep)
    assert "## Past conversations with Marysol\n\nNone yet: this is the first." in sheet


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (PrepRequest(), "say what to prepare for"),
        (PrepRequest(lessons=("numbrs",)), "no lesson 'numbrs' has been learned yet"),
    ],
)
def test_asking_for_nothing_or_an_unknown_lesson_stops(index, request_, message):
    with pytest.raises(PrepError, match=message):
        prepare(index, request_)


def test_the_sheet_is_markdown_with_a_section_for_each_question_it_answers(index):
    long_answer = "word " * 100
    posts = [*POSTS[:3], replace(POSTS[3], questions=(asked("Why?", long_answer),))]
    sheet = as_markdown(
        prepare(assemble_index(posts, KNOWN), PrepRequest(kind="Mock interviews"))
    )

    assert sheet.startswith("# Preparing for the next conversation\n\n")
    headings = [line for line in sheet.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Questions that worked",
        "## Stories to have ready",
        "## Lessons learned once, to test",
    ]
    assert "- **What would you cut?** (asked twice): The opening. (Owen," in sheet
    assert (
        "### Reorder\n\nShows: Tell stories with numbers; Lead with the result."
        in sheet
    )
    assert "- **Result:** Result of Reorder." in sheet
    assert all(len(line) < 400 for line in sheet.splitlines())
    assert SHOWN_TEXT < 400


def reflect(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args], cwd=cwd, capture_output=True, text=True
    )


def example_script():
    path = ROOT / "docs" / "prep_example.py"
    spec = importlib.util.spec_from_file_location("prep_example", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documented_sheet_is_what_reflect_prep_prints_on_the_sample_site():
    example = example_script()
    page = read(example.PAGE)

    assert example.command(page)[:2] == ["prep", "--kind"]
    assert example.shown(page) == example.sheet(page), (
        "docs/preparation.md shows an old sheet: run "
        ".venv/bin/python docs/prep_example.py"
    )
    assert "## Stories to have ready\n\n### " in example.shown(page)


def test_output_writes_the_sheet_and_refuses_the_content_folder(tmp_path):
    written = tmp_path / "owen.md"
    result = reflect("prep", "--person", "Owen", "--output", str(written), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert read(written).startswith("# Preparing for the next conversation\n")
    assert "## Past conversations with Owen\n\n- Aug 23, 2026: " in read(written)

    inside = ROOT / "content" / "posts" / "prep.md"
    refused = reflect("prep", "--person", "Owen", "--output", str(inside), cwd=ROOT)
    assert refused.returncode == 2
    assert "inside the content folder" in refused.stderr
    assert not inside.exists()


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("pelicanconf.py", "is the site's settings"),
        ("theme/templates/base.html", "inside the theme folder"),
        ("plugins/reflections/__init__.py", "inside the plugin folder"),
        ("notes.md", "already holds something other than a preparation sheet"),
    ],
)
def test_output_never_replaces_a_file_of_the_site(tmp_path, target, says):
    """The sheet replaces what is at ``--output``; only a sheet may be."""
    site = copy_project(tmp_path / "site")
    (site / "notes.md").write_text("My own notes.\n")
    before = snapshot(site)

    refused = reflect("prep", "--person", "Owen", "--output", target, cwd=site)

    assert refused.returncode == 2
    assert says in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert snapshot(site) == before


def test_output_replaces_a_sheet_it_wrote(tmp_path):
    """A sheet over the sheet it wrote is an update, not a refusal."""
    site = copy_project(tmp_path / "site")
    for _ in range(2):
        written = reflect("prep", "--person", "Owen", "--output", "owen.md", cwd=site)
        assert written.returncode == 0, written.stderr
    assert read(site / "owen.md").startswith("# Preparing for the next conversation\n")


def test_an_output_that_cannot_be_looked_at_is_one_line(tmp_path):
    """A link to itself (Python raises RuntimeError resolving it): refused
    in one line, nothing written, no traceback."""
    site = copy_project(tmp_path / "site")
    (site / "loop.md").symlink_to("loop.md")
    refused = reflect("prep", "--person", "Owen", "--output", "loop.md", cwd=site)
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "cannot check loop.md" in refused.stderr
    assert (site / "loop.md").is_symlink()


def test_an_unknown_lesson_is_one_line_and_exit_status_2():
    result = reflect("prep", "--lesson", "tell-stories-with-number", cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "reflect prep: no lesson 'tell-stories-with-number' has been learned yet "
        "(did you mean 'tell-stories-with-numbers'?); `reflect lessons` lists them"
    ]
    assert result.stdout == ""


def test_prep_on_an_imported_wordpress_site_says_how_to_start(tmp_path):
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
        'TIMEZONE = "UTC"\n'
    )
    (tmp_path / "content").mkdir()
    assert reflect("import-wordpress", str(WXR), cwd=tmp_path).returncode == 0

    result = reflect(
        "prep", "--kind", "Informational interviews", "--person", "Rosa", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    sheet = result.stdout
    assert "Kind of conversation: Informational interviews · With: Rosa." in sheet
    assert "> No conversation with Rosa yet." in sheet
    assert "write each question you asked as a `> [!asked] question` callout" in sheet
    assert "tell one as a `> [!story] Title` callout in four parts" in sheet
    assert "add a `Lessons:` line to each post" in sheet
    assert "## Past conversations with Rosa\n\nNone yet: this is the first." in sheet
