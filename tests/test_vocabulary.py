"""lessons.yml loads with every entry, and every mistake names its line."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflections.errors import VocabularyError
from reflections.resolve.vocabulary import load_vocabulary, normalise

GOOD = """\
# The vocabulary.
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
  aliases:
    - Do your homework
    - Research the person before you meet
  description: |
    Read their profile first.

follow-up-within-a-day:
  title: Follow up within a day
"""


def write(tmp_path, text: str):
    path = tmp_path / "lessons.yml"
    path.write_text(text, encoding="utf-8")
    return path


def vocabulary_error(tmp_path, text: str) -> tuple[str, VocabularyError]:
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(path)
    return str(path), raised.value


@pytest.fixture
def vocabulary(tmp_path):
    return load_vocabulary(write(tmp_path, GOOD))


def test_a_good_file_loads_every_entry(vocabulary):
    assert list(vocabulary.lessons) == [
        "prepare-targeted-questions",
        "follow-up-within-a-day",
    ]
    lesson = vocabulary.lessons["prepare-targeted-questions"]
    assert lesson.title == "Prepare targeted questions"
    assert lesson.theme == "Preparation"
    assert lesson.aliases == ("Do your homework", "Research the person before you meet")
    assert lesson.description == "Read their profile first."
    assert lesson.line == 2


def test_an_entry_with_only_a_title_has_no_theme_aliases_or_description(vocabulary):
    lesson = vocabulary.lessons["follow-up-within-a-day"]

    assert (lesson.theme, lesson.aliases, lesson.description) == (None, (), "")
    assert lesson.line == 11


def test_cues_are_phrases_for_suggest_only_and_may_be_shared(tmp_path):
    vocabulary = load_vocabulary(
        write(
            tmp_path,
            "a-b:\n  title: X\n  cues:\n    - my  manager's manager\n    - skip-level\n"
            "c-d:\n  title: Y\n  cues: skip-level\n",
        )
    )
    assert vocabulary.lessons["a-b"].cues == ("my manager's manager", "skip-level")
    assert vocabulary.lessons["c-d"].cues == ("skip-level",)
    # A cue is not a name: a post saying it names no lesson.
    assert vocabulary.slug_for("skip-level") is None


def test_a_missing_file_is_an_empty_vocabulary(tmp_path):
    assert load_vocabulary(tmp_path / "lessons.yml").lessons == {}


def test_an_empty_file_is_an_empty_vocabulary(tmp_path):
    assert load_vocabulary(write(tmp_path, "# nothing yet\n")).lessons == {}


MALFORMED = {
    "yaml syntax": ("a-b:\n  title: X\n   theme: bad indent\n", 3, "not valid YAML"),
    "not a mapping": ("# lessons\n- a-b\n- c-d\n", 2, "must be a mapping"),
    "no title": ("a-b:\n  title: X\nc-d:\n  theme: T\n", 3, "'c-d' has no title"),
    "null title": ("a-b:\n  title:\n  theme: T\n", 1, "'a-b' has no title"),
    "unknown field": ("a-b:\n  title: X\n  tags: [y]\n", 3, "unknown field 'tags'"),
    "alias of two lessons": (
        "a-b:\n  title: X\n  aliases: [Shared]\nc-d:\n  title: Y\n"
        "  aliases:\n    - Other\n    - Shared\n",
        8,
        "'Shared' (in lesson 'c-d') is already",
    ),
    "alias equal to a title": (
        "a-b:\n  title: Use the gap\nc-d:\n  title: Y\n  aliases:\n    - use the GAP\n",
        6,
        "'use the GAP' (in lesson 'c-d') is already",
    ),
    "slug defined twice": (
        "a-b:\n  title: X\nc-d:\n  title: Y\na-b:\n  title: Z\n",
        5,
        "'a-b' is defined twice (first on line 1)",
    ),
    "slug with capitals": ("a-b:\n  title: X\nA-B:\n  title: Z\n", 3, "'A-B' must"),
    "slug with spaces": ("a b:\n  title: X\n", 1, "'a b' must be lower-case"),
    "aliases not a list": (
        "a-b:\n  title: X\n  aliases:\n    one: two\n",
        4,
        "aliases must be a list",
    ),
    "cues not a list": (
        "a-b:\n  title: X\n  cues:\n    one: two\n",
        4,
        "cues must be a list",
    ),
    "a field given twice": (
        "a-b:\n  title: X\n  theme: T\n  title: Y\n",
        4,
        "'a-b' gives 'title' twice (first on line 2)",
    ),
    "an alias": (
        "a-b:\n  title: X\n  aliases: &same [P, Q]\nc-d:\n  title: Y\n  cues: *same\n",
        6,
        "an alias (*same) repeats another value",
    ),
    "lists nested thousands deep": (
        "a-b:\n  title: X\n  aliases: " + "[" * 5000 + "]" * 5000 + "\n",
        3,
        "nested more than 10 deep",
    ),
    "a slug too long for a file name": (
        "a-b:\n  title: X\n" + "c" * 201 + ":\n  title: Y\n",
        3,
        "201 bytes long",
    ),
    "a NUL": ("a-b:\n  title: X\n  theme: T\x00\n", 3, "character 0x0000"),
}


@pytest.mark.parametrize(
    ("text", "line", "problem"), MALFORMED.values(), ids=MALFORMED.keys()
)
def test_a_malformed_file_raises_naming_path_line_and_problem(
    tmp_path, text, line, problem
):
    path, error = vocabulary_error(tmp_path, text)

    assert error.line == line
    assert problem in error.message
    assert str(error).startswith(f"{path}:{line}: ")
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("statement", "normal"),
    [
        ("Prepare Targeted QUESTIONS", "prepare targeted questions"),
        ("Say it, before you need it!", "say it before you need it"),
        ("Don't panic.", "dont panic"),
        ("Follow-up within a day", "follow up within a day"),
        ("Follow\u2014up \u2013 now", "follow up now"),
        ("  Cross   train\t now ", "cross train now"),
        ("Order the cafe\u0301 menu", "order the caf\u00e9 menu"),
    ],
)
def test_normalise_ignores_case_punctuation_dashes_and_spacing(statement, normal):
    assert normalise(statement) == normal


@pytest.mark.parametrize(
    "statement",
    [
        "Prepare targeted questions",
        "Do your homework",
        "prepare targeted questions",
        "PREPARE TARGETED QUESTIONS!",
        "Prepare targeted-questions.",
        "do your homework...",
    ],
)
def test_a_statement_matches_by_title_alias_or_slug(vocabulary, statement):
    match = vocabulary.match(statement)

    assert match.lesson is vocabulary.lessons["prepare-targeted-questions"]
    assert match.suggestion is None


def test_a_statement_with_a_combining_accent_names_the_composed_title(tmp_path):
    """ "café" pasted as "cafe" and U+0301 is the same title to a reader."""
    vocabulary = load_vocabulary(
        write(tmp_path, "order-the-cafe-menu:\n  title: Order the caf\u00e9 menu\n")
    )
    match = vocabulary.match("Order the cafe\u0301 menu")
    assert match.lesson is not None and match.lesson.slug == "order-the-cafe-menu"


def test_the_slug_as_words_matches(vocabulary):
    assert vocabulary.match("follow up within a day").lesson.slug == (
        "follow-up-within-a-day"
    )


def test_a_near_miss_suggests_the_lesson_it_probably_meant(vocabulary):
    match = vocabulary.match("Prepare targeted question")

    assert match.lesson is None
    assert match.suggestion is vocabulary.lessons["prepare-targeted-questions"]


def test_slug_for_finds_exact_matches_and_no_near_misses(vocabulary):
    assert vocabulary.slug_for("Do your homework!") == "prepare-targeted-questions"
    assert vocabulary.slug_for("Prepare targeted question") is None


def test_an_unrelated_statement_matches_nothing(vocabulary):
    assert vocabulary.match("Negotiate the salary last").lesson is None
    assert vocabulary.match("Negotiate the salary last").suggestion is None


def test_near_duplicates_finds_two_near_identical_titles(tmp_path):
    vocabulary = load_vocabulary(
        write(
            tmp_path,
            GOOD + "follow-up-within-one-day:\n  title: Follow up within one day\n",
        )
    )

    pairs = [(a.slug, b.slug) for a, b in vocabulary.near_duplicates()]
    assert pairs == [("follow-up-within-a-day", "follow-up-within-one-day")]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.text(alphabet="ab cde", min_size=1, max_size=12).filter(str.strip),
        min_size=2,
        max_size=8,
        unique_by=normalise,
    )
)
def test_near_duplicates_are_exactly_the_pairs_at_or_above_the_ratio(tmp_path, titles):
    """The cheap bounds tried first only skip work: every pair whose
    titles' ratio reaches the threshold is found, and no other."""
    text = "".join(
        f"lesson-{number}:\n  title: {title.strip()!r}\n"
        for number, title in enumerate(titles)
    )
    vocabulary = load_vocabulary(write(tmp_path, text))
    lessons = list(vocabulary.lessons.values())
    expected = [
        (first.slug, second.slug)
        for position, first in enumerate(lessons)
        for second in lessons[position + 1 :]
        if difflib.SequenceMatcher(
            None, normalise(first.title), normalise(second.title)
        ).ratio()
        >= 0.7
    ]
    found = [(a.slug, b.slug) for a, b in vocabulary.near_duplicates(0.7)]
    assert found == expected
