"""Hunting defects in the desk's dates, calendar and review queue with input
a writer plausibly types: a site name with a comma, the same follow-up
twice in a post, one of them done, and so on.

Each test here failed before the fix it came with.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from deskblog import run
from icalendar import Calendar
from sitebuild import build_site, copy_content, read
from test_desk_domain import SIX_MONTHS, TODAY, post
from test_reflect_desk import AYESHA, GRAHAM, calendar_events, every_byte

from desk.followups import post_follow_ups
from desk.people import named_people, people_directory
from desk.people import person_name as desk_person
from desk.questions import asked
from desk.settings import _day as desk_today_problem
from reflect.desk_commands import day_argument
from reflections.people import person_name as index_person

# --- the calendar file (RFC 5545) -------------------------------------------------

#: A TEXT value's escapes (RFC 5545, 3.3.11): nothing else may follow a
#: backslash, and a comma or semicolon that is text must be escaped.
_TEXT_ESCAPE = re.compile(r"\\(.)|([,;])", re.DOTALL)
_UNESCAPED = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}


def text_values(raw: bytes, name: str) -> list[str]:
    """Every value of the property ``name`` in ``raw``, unfolded and read as
    RFC 5545 TEXT, strictly: a stray escape or an unescaped ``,`` or ``;``
    is an error, not text."""
    unfolded = raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    values = []
    for line in unfolded.split("\r\n"):
        prop, _, value = line.partition(":")
        if prop.split(";")[0].upper() != name.upper():
            continue

        def unescape(match: re.Match, line: str = line) -> str:
            if match.group(2):
                raise AssertionError(f"unescaped {match.group(2)!r} in {line!r}")
            if match.group(1) not in _UNESCAPED:
                raise AssertionError(f"no such escape \\{match.group(1)} in {line!r}")
            return _UNESCAPED[match.group(1)]

        values.append(_TEXT_ESCAPE.sub(unescape, value))
    return values


def test_the_calendars_name_is_text_escaped_as_rfc_5545_says(blog, capsys):
    """X-WR-CALNAME holds TEXT (RFC 5545 3.8.8.2: a non-standard property's
    default type): a site name with a comma, a semicolon or a backslash was
    written as it is, which a calendar app reads as another name, or not
    at all (``\\ `` is no escape)."""
    name = r"Priya, in conversation; notes\drafts"
    with (blog / "pelicanconf.py").open("a") as settings:
        settings.write(f"SITENAME = {name!r}\n")

    run(capsys, "due", "--ics", "due.ics")

    raw = (blog / "due.ics").read_bytes()
    assert text_values(raw, "X-WR-CALNAME") == [f"Follow-ups: {name}"]
    for prop in ("SUMMARY", "DESCRIPTION"):
        assert text_values(raw, prop)  # each read strictly as TEXT
    Calendar.from_ical(raw)


def test_marking_one_of_two_like_follow_ups_done_keeps_the_others_uid(
    blog,
    capsys,
):
    """The same words twice in a post are told apart by which of them each
    is; counted among the open ones only, marking the first done gave the
    second the first's UID, so a calendar app moved the done event onto the
    open one's day and kept the open one's own event too: one follow-up,
    two events."""
    post = blog / GRAHAM
    text = post.read_text(encoding="utf-8")
    twice = (
        "Follow-up: 2027-01-10 Check in with Graham\n"
        "Follow-up: 2027-04-10 Check in with Graham\n"
    )
    post.write_text(
        text.replace("Next-contact:", twice + "Next-contact:"), encoding="utf-8"
    )
    run(capsys, "due", "--ics", "before.ics")
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Follow-up: 2027-01-10", "Follow-up: [x] 2027-01-10"),
        encoding="utf-8",
    )

    run(capsys, "due", "--ics", "after.ics")

    before, after = (
        calendar_events(blog / "before.ics"),
        calendar_events(blog / "after.ics"),
    )
    april = {uid for uid, (day, _) in before.items() if day.month == 4}
    assert {uid for uid, (day, _) in after.items() if day.month == 4} == april
    # Imported over the first: the open one is in the calendar once (the
    # done one stays on its day until the writer deletes it there).
    calendar = {**before, **after}
    days = [day for day, words in calendar.values() if "Check in with" in words]
    assert sorted(days) == [date(2027, 1, 10), date(2027, 4, 10)]


# --- people -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        "王伟，一位工程师",  # a fullwidth comma, as Chinese is typed
        "Ana﹐ a small comma",
        "Ａｎａ, fullwidth letters",
        "\u200b, someone unnamed",  # a name no one sees is no name
        "José, a café owner",  # e and a combining accent
        "  Graham  , a director",
    ],
)
def test_the_desk_and_the_reflection_index_name_one_person_alike(who):
    """One rule names a conversation's person everywhere: the desk split
    Who: at an ASCII comma before normalising, the reflection index after,
    so a fullwidth comma made one person two, and a name of invisible
    characters alone was a person on the desk only."""
    assert desk_person(who) == index_person(who)


def test_introductions_are_separated_by_a_semicolon_however_it_is_typed():
    assert named_people("王伟；李娜, a designer") == ["王伟", "李娜"]


@pytest.mark.parametrize(
    ("who", "person"),
    [
        ("أحمد، مدير التخطيط", "أحمد"),  # Arabic's comma
        ("张伟、设计师", "张伟"),  # the ideographic comma
    ],
)
def test_a_who_field_in_another_script_names_the_person_before_its_comma(who, person):
    """Arabic, Chinese and Japanese have commas of their own, which NFKC
    leaves as they are: the whole field was the person's name."""
    assert desk_person(who) == index_person(who) == person


def test_introductions_in_arabic_are_separated_by_its_semicolon():
    assert named_people("أحمد؛ ليلى") == ["أحمد", "ليلى"]


def test_rename_changes_only_a_name_ended_by_a_fullwidth_comma(blog, capsys):
    post = blog / AYESHA
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Who: Ayesha,", "Who: 王伟，").replace(
            "Introduced: Colette,", "Introduced: 李娜；Colette，"
        ),
        encoding="utf-8",
    )
    before = post.read_bytes()

    status, _, _ = run(capsys, "people", "rename", "Colette", "Colette B.")

    assert status == 0
    assert post.read_bytes() == before.replace(
        "李娜；Colette，".encode(), "李娜；Colette B.，".encode()
    )
    status, out, _ = run(capsys, "people", "rename", "王伟", "王偉")
    assert status == 0, out
    assert post.read_bytes().count("Who: 王偉，".encode()) == 1


@pytest.mark.parametrize("new", ["Ayesha，Khan", "Ayesha；Khan"])
def test_rename_refuses_a_new_name_with_a_comma_of_another_width(blog, capsys, new):
    """A fullwidth comma or semicolon ends a name as the ASCII one does, so
    a new name holding one would be read as a shorter name."""
    before = every_byte(blog)

    status, _, err = run(capsys, "people", "rename", "Ayesha", new)

    assert status == 1
    assert "no comma or semicolon" in err
    assert every_byte(blog) == before


# --- Next-contact: every value is checked, not only the one that counts ----------


def findings_of(posts) -> list[tuple[str, str, int]]:
    people = people_directory(posts, SIX_MONTHS)
    return sorted((f.rule, f.path.split("/")[-1], f.line) for f in people.findings)


def test_a_next_contact_on_an_earlier_conversation_is_checked_too():
    """Only the latest conversation's Next-contact: sets the day, but each
    one is what the writer typed: one that cannot be read, or dated before
    its conversation, was said on the latest post alone, and lint passed
    the others in silence."""
    posts = [
        post("old", date(2025, 1, 1), "Ruth", ("Next-contact", "soonish")),
        post("mid", date(2025, 6, 1), "Ruth", ("Next-contact", "2024-06-01")),
        post("new", date(2026, 1, 18), "Ruth", ("Next-contact", "3 months")),
    ]
    assert findings_of(posts) == [
        ("bad-next-contact", "old.md", 3),
        ("date-before-conversation", "mid.md", 3),
    ]
    assert people_directory(posts, SIX_MONTHS).people[0].reconnect_on == date(
        2026, 4, 18
    )


def test_each_next_contact_of_a_post_is_checked_and_the_last_counts():
    posts = [
        post(
            "ruth",
            date(2026, 1, 18),
            "Ruth",
            ("Next-contact", "in a while"),
            ("Next-contact", "2026-03-01"),
        )
    ]
    assert findings_of(posts) == [("bad-next-contact", "ruth.md", 3)]
    assert people_directory(posts, SIX_MONTHS).people[0].reconnect_on == date(
        2026, 3, 1
    )


def test_fields_about_the_person_on_a_post_that_names_no_one_are_warnings():
    """Next-contact: and the introductions are about the person in Who:; with
    no one there (no Who:, or one dropped for a private marker) they were
    left off the desk, and nothing said so."""
    fields = (
        ("Introduced-by", "Marcus"),
        ("Introduced", "Colette"),
        ("Next-contact", "3 months"),
    )
    posts = [post("group", date(2026, 1, 18), None, *fields)]
    assert findings_of(posts) == [
        ("field-off-the-desk", "group.md", 3),
        ("field-off-the-desk", "group.md", 4),
        ("field-off-the-desk", "group.md", 5),
    ]
    assert findings_of([post("ok", date(2026, 1, 18), "Ruth", *fields)]) == []


# --- follow-ups: the done mark as it is typed -----------------------------------


@pytest.mark.parametrize(
    ("value", "done"),
    [
        ("[x] [x] 2026-12-11 Send the notes", True),  # marked done twice
        ("[x][X] 2026-12-11 Send the notes", True),
        ("[ x ] 2026-12-11 Send the notes", True),  # spaces inside the brackets
        ("[ ✓ ] 2026-12-11 Send the notes", True),
        ("[  ] 2026-12-11 Send the notes", False),
        ("[\u00a0x\u00a0] 2026-12-11 Send the notes", True),  # no-break spaces
        ("［ｘ］ 2026-12-11 Send the notes", True),  # an East Asian keyboard's
    ],
)
def test_a_done_mark_typed_twice_or_with_spaces_still_marks_it_done(value, done):
    """A follow-up marked done twice, or with ``[ x ]``, was read as one with
    no date (its mark taken for the date) and left off with a warning that
    said no date could be read, beside the date the writer typed."""
    found, findings = post_follow_ups(post("a", TODAY, "Sam", ("Follow-up", value)))
    assert findings == []
    assert [(f.due, f.text, f.done) for f in found] == [
        (date(2026, 12, 11), "Send the notes", done)
    ]


# --- readers' questions in any script ---------------------------------------------


@pytest.mark.parametrize(
    ("comment", "question"),
    [
        ("这个模板可以分享吗？", "这个模板可以分享吗？"),  # a fullwidth question mark
        ("شكراً. هل يمكنك مشاركة القالب؟ سأكون ممتناً.", "هل يمكنك مشاركة القالب؟"),
        ("Merci. Vous l'avez envoyé‽ Bravo.", "Vous l'avez envoyé‽"),
        ("「共有できますか？」 ありがとう。", "「共有できますか？」"),
        # Chinese and Japanese put no space between sentences.
        ("谢谢！请问你是怎么准备的？谢谢！", "请问你是怎么准备的？"),
        ("ありがとう。共有できますか？助かります。", "共有できますか？"),
        # After "?" or "." a space is needed: an address's query asks nothing.
        ("See example.org/page?id=3 first. What next?", "What next?"),
    ],
)
def test_a_readers_question_is_one_in_any_script(comment, question):
    """A question ends in ``?`` in English, but in ``？`` in Chinese and
    Japanese and ``؟`` in Arabic and Persian: a reader who asked in those
    waited on no desk."""
    assert asked(comment) == question


# --- the desk page: right-to-left text keeps its order -------------------------

#: Hebrew and Arabic letters: text a browser lays out right to left.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_BLOCKS = {"p", "li", "blockquote", "h1", "h2", "h3", "td", "th", "dd", "dt"}


def isolated(element) -> bool:
    """Whether ``element``'s text is laid out on its own: it, or an
    element between it and its block, is a ``<bdi>`` or has ``dir``."""
    while element is not None:
        if element.tag == "bdi" or element.get("dir"):
            return True
        if element.tag in _BLOCKS:
            return False
        element = element.getparent()
    return False


def test_right_to_left_names_and_titles_on_the_desk_keep_their_order(tmp_path):
    """Two Hebrew names joined by a comma ("Introduced by אבי, דנה") are one
    right-to-left run in a left-to-right line, so a reader saw them in the
    other order, and a Hebrew follow-up's full stop on its wrong side; each
    piece of text a person typed is isolated (``<bdi>``, ``dir="auto"``)."""
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2025-10-05-peer-product-manager.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Title: Same years", "Title: שיחה עם שרה: Same years")
        .replace("Who: Ayesha,", "Who: שרה,")
        .replace("Introduced: Colette,", "Introduced: אבי; דנה; Colette,")
        .replace(
            "Introduced-by: Marcus,",
            "Follow-up: 2026-12-06 לשלוח לשרה את המאמר.\nIntroduced-by: מרקוס; Marcus,",
        ),
        encoding="utf-8",
    )

    output = build_site(tmp_path / "output", content=content, DESK_TODAY="2026-12-04")

    desk = lxml.html.fromstring(read(output / "desk" / "index.html"))
    shown = [
        (node.getparent(), str(node))
        for node in desk.xpath("//main//text()")
        if _RTL.search(node)
    ]
    assert shown  # the Hebrew is on the desk
    assert [text for element, text in shown if not isolated(element)] == []


# --- reflect review done on a log it cannot read -----------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # The same lesson twice, as two hand edits made it.
        (
            "# Reviews.\nfind-the-hybrid-role:\n  - 2026-11-01\n"
            "find-the-hybrid-role:\n  - 2026-11-20\n",
            4,
        ),
        # YAML finds the stray day out at the end of the file, after the
        # line the document starts on.
        ("---\nfind-the-hybrid-role:\n  - 2026-11-01\n  2026-11-20\n", 5),
        ("find-the-hybrid-role:\n  - 2026-02-30\n", 2),
        # A day that is none anywhere YAML reads one: a key, or deeper in.
        ("find-the-hybrid-role:\n  - 2026-11-01\n2026-02-30: x\n", 3),
        ("find-the-hybrid-role:\n  - 2026-11-01\na: {b: [2026-02-30]}\n", 3),
    ],
)
def test_review_done_names_the_line_of_a_log_it_cannot_read(
    blog,
    capsys,
    text,
    line,
):
    """It said "`reflect lint` names the line" and named none itself, and a
    lesson entered twice was told in Python's words ("datetime.date(2026,
    11, 20)") rather than as the file has it."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(text)

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 1
    [said] = [s for s in err.splitlines() if s.startswith("reflect review done:")]
    assert said.startswith(f"reflect review done: content/reviews.yml:{line}: "), said
    assert "datetime" not in said and "out of range" not in said
    assert reviews.read_text() == text


def test_the_calendars_dtstamp_is_when_the_writers_day_began(blog, capsys):
    """DTSTAMP is the start of the day the desk counts from, so the file is
    the same all day; taken as midnight UTC, a writer east of Greenwich
    (Kiritimati, UTC+14) stamped it up to 14 hours after it was made."""
    settings = (blog / "pelicanconf.py").read_text()
    (blog / "pelicanconf.py").write_text(
        settings.replace('"America/Chicago"', '"Pacific/Kiritimati"')
    )

    run(capsys, "due", "--ics", "due.ics")

    events = Calendar.from_ical((blog / "due.ics").read_bytes()).walk("VEVENT")
    began = datetime(2026, 12, 4, tzinfo=ZoneInfo("Pacific/Kiritimati"))
    assert {event.decoded("DTSTAMP") for event in events} == {began}
    assert b"DTSTAMP:20261203T100000Z\r\n" in (blog / "due.ics").read_bytes()


# --- a page's follow-up ------------------------------------------------------------


def test_the_desk_fields_of_a_page_are_said_to_be_left_off_the_desk(
    blog,
    capsys,
):
    """Follow-up: is local-only on a page as on a post, but the desk reads
    posts, the conversations: a page's follow-up was withheld from the
    published site and shown nowhere, with nothing said; so were a page's
    introductions and next contact."""
    (blog / "content" / "pages" / "now.md").write_text(
        "Title: Now\nFollow-up: 2026-12-06 Update the now page after the move\n"
        "Next-contact: 3 months\n\nWhat I am doing now.\n",
        encoding="utf-8",
    )

    _, _, err = run(capsys, "due")

    said = [line for line in err.splitlines() if "now.md" in line]
    assert [line.split(": warning: ")[0] for line in said] == [
        "content/pages/now.md:2",
        "content/pages/now.md:3",
    ]
    assert all(line.endswith(" [field-off-the-desk]") for line in said)
    assert "a page, which is no conversation" in said[0]


@pytest.mark.parametrize(
    "value",
    ["2026-12-12 Send the notes [x]", "2026-12-12 [x] Send the notes"],
)
def test_a_done_mark_after_the_date_is_a_warning_not_a_silent_open_follow_up(value):
    """``[x]`` marks a follow-up done in front of its date; typed after it,
    the follow-up stayed open, overdue on the desk for ever, with nothing
    said."""
    found, findings = post_follow_ups(post("a", TODAY, "Sam", ("Follow-up", value)))
    assert [f.done for f in found] == [False]
    [finding] = findings
    assert (finding.rule, finding.line) == ("bad-follow-up", 3)
    assert "in front of the date" in finding.message


def test_a_box_among_a_follow_ups_words_is_its_words_not_a_misplaced_mark():
    value = "2026-12-12 Check the [x] boxes on the form"
    found, findings = post_follow_ups(post("a", TODAY, "Sam", ("Follow-up", value)))
    assert [(f.done, f.text) for f in found] == [
        (False, "Check the [x] boxes on the form")
    ]
    assert findings == []


@pytest.mark.parametrize(
    "written",
    ["2026-12-04", " 2026-12-04 ", "20261204", "2026-W49-5", "2026-12-4", "2026-02-30"],
)
def test_the_today_option_takes_the_days_desk_today_takes(written):
    # One reading of a day: --today took ISO week dates and 20261204, which
    # DESK_TODAY, the setting it stands in for, refused.
    try:
        day_argument(written)
    except argparse.ArgumentTypeError:
        taken = False
    else:
        taken = True
    assert taken == (desk_today_problem(written) is None)
