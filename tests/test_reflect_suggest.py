"""`reflect suggest`: lessons proposed from the vocabulary, with the
sentences behind them, added to a post's `Lessons:` line and nowhere else."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from sitebuild import CONTENT, ROOT, read

from reflect.lesson_association import Example, learn
from reflect.prose import stems
from reflect.suggest_scoring import THRESHOLD, suggest, tagged_example
from reflections.resolve.vocabulary import load_vocabulary

REFLECT = Path(sys.executable).parent / "reflect"
FIXTURES = Path(__file__).parent / "fixtures"
#: The first tuning set: THRESHOLD and the weights were chosen here up to
#: the sixth scoring pass.
CORPUS = FIXTURES / "suggest-corpus"
#: Measured only up to the sixth pass, tuned on since the seventh.
EVALUATION = FIXTURES / "suggest-eval"
#: Written blind (by someone who had not read the scoring or the other
#: sets); measured only up to the sixth pass, tuned on since the seventh.
BLIND_EVALUATION = FIXTURES / "suggest-eval-2"
#: Written blind too, by another writer; measured once, with the sixth
#: scoring and the fifth for comparison; tuned on since the seventh.
THIRD_EVALUATION = FIXTURES / "suggest-eval-3"
#: Written blind by a fourth writer after the seventh scoring was committed;
#: measured once, with the seventh scoring and the sixth for comparison;
#: tuned on since the eighth (docs/reflect.md).
FOURTH_EVALUATION = FIXTURES / "suggest-eval-4"
#: Written blind by a fifth writer after the eighth scoring was committed;
#: measured once, with the eighth scoring and the seventh for comparison;
#: tuned on since the ninth (docs/reflect.md).
FIFTH_EVALUATION = FIXTURES / "suggest-eval-5"
#: Written blind by a sixth writer after the ninth scoring was committed;
#: measured once, with the ninth scoring and the eighth and seventh for
#: comparison; tuned on since the tenth (docs/reflect.md).
SIXTH_EVALUATION = FIXTURES / "suggest-eval-6"
#: Written blind by a seventh writer after the tenth scoring was committed;
#: measured once, with the tenth scoring and the ninth and eighth for
#: comparison, nothing chosen on it (docs/reflect.md).
SEVENTH_EVALUATION = FIXTURES / "suggest-eval-7"
EVALUATION_SETS = (
    EVALUATION,
    BLIND_EVALUATION,
    THIRD_EVALUATION,
    FOURTH_EVALUATION,
    FIFTH_EVALUATION,
    SIXTH_EVALUATION,
    SEVENTH_EVALUATION,
)
#: What the tenth scoring was chosen on (each evaluation set but the
#: seventh became tuning data once measured: docs/reflect.md), and the posts
#: suggestions learn from when any set is measured.
TUNED_ON = (CORPUS, *EVALUATION_SETS[:-1])
#: The vocabulary every set's labels refer to (a frozen copy of lessons.yml).
LABELLED_VOCABULARY = FIXTURES / "suggest-lessons.yml"
#: What issue 23 asks of `suggest`.
TARGET_PRECISION, TARGET_RECALL = 0.9, 0.85
STARTUP = "2024-12-08-informational-startup.md"


@pytest.fixture
def blog(tmp_path):
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nTIMEZONE = "UTC"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    )
    (tmp_path / "content" / "posts").mkdir(parents=True)
    shutil.copy(CONTENT / "lessons.yml", tmp_path / "content" / "lessons.yml")
    shutil.copy(CORPUS / STARTUP, tmp_path / "content" / "posts" / STARTUP)
    return tmp_path


def reflect(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args], cwd=cwd, capture_output=True, text=True
    )


def test_stems_meet_across_word_forms():
    assert set(stems("introductions prepared")) == set(stems("introduction preparing"))


def test_suggest_scores_each_lesson_and_shows_the_sentences_behind_it(blog):
    result = reflect("suggest", cwd=blog)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"content/posts/{STARTUP}\n")
    assert (
        "  1.00  Ask for the next introduction (ask-for-the-next-introduction)" in out
    )
    assert (
        "        line 11: At the end I asked her for one more name, and she "
        "introduced me to the founder the next day."
    ) in out
    assert "Test a move before you make it" in out


def test_dry_run_shows_the_diff_and_writes_nothing(blog):
    post = blog / "content" / "posts" / STARTUP
    before = read(post)
    result = reflect("suggest", str(post), "--dry-run", cwd=blog)
    assert result.returncode == 0
    assert f"--- a/content/posts/{STARTUP}" in result.stdout
    # All four lessons its labels give it (tuning set), best first.
    assert (
        "+Lessons: Ask for the next introduction; Follow up within a day; "
        "Test a move before you make it; Prepare targeted questions\n"
    ) in result.stdout
    assert read(post) == before


def test_apply_adds_the_chosen_lessons_and_changes_nothing_else(blog):
    post = blog / "content" / "posts" / STARTUP
    before = read(post)
    result = reflect(
        "suggest",
        str(post),
        "--apply",
        "--lesson",
        "test-a-move-before-you-make-it",
        cwd=blog,
    )
    assert result.returncode == 0, result.stderr
    lines = before.splitlines(keepends=True)
    assert read(post) == "".join(
        [*lines[:2], "Lessons: Test a move before you make it\n", *lines[2:]]
    )
    again = reflect("suggest", str(post), cwd=blog).stdout
    assert "Test a move before you make it" not in again  # the post names it now


def test_apply_extends_an_existing_lessons_line_keeping_crlf_endings(blog):
    post = blog / "content" / "posts" / STARTUP
    text = read(post).replace(
        "Date: 2024-12-08 12:00\n",
        "Date: 2024-12-08 12:00\nLessons: Do your homework\n",
    )
    post.write_bytes(text.replace("\n", "\r\n").encode())
    reflect("suggest", str(post), "--apply", cwd=blog)
    after = post.read_bytes().decode()
    assert (
        "Lessons: Do your homework; Ask for the next introduction; "
        "Follow up within a day; Test a move before you make it\r\n"
    ) in after
    # "Do your homework" is an alias of Prepare targeted questions: not again.
    assert after.count("Prepare targeted") == 0
    assert after.replace(
        "; Ask for the next introduction; Follow up within a day; "
        "Test a move before you make it",
        "",
    ) == text.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("missing.md", "reflect suggest: missing.md: no such file"),
        ("content", "reflect suggest: content: is a folder, not a post"),
        ("pelicanconf.py", "pelicanconf.py is not a post of this site"),
    ],
)
def test_suggest_names_a_file_it_cannot_use(blog, argument, message):
    result = reflect("suggest", argument, cwd=blog)
    assert result.returncode == 2
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert message in result.stderr


@dataclass(frozen=True)
class Figures:
    """How `suggest` does on a labelled set, at THRESHOLD."""

    posts: int
    right: int  # suggestions that are a labelled lesson of their post
    suggested: int
    labelled: int

    @property
    def precision(self) -> float:
        return self.right / self.suggested

    @property
    def recall(self) -> float:
        return self.right / self.labelled


@functools.cache
def tagged_examples() -> dict[tuple[Path, str], Example]:
    """Every post of the sets tuned on, as the tagged posts suggestions
    learn from (a site that has tagged 368 posts)."""
    entries = load_vocabulary(LABELLED_VOCABULARY).lessons.values()
    examples = {}
    for labelled_set in TUNED_ON:
        labels = yaml.safe_load(read(labelled_set / "labels.yml"))
        for name, lessons in labels.items():
            examples[labelled_set, name] = tagged_example(
                read(labelled_set / name), lessons, entries
            )
    return examples


@functools.cache
def learned_without(labelled_set: Path):
    """What a site learns from every tagged post but the set's own: one
    learning per set, shared by every test that measures it."""
    return learn(e for (s, _), e in tagged_examples().items() if s != labelled_set)


@functools.cache
def measure(labelled_set: Path) -> Figures:
    """Each set's posts are scored with what was learned from the posts of
    every other set tuned on (leave-one-set-out): no post is ever scored
    with its own labels, or its own writer's other posts, among what was
    learned. The posts of a set not tuned on (a blind set) learn from all
    of them. Each set is measured once a run: two tests read its figures."""
    labels = yaml.safe_load(read(labelled_set / "labels.yml"))
    vocabulary = load_vocabulary(LABELLED_VOCABULARY)
    learned = learned_without(labelled_set)
    right = suggested = labelled = 0
    for name, lessons in labels.items():
        proposed = {
            s.lesson.slug
            for s in suggest(
                read(labelled_set / name), vocabulary, associations=learned
            )
        }
        right += len(proposed & set(lessons))
        suggested += len(proposed)
        labelled += len(lessons)
    return Figures(len(labels), right, suggested, labelled)


def documented(set_name: str) -> tuple[str, ...]:
    """The row of docs/reflect.md's table of figures for one set."""
    row = re.search(
        rf"^\| {set_name} \(`tests/fixtures/[\w-]+/`\) \| (\d+) \| (\d+) \| "
        r"([\d.]+) \((\d+) of (\d+) suggestions right\) \| "
        r"([\d.]+) \((\d+) of (\d+) lessons found\) \|$",
        read(ROOT / "docs" / "reflect.md"),
        re.MULTILINE,
    )
    assert row, f"docs/reflect.md states the figures of the {set_name.lower()} set"
    return row.groups()


def as_row(figures: Figures) -> tuple[str, ...]:
    return tuple(
        map(
            str,
            (
                figures.posts,
                figures.labelled,
                f"{figures.precision:.2f}",
                figures.right,
                figures.suggested,
                f"{figures.recall:.2f}",
                figures.right,
                figures.labelled,
            ),
        )
    )


def test_every_labelled_post_exists_and_every_label_is_a_lesson():
    vocabulary = load_vocabulary(LABELLED_VOCABULARY)
    for labelled_set in (CORPUS, *EVALUATION_SETS):
        labels = yaml.safe_load(read(labelled_set / "labels.yml"))
        assert set(labels) == {p.name for p in labelled_set.glob("*.md")}
        for lessons in labels.values():
            assert set(lessons) <= set(vocabulary.lessons)


#: The kinds of conversation (``Category:``) each evaluation set was written
#: across: issue 23 asks for varied kinds. The third set's writer named them
#: in their own words ("Mentor chats"), career changers among informational
#: interviews and peers.
KINDS = {
    EVALUATION: {
        "Informational interviews",
        "Mock interviews",
        "Mentoring",
        "Hiring managers",
        "Career changers",
    },
    THIRD_EVALUATION: {
        "Informational interviews",
        "Mock interviews",
        "Mentor chats",
        "Hiring managers",
        "Peers",
        "Recruiters",
    },
}
KINDS[BLIND_EVALUATION] = KINDS[EVALUATION]
KINDS[FOURTH_EVALUATION] = KINDS[THIRD_EVALUATION] | {"Career changers"}
KINDS[FIFTH_EVALUATION] = KINDS[FOURTH_EVALUATION] | {
    "Job shadowing",
    "Skip-level meetings",
}
KINDS[SIXTH_EVALUATION] = KINDS[FOURTH_EVALUATION]
#: The seventh set's writer named peers' conversations in their own words.
KINDS[SEVENTH_EVALUATION] = KINDS[FOURTH_EVALUATION] - {"Peers"} | {
    "Peer conversations"
}


@pytest.mark.parametrize("evaluation", EVALUATION_SETS)
def test_each_evaluation_set_is_apart_from_the_others_and_as_issue_23_asks(
    evaluation,
):
    others = {
        read(p)
        for labelled_set in (CORPUS, *EVALUATION_SETS)
        if labelled_set != evaluation
        for p in labelled_set.glob("*.md")
    }
    labels = yaml.safe_load(read(evaluation / "labels.yml"))
    assert not others & {read(p) for p in evaluation.glob("*.md")}
    assert len(labels) >= 40
    assert sum(1 for lessons in labels.values() if not lessons) >= len(labels) / 4
    kinds = {
        re.search(r"^Category: (.+)$", read(evaluation / name), re.M).group(1)
        for name in labels
    }
    assert KINDS[evaluation] <= kinds


@pytest.mark.parametrize(
    ("set_name", "labelled_set"),
    [
        ("Evaluation", EVALUATION),
        ("Second evaluation", BLIND_EVALUATION),
        ("Third evaluation", THIRD_EVALUATION),
        ("Fourth evaluation", FOURTH_EVALUATION),
        ("Fifth evaluation", FIFTH_EVALUATION),
        ("Sixth evaluation", SIXTH_EVALUATION),
        ("Seventh evaluation", SEVENTH_EVALUATION),
        ("Tuning", CORPUS),
    ],
)
def test_precision_and_recall_are_the_documented_ones(set_name, labelled_set):
    assert as_row(measure(labelled_set)) == documented(set_name)
    assert f"threshold of {THRESHOLD}" in read(ROOT / "docs" / "reflect.md")


def together(labelled_sets: tuple[Path, ...]) -> Figures:
    """The figures of several sets taken as one."""
    each = [measure(labelled_set) for labelled_set in labelled_sets]
    return Figures(
        *(sum(getattr(f, name) for f in each) for name in Figures.__dataclass_fields__)
    )


@pytest.mark.parametrize(
    ("figures_of", "labelled_sets"),
    [
        ("The seventh evaluation set's figures", (SEVENTH_EVALUATION,)),
        ("The tuning figures", TUNED_ON),
    ],
)
def test_the_docs_state_how_far_the_figures_are_from_issue_23s_targets(
    figures_of, labelled_sets
):
    figures = together(labelled_sets)
    paragraphs = [
        " ".join(paragraph.split())
        for paragraph in read(ROOT / "docs" / "reflect.md").split("\n\n")
    ]
    docs = " ".join(paragraphs)
    met = figures.precision >= TARGET_PRECISION and figures.recall >= TARGET_RECALL
    assert (f"**{figures_of} meet the targets issue 23 set" in docs) == met
    if met:
        stated = (
            f"**{figures_of} meet the targets issue 23 set** (precision "
            f"{TARGET_PRECISION}, recall {TARGET_RECALL}): precision "
            f"{figures.precision:.2f} ({figures.right} of {figures.suggested}) "
            f"and recall {figures.recall:.2f} ({figures.right} of {figures.labelled})"
        )
        assert stated in docs
        return
    # The fewest wrong suggestions to drop and lessons to find to meet them,
    # or, for a figure that meets its target already, that it does.
    fewer = next(
        k
        for k in range(figures.suggested)
        if figures.right >= TARGET_PRECISION * (figures.suggested - k)
    )
    more = next(
        m
        for m in range(figures.labelled)
        if figures.right + m >= TARGET_RECALL * figures.labelled
    )
    words = dict(
        enumerate("one two three four five six seven eight nine ten".split(), 1)
    )
    precision = (
        f"precision meets its target ({figures.precision:.2f}, "
        f"{figures.right} of {figures.suggested})"
        if not fewer
        else f"precision by {words.get(fewer, fewer)} wrong suggestion"
        f"{'' if fewer == 1 else 's'} ({figures.right} of "
        f"{figures.suggested - fewer} would be "
        f"{figures.right / (figures.suggested - fewer):.2f})"
    )
    recall = (
        f"recall meets its target ({figures.recall:.2f}, "
        f"{figures.right} of {figures.labelled})"
        if not more
        else f"recall by {words.get(more, more)} lesson{'' if more == 1 else 's'} "
        f"({figures.right + more} of {figures.labelled} would be "
        f"{(figures.right + more) / figures.labelled:.2f})"
    )
    # What falls short comes first, after the sentence's opening.
    first, second = (recall, precision) if not fewer else (precision, recall)
    stated = (
        f"**{figures_of} fall short of the targets issue 23 set "
        f"(precision {TARGET_PRECISION}, recall {TARGET_RECALL})**: {first}"
    )
    # Both in one paragraph: another set's figures do not stand for these.
    assert any(stated in p and second in p for p in paragraphs)


def test_the_last_pass_in_the_docs_states_todays_figures():
    """The passes table's last row gives the figures the scoring has today:
    on the sets it was chosen on, and on the blind set measured with it."""
    rows = re.findall(r"^\| \w+ \| .+ \|$", read(ROOT / "docs" / "reflect.md"), re.M)
    last = [row for row in rows if "leave-one-" in row or "learned from" in row][-1]
    tuning, blind = together(TUNED_ON), measure(SEVENTH_EVALUATION)
    assert (
        f"{tuning.posts} posts of seven sets, each learned from the other six: "
        f"{tuning.precision:.2f} ({tuning.right} of {tuning.suggested}), "
        f"{tuning.recall:.2f} ({tuning.right} of {tuning.labelled})"
    ) in last
    assert (
        f"seventh set {blind.precision:.2f} ({blind.right} of {blind.suggested}), "
        f"{blind.recall:.2f} ({blind.right} of {blind.labelled})"
    ) in last


def test_the_summary_of_blind_measurements_states_the_last_one():
    """The paragraph near the top of the suggestion section that sums up
    every blind measurement ends with today's: the seventh set's figures
    with the scoring it was measured with. The sixth set's, measured once
    with the ninth scoring, stay as history (today's scoring, chosen on it
    since, scores it otherwise)."""
    blind = measure(SEVENTH_EVALUATION)
    summary = [
        " ".join(paragraph.split())
        for paragraph in read(ROOT / "docs" / "reflect.md").split("\n\n")
        if paragraph.startswith("**Blind measurements so far.**")
    ]
    assert summary, "docs/reflect.md sums up the blind measurements"
    assert (
        "the sixth set with the ninth scoring, 0.94 (48 of 51) and 0.84 (48 of 57)"
    ) in summary[0]
    assert (
        f"the seventh set with the tenth scoring, {blind.precision:.2f} "
        f"({blind.right} of {blind.suggested}) and {blind.recall:.2f} "
        f"({blind.right} of {blind.labelled})"
    ) in summary[0]
