"""`reflect due`, `people` and `review` on a copy of the sample site, through
the real entry point: their output, their exit statuses, the calendar file,
and their edits to posts and reviews.yml, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from deskblog import SETTINGS, run
from icalendar import Calendar

REFLECT = Path(sys.executable).parent / "reflect"
POSTS = "content/posts"
GRAHAM = f"{POSTS}/2025-09-14-two-levels-up.md"
AYESHA = f"{POSTS}/2025-10-05-peer-product-manager.md"
COLETTE = f"{POSTS}/2026-03-08-what-hiring-managers-screen-for.md"
OMAR = f"{POSTS}/2026-11-15-analyst-to-data-engineer.md"
OPEN_FOLLOW_UPS = 9  # in the sample posts, drafts included


def every_byte(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def line_of(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


# --- reflect due ------------------------------------------------------------------


def test_due_lists_overdue_then_upcoming_follow_ups_with_the_line_to_edit(blog, capsys):
    status, out, _ = run(capsys, "due")
    assert status == 1  # something is overdue
    overdue, upcoming = out.split("Due in the next 14 days\n")
    assert overdue.startswith("Overdue\n")
    assert "2026-11-25  9 days ago    Send Marisol the carrier scorecard" in overdue
    assert (
        "with Nadia · Lunch with a recruiting lead who used to be an analyst (draft)"
        in overdue
    )
    assert "2026-12-05  tomorrow      Send Omar the pay-cut worksheet" in upcoming
    assert f"{OMAR}:15" in upcoming
    assert "Ask Omar how the pipeline migration went" not in out  # later
    assert out.rstrip().endswith(
        "3 overdue, 4 due in the next 14 days, 2 later (--all shows them), 6 done."
    )


@pytest.mark.parametrize(
    ("today", "status"),
    [("2026-12-04", 1), ("2026-11-20", 3), ("2025-01-01", 0), ("2027-06-01", 1)],
)
def test_due_exits_with_what_it_found(blog, capsys, today, status):
    assert run(capsys, "due", "--today", today)[0] == status


def test_due_as_json_names_each_follow_ups_file_and_line(blog, capsys):
    data = json.loads(run(capsys, "due", "--json", "--all")[1])
    assert (data["today"], data["days"], data["done"]) == ("2026-12-04", 14, 6)
    assert len(data["follow_ups"]) == OPEN_FOLLOW_UPS
    assert [f["status"] for f in data["follow_ups"]].count("later") == 2
    for follow_up in data["follow_ups"]:
        line = line_of(blog / follow_up["file"], follow_up["line"])
        assert line.startswith("Follow-up: ")
        assert follow_up["due"] in line
    first = data["follow_ups"][0]
    assert first == {
        "due": "2026-11-25",
        "time": None,  # no time of day
        "days": -9,
        "status": "overdue",
        "text": "Send Marisol the carrier scorecard template I offered",
        "person": "Marisol",
        "post": {
            "title": "Laid off on a Tuesday, building from scratch six weeks later: "
            "a head of operations on leaving a giant",
            "url": "2026/big-company-to-startup/",
            "status": "published",
        },
        "file": f"{POSTS}/2026-10-18-big-company-to-startup.md",
        "line": 13,
    }


def test_due_window_is_a_setting_and_an_option(blog, capsys):
    _, out, _ = run(capsys, "due", "--days", "1", "--json")
    assert json.loads(out)["upcoming"] == 1  # tomorrow's only
    assert run(capsys, "due", "--days", "-1")[0] == 2


def calendar_events(path: Path) -> dict[str, tuple[date, str]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(event["UID"]): (event.decoded("DTSTART"), str(event["SUMMARY"]))
        for event in calendar.walk("VEVENT")
    }


def test_the_calendar_file_has_one_all_day_event_per_open_follow_up(blog, capsys):
    status, _, err = run(capsys, "due", "--ics", "follow-ups.ics")
    assert status == 1
    assert f"follow-ups.ics: {OPEN_FOLLOW_UPS} follow-up(s)" in err
    calendar = Calendar.from_ical((blog / "follow-ups.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == OPEN_FOLLOW_UPS
    assert len({str(event["UID"]) for event in events}) == OPEN_FOLLOW_UPS
    marisol = next(e for e in events if "Marisol" in str(e["SUMMARY"]))
    assert marisol.decoded("DTSTART") == date(2026, 11, 25)
    assert marisol.decoded("DTEND") == date(2026, 11, 26)
    assert "2026-10-18-big-company-to-startup.md:13" in str(marisol["DESCRIPTION"])
    assert not any("Thank" in str(e["SUMMARY"]) for e in events)  # done ones


def test_importing_the_calendar_again_updates_events_instead_of_adding_them(
    blog, capsys
):
    run(capsys, "due", "--ics", "first.ics")
    run(capsys, "due", "--ics", "same.ics")
    assert (blog / "first.ics").read_bytes() == (blog / "same.ics").read_bytes()
    # The writer moves a follow-up to another day and edits another's words.
    post = blog / OMAR
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("2026-12-05 Send Omar", "2026-12-09 Send Omar"), encoding="utf-8"
    )
    run(capsys, "due", "--ics", "second.ics")
    first, second = (
        calendar_events(blog / "first.ics"),
        calendar_events(blog / "second.ics"),
    )
    assert first.keys() == second.keys()
    # A calendar app keys events on their UID: a re-import replaces them.
    calendar = {**first, **second}
    assert len(calendar) == OPEN_FOLLOW_UPS
    moved = [uid for uid in first if first[uid][0] != second[uid][0]]
    assert [second[uid] for uid in moved] == [
        (date(2026, 12, 9), "Send Omar the pay-cut worksheet we sketched on the call")
    ]


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("content/posts/2025-09-14-two-levels-up.md", "inside the content folder"),
        ("content/calendar.ics", "inside the content folder"),
        ("pelicanconf.py", "is the site's settings"),
        ("notes.md", "already holds something other than a calendar"),
        ("output/calendar.ics", "inside the output folder"),
        (".", "is a folder"),
    ],
)
def test_due_never_writes_its_calendar_over_a_file_of_the_site(
    blog, capsys, target, says
):
    """``--ics`` replaces what is at its path: given a post by a slip of the
    shell, it turned the post into iCalendar text."""
    (blog / "notes.md").write_text("My own notes.\n")
    before = every_byte(blog)

    status, _, err = run(capsys, "due", "--ics", target)

    assert status == 2
    assert err.strip().splitlines() == [err.strip()]
    assert says in err
    assert every_byte(blog) == before


def test_due_replaces_a_calendar_it_wrote(blog, capsys):
    run(capsys, "due", "--ics", "cal.ics")
    (blog / "cal.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    status, _, _ = run(capsys, "due", "--ics", "cal.ics")
    assert status != 2
    assert len(calendar_events(blog / "cal.ics")) == OPEN_FOLLOW_UPS


def test_the_same_words_twice_in_one_post_are_two_events(blog, capsys):
    post = blog / GRAHAM
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace(
            "Next-contact: 2026-12-15",
            "Follow-up: 2027-03-01 Tell Graham how the move toward product "
            "operations went\nNext-contact: 2026-12-15",
        ),
        encoding="utf-8",
    )
    run(capsys, "due", "--ics", "cal.ics")
    assert len(calendar_events(blog / "cal.ics")) == OPEN_FOLLOW_UPS + 1


def test_a_follow_up_that_cannot_be_read_is_a_warning_on_its_line(blog, capsys):
    post = blog / GRAHAM
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Next-contact:", "Follow-up: soon, call Graham\nNext-contact:"),
        encoding="utf-8",
    )
    status, _, err = run(capsys, "due")
    assert status == 1
    assert f"{GRAHAM}:16: warning: Follow-up: 'soon, call Graham' has no date" in err


# --- reflect people -----------------------------------------------------------


def test_people_lists_whom_to_reconnect_with_first(blog, capsys):
    status, out, _ = run(capsys, "people")
    assert status == 0
    reconnect, everyone = out.split("Everyone (11 people)\n")
    assert reconnect.splitlines() == [
        "Reconnect with",
        "  Ayesha: since 2026-04-05 (every 6 months); last talked 2025-10-05",
        "  Ruth: since 2026-04-18 (Next-contact: 3 months); last talked 2026-01-18",
        "  Colette: since 2026-09-08 (every 6 months); last talked 2026-03-08",
        "  Dana: since 2026-10-26 (every 6 months); last talked 2026-04-26",
        "  Jess: since 2026-11-02 (Next-contact: 12 months); last talked 2025-11-02",
        "",
    ]
    ayesha = everyone.split("  Colette\n")[0]
    assert "    introduced by Marcus\n    introduced you to Colette\n" in ayesha
    assert "2025-10-05  Same years of experience" in ayesha
    assert AYESHA in ayesha


def test_people_as_json(blog, capsys):
    data = json.loads(run(capsys, "people", "--json")[1])
    people = {person["name"]: person for person in data["people"]}
    assert data["reconnect"] == ["Ayesha", "Ruth", "Colette", "Dana", "Jess"]
    assert people["Owen"]["last_contact"] == "2026-08-23"
    assert len(people["Owen"]["conversations"]) == 2
    assert people["Omar"]["introduced_by"] == ["Dana"]
    assert people["Dana"]["introduced"] == ["Omar"]
    assert people["Nadia"]["conversations"][0]["status"] == "draft"


def test_rename_changes_only_the_names_bytes(blog, capsys):
    before = every_byte(blog / "content")
    status, out, _ = run(capsys, "people", "rename", "ayesha", "Ayesha Khan")
    assert status == 0
    assert f"{AYESHA}: renamed on line(s) 7" in out
    assert f"{COLETTE}: renamed on line(s) 13" in out
    after = every_byte(blog / "content")
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {
        AYESHA.removeprefix("content/"),
        COLETTE.removeprefix("content/"),
    }
    for name in changed:
        old, new = before[name], after[name]
        assert new == old.replace(b"Who: Ayesha,", b"Who: Ayesha Khan,").replace(
            b"Introduced-by: Ayesha,", b"Introduced-by: Ayesha Khan,"
        )
    # The prose is the writer's: "Ayesha" is still in the bodies.
    assert b"Ayesha gave me" in after[COLETTE.removeprefix("content/")]


def test_rename_keeps_line_endings_and_reaches_every_introduction(blog, capsys):
    post = blog / AYESHA
    crlf = post.read_bytes().replace(b"\n", b"\r\n")
    crlf = crlf.replace(b"Introduced: Colette,", b"Introduced: Sam; colette ,")
    post.write_bytes(crlf)
    assert run(capsys, "people", "rename", "Colette", "Colette B.")[0] == 0
    assert post.read_bytes() == crlf.replace(
        b"Introduced: Sam; colette ,", b"Introduced: Sam; Colette B. ,"
    )


def test_rename_fixes_a_near_miss(blog, capsys):
    post = blog / COLETTE
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("Introduced-by: Ayesha,", "Introduced-by: Aysha,"))
    assert "near-miss-person" in json.dumps(
        json.loads(run(capsys, "lint", "--format", "json")[1])
    )
    assert run(capsys, "people", "rename", "Aysha", "Ayesha")[0] == 0
    assert post.read_text(encoding="utf-8") == text


def test_rename_dry_run_prints_the_diff_and_writes_nothing(blog, capsys):
    before = every_byte(blog / "content")
    status, out, _ = run(capsys, "people", "rename", "Graham", "Graham H.", "--dry-run")
    assert status == 0
    assert "-Who: Graham, a director of supply chain planning" in out
    assert "+Who: Graham H., a director of supply chain planning" in out
    assert every_byte(blog / "content") == before


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("Nobody", "Somebody", "no post names 'Nobody'"),
        ("Graham", "Graham, Jr", "cannot be a name here"),
        ("Graham", "  ", "cannot be a name here"),
    ],
)
def test_rename_refuses_and_changes_nothing(blog, capsys, old, new, says):
    before = every_byte(blog / "content")
    status, _, err = run(capsys, "people", "rename", old, new)
    assert status == 1
    assert says in err
    assert every_byte(blog / "content") == before


def test_review_done_takes_a_title_as_lessons_yml_compares_it(blog, capsys):
    """A title in another case, with a stray mark or a hyphen for a space,
    was "no lesson a published post teaches"."""
    status, out, err = run(
        capsys, "review", "done", "lead with the RESULT!", "--on", "2026-12-01"
    )

    assert status == 0, err
    assert "lead-with-the-result reviewed on 2026-12-01" in out


def test_rename_to_the_spelling_posts_have_says_nothing_changed(blog, capsys):
    """It said no post named Graham, whom a post names, and exited 1."""
    before = every_byte(blog / "content")

    status, out, err = run(capsys, "people", "rename", "graham", "Graham")

    assert status == 0, err
    assert "no post names" not in err
    assert "spells it 'Graham' already (1 post(s)); nothing changed" in out
    assert every_byte(blog / "content") == before


def test_rename_names_a_post_whose_who_it_cannot_edit(blog, capsys):
    """A name broken across two lines of `Who:` is read by the desk (and
    listed by `reflect people`), but no one line holds it to edit: it said
    no post named them."""
    post = blog / "content" / "posts" / "2026-05-06-zelda.md"
    post.write_text(
        "Title: Z\nDate: 2026-05-06\nWho: Zelda\n    Khan, a planner\n\nText.\n",
        encoding="utf-8",
    )
    before = every_byte(blog / "content")

    status, _, err = run(capsys, "people", "rename", "Zelda Khan", "Zora Khan")

    assert status == 1
    assert "no post names" not in err
    assert (
        "content/posts/2026-05-06-zelda.md: names 'Zelda Khan' broken across two "
        "lines of a field, which this command cannot rename; rename them there "
        "by hand"
    ) in err
    assert every_byte(blog / "content") == before


# --- reflect review -----------------------------------------------------------


def test_review_shows_learned_once_lessons_first_with_what_taught_them(blog, capsys):
    status, out, _ = run(capsys, "review")
    assert status == 0
    titles = [
        line
        for line in out.splitlines()
        if line.endswith(")") and not line.startswith(" ")
    ]
    assert titles[:2] == [
        "Look for the hybrid role first (find-the-hybrid-role)",
        "Price the pay cut before you leap (price-the-pay-cut)",
    ]
    assert "  due 2026-11-22: learned once, on Nov 15, 2026; never reviewed" in out
    assert "  > The hybrid role paid him for the eight years he already had" in out
    assert (
        "  reviewed it? reflect review done find-the-hybrid-role  (next in 1 month)"
        in out
    )
    assert out.rstrip().endswith("7 lessons due for review (--all shows every lesson).")


def test_review_as_json_and_every_lesson(blog, capsys):
    data = json.loads(run(capsys, "review", "--all", "--json")[1])
    lessons = {lesson["slug"]: lesson for lesson in data["lessons"]}
    assert len(lessons) == 19
    lead = lessons["lead-with-the-result"]
    assert lead["reviewed"] == ["2025-11-12", "2025-12-20"]
    assert (lead["is_due"], lead["interval"]) == (False, "6 months")
    assert lessons["find-the-hybrid-role"]["taught_by"]["from_callout"] is True


def test_review_done_adds_one_line_and_keeps_the_rest_of_the_file(blog, capsys):
    reviews = blog / "content" / "reviews.yml"
    before = reviews.read_text(encoding="utf-8")
    status, out, _ = run(
        capsys,
        "review",
        "done",
        "learn-adjacent-functions",
        "Look for the hybrid role first",
    )
    assert status == 0
    assert (
        "learn-adjacent-functions reviewed on 2026-12-04; "
        "next review on 2027-12-04 (12 months later)"
    ) in out
    assert (
        "find-the-hybrid-role reviewed on 2026-12-04; "
        "next review on 2027-01-04 (1 month later)"
    ) in out
    expected = (
        before.replace("  - 2025-11-20\n", "  - 2025-11-20\n  - 2026-12-04\n")
        + "\nfind-the-hybrid-role:\n  - 2026-12-04\n"
    )
    assert reviews.read_text(encoding="utf-8") == expected
    # The lesson moved to its next interval, and the desk says so.
    data = json.loads(run(capsys, "review", "--all", "--json")[1])
    hybrid = next(x for x in data["lessons"] if x["slug"] == "find-the-hybrid-role")
    assert (hybrid["due"], hybrid["is_due"]) == ("2027-01-04", False)


def test_review_done_twice_on_a_day_changes_nothing(blog, capsys):
    run(capsys, "review", "done", "price-the-pay-cut")
    reviews = blog / "content" / "reviews.yml"
    once = reviews.read_bytes()
    status, out, _ = run(capsys, "review", "done", "price-the-pay-cut")
    assert status == 0
    assert "already marked reviewed on 2026-12-04" in out
    assert reviews.read_bytes() == once


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # an end-of-line comment stays on its line
            "a:\n  - 2026-01-01  # first\n",
            "a:\n  - 2026-01-01  # first\n  - 2026-12-04\n",
        ),
        (  # a comment on a line of its own stays before the next entry
            "a:\n- 2026-01-01\n# the next one\nb:\n- 2026-02-01\n",
            "a:\n- 2026-01-01\n- 2026-12-04\n# the next one\nb:\n- 2026-02-01\n",
        ),
        (  # four spaces, as the writer indents
            "b: [2026-02-01]\na:\n    - 2026-01-01\n",
            "b: [2026-02-01]\na:\n    - 2026-01-01\n    - 2026-12-04\n",
        ),
        ("a: 2026-01-01\n", "a:\n  - 2026-01-01\n  - 2026-12-04\n"),
    ],
)
def test_review_done_keeps_each_layout(blog, capsys, monkeypatch, before, after):
    reviews = blog / "content" / "reviews.yml"
    reviews.write_text(before.replace("a:", "ask-for-the-next-introduction:"))
    assert run(capsys, "review", "done", "ask-for-the-next-introduction")[0] == 0
    assert reviews.read_text() == after.replace("a:", "ask-for-the-next-introduction:")


def test_review_done_starts_the_file_when_there_is_none(blog, capsys):
    reviews = blog / "content" / "reviews.yml"
    reviews.unlink()
    assert (
        run(capsys, "review", "done", "price-the-pay-cut", "--on", "2026-12-01")[0] == 0
    )
    text = reviews.read_text(encoding="utf-8")
    assert text.startswith("# Lessons I went back over")
    assert text.endswith("\nprice-the-pay-cut:\n  - 2026-12-01\n")


@pytest.mark.parametrize(
    ("lesson", "text", "says"),
    [
        ("no-such-lesson", None, "is no lesson a published post teaches"),
        ("price-the-pay-cut", "a: [1\n", "reviews.yml cannot be read"),
        ("price-the-pay-cut", "a:\n  - 2026-02-30\n", "reviews.yml cannot be read"),
        ("price-the-pay-cut", "a: &d [2026-01-01]\nb: *d\n", "an alias (*d)"),
        ("price-the-pay-cut", "a: " + "[" * 5000 + "]" * 5000, "nested more than"),
        ("price-the-pay-cut", "a:\n  - " + "9" * 5000, "a value cannot be read"),
    ],
)
def test_review_done_refuses_and_leaves_the_file(blog, capsys, lesson, text, says):
    reviews = blog / "content" / "reviews.yml"
    if text is not None:
        reviews.write_text(text)
    before = reviews.read_bytes()
    status, _, err = run(capsys, "review", "done", lesson)
    assert status == 1
    assert says in err
    assert "Traceback" not in err
    assert reviews.read_bytes() == before


def test_review_done_keeps_windows_line_endings_and_a_bom(blog, capsys):
    """A log kept with CRLF line endings and a byte order mark (as Windows
    editors save) came back with LF and no BOM: every line changed."""
    reviews = blog / "content" / "reviews.yml"
    kept = "\ufeff" + reviews.read_text(encoding="utf-8").replace("\n", "\r\n")
    reviews.write_bytes(kept.encode("utf-8"))

    status, _, err = run(
        capsys, "review", "done", "make-your-work-visible", "--on", "2026-12-01"
    )

    assert status == 0, err
    after = reviews.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff# Lessons I went back over")
    assert after.count("\n") == after.count("\r\n") == kept.count("\r\n") + 1
    added = [line for line in after.split("\r\n") if line not in kept.split("\r\n")]
    assert added == ["  - 2026-12-01"]


def test_review_done_refuses_a_log_that_is_not_utf8(blog, capsys):
    """It stopped with a UnicodeDecodeError's traceback."""
    reviews = blog / "content" / "reviews.yml"
    reviews.write_bytes(b"price-the-pay-cut:\n  - 2026-01-01\n# caf\xe9\n")
    before = reviews.read_bytes()

    status, _, err = run(capsys, "review", "done", "price-the-pay-cut")

    assert status == 1
    assert (
        "reviews.yml is not UTF-8 text (byte 40 is not); save it as UTF-8 first" in err
    )
    assert reviews.read_bytes() == before


# --- Where there is no desk ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("WITHHOLD_LOCAL_ONLY = True\n", "withhold local-only fields"),
        ('SITEURL = "https://example.org"\n', "withhold local-only fields"),
        (
            'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n',
            "does not name 'desk'",
        ),
    ],
)
def test_without_a_desk_every_desk_command_says_why_and_exits_2(blog, change, says):
    (blog / "pelicanconf.py").write_text(SETTINGS + change)
    for command in (["due"], ["people"], ["review"], ["review", "done", "x"]):
        result = subprocess.run(
            [str(REFLECT), *command], cwd=blog, capture_output=True, text=True
        )
        assert result.returncode == 2, (command, result.stderr)
        assert says in result.stderr
        assert result.stdout == ""


def test_a_follow_up_on_the_calendars_last_day_is_a_one_day_event(blog, capsys):
    """It has no next day to end on: the event lasts a day instead of the
    calendar stopping with a traceback."""
    post = blog / "content" / "posts" / "2025-09-14-two-levels-up.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "Follow-up: 2026-12-12 Tell Graham", "Follow-up: 9999-12-31 Tell Graham"
        ),
        encoding="utf-8",
    )
    _, _, err = run(capsys, "due", "--ics", "far.ics")
    assert "Traceback" not in err
    events = Calendar.from_ical((blog / "far.ics").read_bytes()).walk("VEVENT")
    [last] = [e for e in events if e.decoded("DTSTART") == date(9999, 12, 31)]
    assert last.decoded("DURATION") == timedelta(days=1)
