"""The desk's plain modules, without building a site: follow-ups, intervals,
people and introductions, the review schedule, readers' questions and
reviews.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest

from desk.assemble import plain_text
from desk.dates import Interval, parse_date, parse_interval, relative_label
from desk.followups import agenda, post_follow_ups
from desk.model import LessonHistory, PostFacts, ReviewLog
from desk.people import edit_distance, near_miss, people_directory, person_name
from desk.questions import asked, waiting_questions
from desk.review import due_for_review, review_schedule
from desk.reviewlog import read_review_log
from sitekit.localonly import LocalField

TODAY = date(2026, 12, 4)
SIX_MONTHS = Interval(6, "month")
INTERVALS = tuple(
    map(parse_interval, ("1 week", "1 month", "3 months", "6 months", "12 months"))
)


def post(
    name: str, day: date | None, who: str | None = None, *fields, status="published"
) -> PostFacts:
    return PostFacts(
        key=f"/site/content/posts/{name}.md",
        title=name.title(),
        slug=name,
        url=f"2026/{name}/",
        date=day,
        status=status,
        who=who,
        fields=tuple(LocalField(n, v, i + 3) for i, (n, v) in enumerate(fields)),
        location=f"content/posts/{name}.md",
    )


# --- Dates and intervals ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("3 months", Interval(3, "month")),
        ("1 week", Interval(1, "week")),
        ("a year", Interval(1, "year")),
        ("  12 Months ", Interval(12, "month")),
        ("10 days", Interval(10, "day")),
    ],
)
def test_intervals_as_the_writer_types_them(text, interval):
    assert parse_interval(text) == interval


@pytest.mark.parametrize("text", ["", "soon", "0 months", "3", "months", "1.5 weeks"])
def test_what_is_not_an_interval(text):
    assert parse_interval(text) is None


def test_a_month_after_the_last_day_of_january_is_the_last_of_february():
    assert Interval(1, "month").after(date(2026, 1, 31)) == date(2026, 2, 28)


@pytest.mark.parametrize("interval", [Interval(1, "week"), Interval(999, "year")])
def test_an_interval_past_the_calendars_last_day_ends_on_that_day(interval):
    assert interval.after(date(9999, 12, 30)) == date.max


def test_a_lesson_learned_on_the_calendars_last_day_is_due_that_day():
    [item] = review_schedule(
        [lesson("last", date.max)], ReviewLog({"last": (date.max,)}), INTERVALS
    )
    assert item.due == date.max


@pytest.mark.parametrize("text", ["2026-02-30", "2026-1-5", "12/10/2026", "", "x"])
def test_what_is_not_a_date(text):
    assert parse_date(text) is None


def test_days_relative_to_today():
    assert relative_label(date(2026, 12, 5), TODAY) == "tomorrow"
    assert relative_label(date(2026, 11, 25), TODAY) == "9 days ago"
    assert relative_label(TODAY, TODAY) == "today"


# --- Follow-ups ---------------------------------------------------------------


def test_a_follow_up_is_a_date_then_what_to_do_and_x_marks_it_done():
    found, findings = post_follow_ups(
        post(
            "a",
            date(2026, 1, 1),
            "Sam",
            ("Follow-up", "2026-12-10 Send the article"),
            ("Follow-up", "[x] 2026-01-02 Thank Sam"),
            ("Follow-up", "[ ] 2026-12-01 Call back"),
        )
    )
    assert findings == []
    assert [(f.due, f.text, f.done, f.line) for f in found] == [
        (date(2026, 12, 10), "Send the article", False, 3),
        (date(2026, 1, 2), "Thank Sam", True, 4),
        (date(2026, 12, 1), "Call back", False, 5),
    ]
    assert found[0].person == "Sam"
    assert found[0].place == "content/posts/a.md:3"


@pytest.mark.parametrize(
    "value", ["next week call Sam", "2026-13-01 Call Sam", "2026-12-10", "[x]"]
)
def test_a_follow_up_without_a_date_or_a_task_is_a_finding_with_its_line(value):
    found, findings = post_follow_ups(post("a", TODAY, None, ("Follow-up", value)))
    assert found == []
    [finding] = findings
    assert (finding.rule, finding.path, finding.line) == (
        "bad-follow-up",
        "/site/content/posts/a.md",
        3,
    )


def test_a_follow_up_dated_before_its_conversation_is_kept_with_a_warning():
    """A year typed wrong (2025 for 2026) would only ever show as overdue."""
    found, findings = post_follow_ups(
        post(
            "a",
            date(2026, 3, 9),
            "Sam",
            ("Follow-up", "2025-03-16 Send the article"),
            ("Follow-up", "[x] 2026-03-09 Thank Sam the same day"),
        )
    )
    assert [(f.due, f.text) for f in found] == [
        (date(2025, 3, 16), "Send the article"),
        (date(2026, 3, 9), "Thank Sam the same day"),
    ]
    [finding] = findings
    assert (finding.rule, finding.path, finding.line) == (
        "date-before-conversation",
        "/site/content/posts/a.md",
        3,
    )
    assert "'2025-03-16 Send the article' is dated before the conversation it " in (
        finding.message
    )
    assert "(2026-03-09); is the year right?" in finding.message


def test_the_agenda_sorts_open_follow_ups_by_when_they_are_due():
    items, _ = post_follow_ups(
        post(
            "a",
            TODAY,
            "Sam",
            ("Follow-up", "2026-12-19 Outside the window"),
            ("Follow-up", "2026-12-18 Last day of the window"),
            ("Follow-up", "2026-12-04 Today"),
            ("Follow-up", "2026-12-03 Yesterday"),
            ("Follow-up", "[x] 2026-11-01 Done long ago"),
        )
    )
    plan = agenda(items, TODAY, 14)
    assert [f.text for f in plan.overdue] == ["Yesterday"]
    assert [f.text for f in plan.upcoming] == ["Today", "Last day of the window"]
    assert [f.text for f in plan.later] == ["Outside the window"]
    assert plan.done == 1


# --- People -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("Graham, a director of supply chain planning", "Graham"),
        ("  Dana   Lee ,  a researcher", "Dana Lee"),
        ("Ruth", "Ruth"),
        ("Ｒｕｔｈ, my mentor", "Ruth"),  # NFKC
        (", nobody", None),
        ("", None),
        (None, None),
    ],
)
def test_a_person_is_the_part_of_who_before_the_first_comma(who, name):
    assert person_name(who) == name


def test_introductions_are_read_both_ways():
    people = people_directory(
        [
            post(
                "ayesha",
                date(2025, 10, 5),
                "Ayesha, a PM",
                ("Introduced-by", "Marcus, a coworker"),
                ("Introduced", "Colette; Priyanka"),
            ),
            post("colette", date(2026, 3, 8), "colette, head of product ops"),
            post("omar", date(2026, 11, 15), "Omar", ("Introduced-by", "AYESHA")),
        ],
        SIX_MONTHS,
    )
    ayesha, colette, omar = (people.find(n) for n in ("Ayesha", "Colette", "Omar"))
    assert ayesha.introduced_by == ("Marcus",)
    # Newest conversations first; a known person as their Who: spells them.
    assert ayesha.introduced == ("Omar", "colette", "Priyanka")
    assert colette.introduced_by == ("Ayesha",)
    assert omar.introduced_by == ("Ayesha",)
    assert people.findings == ()


def test_every_conversation_with_a_person_newest_first_and_the_last_contact():
    people = people_directory(
        [
            post("first", date(2025, 12, 7), "Owen, a PM"),
            post("second", date(2026, 8, 23), "Owen"),
            post("draft", None, "owen", status="draft"),
        ],
        SIX_MONTHS,
    )
    [owen] = people.people
    assert [p.slug for p in owen.conversations] == ["second", "first", "draft"]
    assert owen.last_contact.slug == "second"


@pytest.mark.parametrize(
    ("next_contact", "on", "because"),
    [
        ("2027-02-15", date(2027, 2, 15), "Next-contact: 2027-02-15"),
        ("3 months", date(2026, 4, 18), "Next-contact: 3 months"),
        (None, date(2026, 7, 18), "every 6 months"),
    ],
)
def test_when_to_reconnect(next_contact, on, because):
    fields = [("Next-contact", next_contact)] if next_contact else []
    people = people_directory(
        [post("ruth", date(2026, 1, 18), "Ruth", *fields)], SIX_MONTHS
    )
    [ruth] = people.people
    assert (ruth.reconnect_on, ruth.reconnect_because) == (on, because)
    assert people.reconnect(on) == (ruth,)
    assert people.reconnect(date.fromordinal(on.toordinal() - 1)) == ()


def test_only_the_latest_conversations_next_contact_counts():
    people = people_directory(
        [
            post("old", date(2025, 1, 1), "Ruth", ("Next-contact", "2030-01-01")),
            post("new", date(2026, 1, 18), "Ruth"),
        ],
        SIX_MONTHS,
    )
    assert people.people[0].reconnect_on == date(2026, 7, 18)


def test_a_next_contact_that_cannot_be_read_is_a_finding_and_the_default_is_used():
    people = people_directory(
        [post("ruth", date(2026, 1, 18), "Ruth", ("Next-contact", "soonish"))],
        SIX_MONTHS,
    )
    [finding] = people.findings
    assert (finding.rule, finding.line) == ("bad-next-contact", 3)
    assert people.people[0].reconnect_on == date(2026, 7, 18)


def test_a_next_contact_dated_before_its_conversation_is_kept_with_a_warning():
    people = people_directory(
        [post("ruth", date(2026, 1, 18), "Ruth", ("Next-contact", "2025-04-01"))],
        SIX_MONTHS,
    )
    [finding] = people.findings
    assert (finding.rule, finding.line) == ("date-before-conversation", 3)
    assert people.people[0].reconnect_on == date(2025, 4, 1)


@pytest.mark.parametrize(
    ("one", "other", "miss"),
    [
        ("Aysha", "Ayesha", True),  # a letter left out
        ("Owne", "Owen", True),  # two swapped
        ("Colete", "Colette", True),
        ("Graeme", "Graham", False),
        ("OWEN", "Owen", False),  # the same name
        ("Christopher", "Kristopher", True),  # long names allow two slips
        ("Christopher", "Kristofer", False),
        ("Jo", "Al", False),
    ],
)
def test_near_misses_are_one_slip_or_two_in_long_names(one, other, miss):
    assert near_miss(one, other) is miss


def test_edit_distance_counts_a_swap_of_neighbours_as_one():
    assert edit_distance("owen", "owne", 3) == 1
    assert edit_distance("abc", "xyz", 1) == 2  # stops past the limit


def test_an_introduction_spelt_almost_like_someone_known_is_a_finding():
    people = people_directory(
        [
            post("ayesha", date(2025, 10, 5), "Ayesha"),
            post("colette", date(2026, 3, 8), "Colette", ("Introduced-by", "Aysha")),
            post("omar", date(2026, 3, 9), "Omar", ("Introduced-by", "Marcus")),
        ],
        SIX_MONTHS,
    )
    [finding] = people.findings
    assert finding.rule == "near-miss-person"
    assert finding.path.endswith("colette.md")
    assert "'Aysha'" in finding.message and "'Ayesha'" in finding.message
    assert 'reflect people rename "Aysha" "Ayesha"' in finding.message


# --- Review -------------------------------------------------------------------


def lesson(slug: str, *days: date) -> LessonHistory:
    return LessonHistory(slug, slug.replace("-", " ").title(), f"lessons/{slug}/", days)


def test_each_sight_moves_a_lesson_to_the_next_interval():
    once = lesson("once", date(2026, 11, 15))
    log = ReviewLog({})
    [item] = review_schedule([once], log, INTERVALS)
    assert item.due == date(2026, 11, 22)  # a week after
    log = ReviewLog({"once": (date(2026, 11, 22),)})
    [item] = review_schedule([once], log, INTERVALS)
    assert item.due == date(2026, 12, 22)  # then a month
    assert item.after_review == Interval(3, "month")
    log = ReviewLog({"once": tuple(date(2020 + i, 1, 1) for i in range(9))})
    [item] = review_schedule([once], log, INTERVALS)
    assert item.interval == Interval(12, "month")  # the last one repeats


def test_a_lesson_reinforced_in_a_conversation_needs_no_review_yet():
    twice = lesson("twice", date(2026, 1, 18), date(2026, 10, 18))
    [item] = review_schedule([twice], ReviewLog({}), INTERVALS)
    assert item.due == date(2026, 11, 18)  # a month after the second sight
    assert not item.learned_once


def test_learned_once_lessons_come_first_then_the_longest_overdue():
    schedule = review_schedule(
        [
            lesson("often", date(2025, 1, 1), date(2025, 2, 1)),
            lesson("recent-once", date(2026, 11, 20)),
            lesson("old-once", date(2025, 6, 1)),
            lesson("later", date(2026, 11, 1), date(2026, 12, 1)),
        ],
        ReviewLog({}),
        INTERVALS,
    )
    assert [i.lesson.slug for i in schedule] == [
        "old-once",
        "recent-once",
        "often",
        "later",
    ]
    assert [i.lesson.slug for i in due_for_review(schedule, TODAY)] == [
        "old-once",
        "recent-once",
        "often",
    ]


def test_a_lessons_history_says_when_it_was_learned_and_reviewed():
    [item] = review_schedule(
        [lesson("x", date(2025, 9, 14))],
        ReviewLog({"x": (date(2025, 9, 21), date(2025, 10, 20))}),
        INTERVALS,
    )
    assert item.history == (
        "learned once, on Sep 14, 2025; reviewed twice, last on Oct 20, 2025"
    )


def test_reviews_yml_gives_each_known_lesson_its_days(tmp_path):
    log_file = tmp_path / "reviews.yml"
    log_file.write_text(
        "# my reviews\nlead:\n  - 2026-01-10  # first\n  - '2026-02-01'\n"
        "once: 2026-03-04\nbad:\n  - someday\n  - 2026-02-30\ngone:\n  - 2026-01-01\n",
        encoding="utf-8",
    )
    log, findings = read_review_log(log_file, {"lead", "once", "bad"})
    assert log.of("lead") == (date(2026, 1, 10), date(2026, 2, 1))
    assert log.of("once") == (date(2026, 3, 4),)
    assert log.of("bad") == ()
    assert [(f.rule, f.line) for f in findings] == [
        ("bad-reviews-file", 7),
        ("bad-reviews-file", 8),
        ("bad-reviews-file", 9),
    ]


LAUGHS = "x: &x [2026-01-01, 2026-01-01, 2026-01-01]\n" + "".join(
    f"{name}: &{name} [*{inner}, *{inner}, *{inner}]\n"
    for inner, name in zip("xbcdefghijklmnopq", "bcdefghijklmnopqr", strict=True)
)  # r stands for 3^17 days, 129 million


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [1\n", 2),
        ("- 2026-01-01\n", 1),
        ("\tx: 1\n", 1),
        (LAUGHS + "a: *r\n", 2),
        ("a:\n  - " + "[" * 5000 + "]" * 5000 + "\n", 2),
        ("a:\n  - 2026-01-01\x00\n", 2),
        ("a:\n  - " + "9" * 5000 + "\n", None),
    ],
    ids=["syntax", "a list", "a tab", "aliases", "deep", "a NUL", "a huge number"],
)
def test_a_reviews_file_that_cannot_be_read_is_one_finding(tmp_path, text, line):
    log_file = tmp_path / "reviews.yml"
    log_file.write_text(text, encoding="utf-8")
    log, findings = read_review_log(log_file, {"a"})
    assert log == ReviewLog()
    [finding] = findings
    assert (finding.rule, finding.line) == ("bad-reviews-file", line)
    assert "\n" not in finding.message


def test_no_reviews_file_is_an_empty_log(tmp_path):
    assert read_review_log(tmp_path / "reviews.yml", {"a"}) == (ReviewLog(), [])


# --- Readers' questions ---------------------------------------------------------


@dataclass
class Comment:
    id: str
    author: str
    text: str
    reply_to: str | None = None
    date: datetime = datetime(2026, 4, 27, 8, 0)
    path: str = "/site/content/comments/a/x.md"

    @property
    def anchor(self) -> str:
        return f"comment-{self.id}"


@dataclass
class Node:
    comment: Comment
    by_post_author: bool = False
    replies: list = field(default_factory=list)


@dataclass
class Thread:
    roots: list


def test_a_question_waits_until_the_author_replies_somewhere_below_it():
    asks = Node(Comment("q1", "Lauren", "Thanks. Can I ask a follow-up?"))
    answered = Node(
        Comment("q2", "Marco", "Does it count?"),
        replies=[
            Node(
                Comment("r1", "Lauren", "Good question!", "q2"),
                replies=[Node(Comment("r2", "Priya", "Yes.", "r1"), True)],
            )
        ],
    )
    says = Node(Comment("c1", "Devon", "I tried it. It worked."))
    mine = Node(Comment("c2", "Priya", "Who else tried it?"), True)
    waiting = waiting_questions(
        [(post("a", TODAY), Thread([asks, answered, says, mine]))],
        lambda path: path.removeprefix("/site/"),
    )
    [question] = waiting
    assert question.comment_id == "q1"
    assert question.question == "Can I ask a follow-up?"
    assert question.url == "2026/a/#comment-q1"
    assert question.reply_folder == "content/comments/a/"


def test_the_question_is_the_sentences_that_ask():
    assert asked("No question here.") == ""
    text = "I liked it. Did she say how long? It sounds long! Was it worth it?"
    assert asked(text) == "Did she say how long? Was it worth it?"
    assert len(asked("Why? " * 200)) <= 240


def test_a_title_or_summary_reads_on_the_desk_as_on_every_page():
    """The desk's text of a field is the site's (``sitekit.text.as_text``):
    a script's code is no text, and two paragraphs' words stay apart."""
    assert plain_text("<p>Asked early.</p><p>Heard late.</p>") == (
        "Asked early. Heard late."
    )
    assert plain_text("R&amp;D <script>track()</script>lunch") == "R&D lunch"
