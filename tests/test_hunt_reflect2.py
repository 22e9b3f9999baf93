"""A second hunt through the writer's command line (`reflect`): what it
says about lessons a build withholds, follow-up times, the calendar file,
the lessons table's CSV and readers' questions. Each test failed before the
fix it came with."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from deskblog import SETTINGS, run
from icalendar import Calendar
from sitebuild import build_site

from desk.questions import asked
from reflect.cli import main
from reflect.lessons_table import spreadsheet_safe


@pytest.fixture
def site(empty_blog):
    """An empty site of its own, as the working directory."""
    return empty_blog


def write_post(site, name: str, text: str):
    path = site / "content" / "posts" / name
    path.write_text(text, encoding="utf-8")
    return path


# --- no-lessons: a post whose only lessons are withheld ---------------------------


@pytest.mark.parametrize(
    ("body", "line", "said"),
    [
        (
            "Lessons: [!private] Keep the salary talk for later\n\nWe had lunch.\n",
            3,
            "the `Lessons:` field, which holds a private marker",
        ),
        (
            "Lessons: Ask early; Keep the salary talk [!private]\n\nWe had lunch.\n",
            3,
            "withheld whole, every lesson on it",
        ),
        (
            "\nWe had lunch.\n\n> [!lesson] Keep the salary talk [!private]\n"
            "> She named a number.\n",
            6,
            "a lesson callout holding a private marker",
        ),
    ],
)
def test_a_post_whose_only_lessons_are_private_is_told_so_not_to_add_a_lessons_line(
    site, capsys, body, line, said
):
    """`Lessons: [!private] x` withholds the field, and the warning said
    "add a `Lessons:` line" to a post that has one."""
    write_post(
        site, "2026-11-01-lunch.md", "Title: A quiet lunch\nDate: 2026-11-01\n" + body
    )

    status, out, _ = run(capsys, "lint")

    assert status == 0
    (warning,) = [row for row in out.splitlines() if row.endswith("[no-lessons]")]
    assert warning.startswith(f"content/posts/2026-11-01-lunch.md:{line}: warning: ")
    assert "teaches no lessons a reader can see" in warning
    assert said in warning
    assert "add a `Lessons:` line" not in warning
    assert "salary" not in warning  # what is private is not repeated
    assert "[private-lessons-field]" not in out  # `no-lessons` tells it once


def test_a_post_with_no_lessons_at_all_is_still_told_to_add_some(site, capsys):
    write_post(site, "2026-11-01-lunch.md", "Title: Lunch\nDate: 2026-11-01\n\nHi.\n")
    _, out, _ = run(capsys, "lint")
    assert "this post teaches no lessons: add a `Lessons:` line" in out


def test_a_post_whose_only_lessons_are_in_a_local_only_story_says_so_when_published(
    site, capsys
):
    """With stories local-only, `lint --strict` (the publish build's view)
    reads the story's `Lessons:` line as withheld, not missing."""
    with (site / "pelicanconf.py").open("a") as settings:
        settings.write("REFLECTIONS_STORIES_LOCAL_ONLY = True\n")
    write_post(
        site,
        "2026-11-01-call.md",
        "Title: The hard call\nDate: 2026-11-01\n\nWe talked.\n\n"
        "> [!story] The hard call\n> Lessons: Make the hard call\n"
        "> Situation: a\n> Task: b\n> Action: c\n> Result: d\n",
    )
    build = site / "publish"
    with (site / "publishconf.py").open("w") as settings:
        settings.write(SETTINGS + "REFLECTIONS_STORIES_LOCAL_ONLY = True\n")
        settings.write("WITHHOLD_LOCAL_ONLY = True\n")
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Keep()
    logging.getLogger().addHandler(handler)
    try:
        build_site(
            build / "output",
            conf=str(site / "publishconf.py"),
            content=site / "content",
        )
    finally:
        logging.getLogger().removeHandler(handler)
    (warning,) = [r for r in records if "[no-lessons]" in r]
    assert "2026-11-01-call.md:7:" in warning
    assert "local-only story's `Lessons:` line" in warning


# --- a follow-up's time of day -----------------------------------------------------

TIMED = """\
Title: A quiet lunch
Date: 2026-11-01 10:00
Who: Zed, a planner
Lessons: Ask early
Follow-up: 2026-12-10 10:00 Call them
Follow-up: 2026-12-10 Send the notes
Follow-up: 2026-12-09 at 2:30pm Coffee with Zed
Follow-up: 2026-12-08 2 slides to send

We had lunch.
"""


def test_a_time_after_a_follow_ups_date_is_read_as_when_not_as_its_words(site, capsys):
    """`Follow-up: 2026-12-10 10:00 Call them` kept "10:00" as the first of
    its words, in the terminal, the JSON and the calendar's summary."""
    write_post(site, "2026-11-01-lunch.md", TIMED)

    status, out, _ = run(capsys, "due", "--json")

    assert status == 3
    found = {f["text"]: (f["due"], f["time"]) for f in json.loads(out)["follow_ups"]}
    assert found == {
        "Call them": ("2026-12-10", "10:00"),
        "Send the notes": ("2026-12-10", None),
        "Coffee with Zed": ("2026-12-09", "14:30"),
        "2 slides to send": ("2026-12-08", None),  # a number is words
    }
    _, out, _ = run(capsys, "due")
    assert "  2026-12-10 10:00  in 6 days     Call them\n" in out


def test_a_follow_up_with_a_time_is_an_event_at_that_time_in_the_calendar(site, capsys):
    write_post(site, "2026-11-01-lunch.md", TIMED)

    run(capsys, "due", "--ics", "due.ics")

    calendar = Calendar.from_ical((site / "due.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    call = events["Call them"]
    chicago = datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert call.decoded("DTSTART") == chicago
    assert call.decoded("DURATION") == timedelta(minutes=30)
    assert events["Send the notes"].decoded("DTSTART") == date(2026, 12, 10)


def test_moving_a_follow_ups_time_keeps_its_calendar_uid(site, capsys):
    post = write_post(site, "2026-11-01-lunch.md", TIMED)
    run(capsys, "due", "--ics", "before.ics")
    post.write_text(TIMED.replace("10:00 Call", "11:30 Call"), encoding="utf-8")
    run(capsys, "due", "--ics", "after.ics")

    def uids(name):
        calendar = Calendar.from_ical((site / name).read_bytes())
        return {str(e["SUMMARY"]): str(e["UID"]) for e in calendar.walk("VEVENT")}

    assert uids("before.ics") == uids("after.ics")


def test_a_time_of_day_that_is_none_is_a_clear_warning_at_its_line(site, capsys):
    write_post(
        site,
        "2026-11-01-lunch.md",
        TIMED.replace("10:00 Call them", "25:00 Call them"),
    )

    status, out, err = run(capsys, "due", "--all")

    assert status == 3
    assert "Call them" not in out
    assert (
        "content/posts/2026-11-01-lunch.md:5: warning: Follow-up: "
        "'2026-12-10 25:00 Call them' has a time of day that is none ('25:00')"
    ) in err
    assert err.rstrip().endswith("[bad-follow-up]")


@pytest.mark.parametrize("zone", ["CET", "UTC", "+01:00", "Europe/Berlin", "UTC+1"])
def test_a_time_zone_after_the_time_is_a_clear_warning_not_words(site, capsys, zone):
    """`10:00 CET Call` was 10:00 in the site's zone, "CET Call" its words:
    an event seven hours off in the calendar, without a word."""
    write_post(
        site,
        "2026-11-01-lunch.md",
        TIMED.replace("10:00 Call them", f"10:00 {zone} Call them"),
    )

    status, out, err = run(capsys, "due", "--all")

    assert status == 3
    assert "Call them" not in out
    [line] = [line for line in err.splitlines() if "[bad-follow-up]" in line]
    assert line.startswith("content/posts/2026-11-01-lunch.md:5: warning: ")
    assert f"names a time zone after its time ({zone!r})" in line


def test_words_after_a_time_that_only_look_like_a_zone_stay_words(site, capsys):
    write_post(
        site,
        "2026-11-01-lunch.md",
        TIMED.replace("10:00 Call them", "10:00 and/or CALL them"),
    )

    _, out, err = run(capsys, "due", "--json")

    texts = {f["text"] for f in json.loads(out)["follow_ups"]}
    assert "and/or CALL them" in texts and "[bad-follow-up]" not in err


def test_the_desk_page_shows_a_follow_ups_time_beside_its_day(site, capsys):
    write_post(site, "2026-11-01-lunch.md", TIMED)
    output = build_site(
        site / "output", conf=str(site / "pelicanconf.py"), content=site / "content"
    )
    desk = (output / "desk" / "index.html").read_text(encoding="utf-8")
    assert 'at <time datetime="10:00">10:00</time>' in desk
    assert "10:00 Call them" not in desk


# --- the calendar with nothing in it ---------------------------------------------


def test_with_no_open_follow_up_no_calendar_rfc_5545_would_refuse_is_written(
    site, capsys
):
    """A VCALENDAR with no component is invalid (RFC 5545, 3.4: one
    component at least), and that is what the export wrote."""
    write_post(
        site,
        "2026-11-01-lunch.md",
        "Title: Lunch\nDate: 2026-11-01\nWho: Zed\nLessons: Ask early\n"
        "Follow-up: [x] 2026-11-02 Thank Zed\n\nHi.\n",
    )

    status, _, err = run(capsys, "due", "--ics", "due.ics")

    assert status == 0
    assert not (site / "due.ics").exists()
    assert (
        "reflect due: no open follow-ups, so no calendar to write: "
        "due.ics not written\n"
    ) in err


def test_an_earlier_calendar_is_left_as_it_was_when_there_is_nothing_to_export(
    site, capsys
):
    post = write_post(
        site,
        "2026-11-01-lunch.md",
        "Title: Lunch\nDate: 2026-11-01\nWho: Zed\nLessons: Ask early\n"
        "Follow-up: 2026-11-02 Thank Zed\n\nHi.\n",
    )
    run(capsys, "due", "--ics", "due.ics")
    before = (site / "due.ics").read_bytes()
    Calendar.from_ical(before)
    post.write_text(
        post.read_text().replace("Follow-up: ", "Follow-up: [x] "), encoding="utf-8"
    )

    _, _, err = run(capsys, "due", "--ics", "due.ics")

    assert (site / "due.ics").read_bytes() == before
    assert "due.ics not written (the one there, an earlier export, is left" in err


# --- the lessons table's CSV in a spreadsheet --------------------------------------

FORMULAS = [
    '=HYPERLINK("https://example.org/x","Read me")',
    "+1+1 is more than two",
    "-2 fewer meetings a week",
    "@SUM(A1:A9) the hours",
]


def test_the_lessons_csv_never_starts_a_cell_with_a_spreadsheet_formula(site, capsys):
    """A lesson or theme starting with `=`, `+`, `-` or `@` was written as
    it is, which a spreadsheet opens as a formula (OWASP, CSV Injection)."""
    (site / "content" / "lessons.yml").write_text(
        "at-work:\n  title: Keep the door open\n  theme: '=1+2'\n", encoding="utf-8"
    )
    write_post(
        site,
        "2026-11-01-lunch.md",
        "Title: Lunch\nDate: 2026-11-01\n"
        f"Lessons: {'; '.join(FORMULAS)}; Keep the door open\n\nHi.\n",
    )

    status, out, _ = run(capsys, "lessons", "--format", "csv")

    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    cells = [cell for row in rows[1:] for cell in (row[0], row[1]) if cell]
    assert cells, out
    for cell in cells:
        assert cell[:1] not in set("=+-@\t\r"), cell
    lessons = {row[0] for row in rows[1:]}
    assert {f"'{formula}" for formula in FORMULAS} <= lessons
    assert "Keep the door open" in lessons  # text that is no formula is as it was
    assert next(row[:2] for row in rows if row[0] == "Keep the door open") == [
        "Keep the door open",
        "'=1+2",
    ]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        (" =1", "' =1"),
        ("＝1", "'＝1"),
        ("\n=1+1", "'\n=1+1"),  # after a line break
        ("\u3000=1+1", "'\u3000=1+1"),  # an ideographic space
        ("\ufeff=1+1", "'\ufeff=1+1"),  # a byte order mark
        ("\x0b=1", "'\x0b=1"),  # a vertical tab
        ("\x00=1", "'\x00=1"),  # a NUL (OWASP ASVS)
        ("a=b", "a=b"),
        ("2026-11-01", "2026-11-01"),
        (3, 3),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote_in_front(cell, written):
    assert spreadsheet_safe(cell) == written


# --- readers' questions: a sentence's end typed without its space ------------------


@pytest.mark.parametrize(
    ("comment", "question"),
    [
        ("Did he reply?Thanks.", "Did he reply?"),
        ("Great post!Did he reply?Thanks for sharing.", "Did he reply?"),
        ("Did he reply?”Thanks.", "Did he reply?”"),
        ("Why?Because it matters.", "Why?"),
        # An address's query, code and a lower-case slip ask nothing.
        ("See https://example.org/Page?Id=3 for the notes.", ""),
        ("Use a?b in the query.", ""),
        ("It was x?Yes:no in the code.", ""),
        ("Try `a?Bc` there.", ""),
    ],
)
def test_a_question_mark_with_no_space_after_it_still_ends_a_question(
    comment, question
):
    """`Did he reply?Thanks.` was one sentence ending in `.`: the desk
    did not see that the reader had asked anything."""
    assert asked(comment) == question


def test_a_readers_question_typed_without_its_space_waits_on_the_desk(site):
    write_post(
        site,
        "2026-11-01-lunch.md",
        "Title: Lunch with Zed\nDate: 2026-11-01\nLessons: Ask early\n\nHi.\n",
    )
    folder = site / "content" / "comments" / "lunch-with-zed"
    folder.mkdir(parents=True)
    (folder / "2026-11-02-ana.md").write_text(
        "Author: Ana\nDate: 2026-11-02 09:00\n\nDid he reply?Thanks for this.\n",
        encoding="utf-8",
    )
    output = build_site(
        site / "output", conf=str(site / "pelicanconf.py"), content=site / "content"
    )
    desk = (output / "desk" / "index.html").read_text(encoding="utf-8")
    waiting = desk.split("Readers’ questions waiting for your answer", 1)[1]
    assert "Did he reply?" in waiting
    assert "Ana" in waiting


# --- suggest, named a post the build leaves out ------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "no title: add a `Title: ...` line"),
        (b"Title: Caf\xe9\nDate: 2026-11-01\n\nHi.\n", "cannot read the file as UTF-8"),
    ],
)
def test_suggest_for_a_post_the_build_leaves_out_says_why_not_that_it_is_no_post(
    site, capsys, content, reason
):
    """It said "is not a post of this site (posts live in content/posts)"
    of a file in content/posts."""
    (site / "content" / "posts" / "2026-11-01-x.md").write_bytes(content)

    status, _, err = run(capsys, "suggest", "content/posts/2026-11-01-x.md")

    assert status == 2
    assert "is not a post of this site" not in err
    assert err.startswith(
        "reflect suggest: content/posts/2026-11-01-x.md: the build leaves this post out"
    )
    assert reason in err
    assert len(err.splitlines()) == 1


def test_lint_counts_the_posts_it_found_wrong_among_the_files_it_checked(site, capsys):
    """A post the build leaves out (no title, not UTF-8) was reported and
    not counted: "1 files checked: 2 error(s)" for three posts."""
    posts = site / "content" / "posts"
    (posts / "2026-11-01-empty.md").write_bytes(b"")
    (posts / "2026-11-02-latin.md").write_bytes(b"Title: Caf\xe9\nDate: 2026-11-02\n")
    write_post(site, "2026-11-03-fine.md", "Title: Fine\nDate: 2026-11-03\n\nHi.\n")

    status, out, _ = run(capsys, "lint")

    assert status == 1
    assert out.splitlines()[-1].startswith("3 files checked: 2 error(s)")
    status, out, _ = run(capsys, "suggest")
    assert status == 0
    assert "2026-11-03-fine.md" in out


# --- an empty path is no path -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--project", "", "lint"], "--project"),
        (["lint", ""], "content"),
        (["due", "--ics", ""], "--ics"),
        (["prep", "--person", "Graham", "--output", ""], "--output"),
        (["suggest", ""], "FILE"),
    ],
)
def test_an_empty_path_is_refused_not_read_as_the_current_folder(
    blog, capsys, args, option
):
    """`Path("")` is `.`: `--ics ""` said ". is a folder", and `--project ""`
    or `lint ""` quietly worked on the folder the command ran in."""
    before = sorted(p.name for p in blog.iterdir())
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: '' is empty: name a file or folder" in err
    assert sorted(p.name for p in blog.iterdir()) == before
