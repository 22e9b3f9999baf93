"""`reflect due`, `people` and `review`: the desk in the terminal.

Argument parsing and output only; each command reads the desk the desk
plugin assembles (``reflect.desk``) and prints a part of it (``due``,
``people_list``, ``review_queue``), or edits the writer's files as a round
trip (``people_rename``, ``review_log``). See docs/desk.md.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path

from desk.dates import parse_date
from reflections.resolve.vocabulary import normalise
from sitekit.datetext import site_today
from sitekit.diagnostics import display_path
from sitekit.sourcepaths import left_out_link, left_out_link_refusal
from sitekit.text import shows_nothing

from . import due, people_list, review_queue
from .command_output import output_refusal
from .desk import NoDesk, ReadDesk, SiteHasErrors, read_desk
from .due_calendar import calendar, is_a_calendar, open_follow_ups, write_calendar
from .file_replacing import FileNotReplaced, changed_refusal, replace_refusal
from .output import err, out
from .people_rename import RenameRefused, plan_rename
from .post_editing import diff, replace_text
from .review_log import ReviewRefused, mark_reviewed

#: How a blank text option is refused (``text_argument``); `reflect` says it in
#: one line: it is no slip of syntax the usage would help with.
BLANK_TEXT = (
    "is empty or blank (spaces or invisible characters alone): give it some text"
)


def text_argument(text: str) -> str:
    """Text an option needs: ``--theme ""`` wrote ``theme: ''``, which the
    build reads as no theme at all, so blank text is refused, not written.
    Blank is what the site would show as nothing (``sitekit.text``): a
    zero-width space or a word joiner alone is as blank as an empty text."""
    if shows_nothing(text):
        raise argparse.ArgumentTypeError(f"{text!r} {BLANK_TEXT}")
    return text


def path_argument(text: str) -> Path:
    """A file or folder an argument names: ``Path("")`` is ``.``, so an
    empty ``--ics ""`` was the current folder ("`.` is a folder"), and
    ``--project ""`` or ``lint ""`` quietly the folder the command ran in.
    Empty text names no file: refused, as blank text is."""
    if not text:
        raise argparse.ArgumentTypeError("'' is empty: name a file or folder")
    return Path(text)


def day_argument(text: str) -> date:
    """``--today`` and ``--on``: a day as ``DESK_TODAY`` and the desk's
    fields are read (``desk.dates.parse_date``: ``YYYY-MM-DD``), so the
    option and the setting take the same days; ``date.fromisoformat`` took
    ``20261204`` and ``2026-W49-5`` too."""
    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    return day


def _today_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=day_argument,
        default=None,
        metavar="DATE",
        help="count from this day, YYYY-MM-DD (default: DESK_TODAY, else today)",
    )


def desk_parsers(commands) -> None:
    """due, people and review: the desk in the terminal (docs/desk.md)."""
    follow_ups = commands.add_parser(
        "due",
        help="follow-ups that are overdue or due soon",
        description="Open follow-ups (Follow-up: lines) that are overdue or due "
        "within DESK_FOLLOW_UP_DAYS, with the person, the post and the line to "
        "edit. Exit status: 0 when nothing is overdue or due soon, 1 when a "
        "follow-up is overdue, 3 when some are due soon and none overdue, 2 when "
        "the site cannot be read.",
    )
    follow_ups.add_argument(
        "--all", action="store_true", help="every open follow-up, later ones too"
    )
    follow_ups.add_argument("--json", action="store_true", help="print JSON")
    follow_ups.add_argument(
        "--days",
        type=int,
        default=None,
        help="how many days ahead count as due soon (default: DESK_FOLLOW_UP_DAYS)",
    )
    follow_ups.add_argument(
        "--ics",
        type=path_argument,
        default=None,
        metavar="FILE",
        help="also write every open follow-up to FILE as iCalendar events",
    )
    _today_option(follow_ups)

    people = commands.add_parser(
        "people",
        help="everyone you talked to, and whom to reconnect with",
        description="Each person named in Who: (before the first comma), with "
        "every conversation, the last contact, introductions both ways and when "
        "to reconnect (Next-contact:, else DESK_RECONNECT_AFTER).",
    )
    people.add_argument("--json", action="store_true", help="print JSON")
    _today_option(people)
    people_commands = people.add_subparsers(dest="people_command", metavar="rename")
    rename = people_commands.add_parser(
        "rename",
        help="spell a person one way in every post",
        description="Rename a person in Who:, Introduced-by: and Introduced: of "
        "every post; no other byte of a post changes.",
    )
    rename.add_argument("old", help="the name as it is now (case does not matter)")
    rename.add_argument("new", help="the name to use")
    rename.add_argument(
        "--dry-run", action="store_true", help="show the changes, write nothing"
    )

    review = commands.add_parser(
        "review",
        help="lessons due for a revisit",
        description="Lessons due for review, spaced from when each was first "
        "learned, last reinforced and last reviewed (DESK_REVIEW_INTERVALS); "
        "learned-once lessons first, each with the paragraph that taught it.",
    )
    review.add_argument("--all", action="store_true", help="every lesson's schedule")
    review.add_argument("--json", action="store_true", help="print JSON")
    _today_option(review)
    review_commands = review.add_subparsers(dest="review_command", metavar="done")
    done = review_commands.add_parser(
        "done",
        help="record that you reviewed lessons",
        description="Add the day to each lesson's entry in reviews.yml (comments "
        "and layout kept), which moves it to its next interval.",
    )
    done.add_argument(
        "lessons", nargs="+", type=text_argument, metavar="LESSON", help="slug or title"
    )
    done.add_argument(
        "--on",
        type=day_argument,
        default=None,
        metavar="DATE",
        help="the day you reviewed them (default: today)",
    )


def _desk(arguments, site, command: str) -> ReadDesk | None:
    """The site's desk, or None after saying why there is none."""
    # `review done --on DAY` counts from today still: the day is the
    # review's, and one after today is refused (``_review_done``).
    today = getattr(arguments, "today", None)
    try:
        read = read_desk(site, today)
    except NoDesk as error:
        err.print(f"reflect {command}: {error}", markup=False)
        return None
    except SiteHasErrors as found:
        for error in found.errors:
            err.print(f"reflect {command}: {error.location_message()}", markup=False)
        return None
    for warning in read.warnings:
        err.print(warning.render(), markup=False)
    return read


def due_command(arguments, site) -> int:
    if arguments.days is not None:
        if arguments.days < 0:
            err.print("reflect due: --days must be 0 or more", markup=False)
            return 2
        site = replace(
            site, settings={**site.settings, "DESK_FOLLOW_UP_DAYS": arguments.days}
        )
    read = _desk(arguments, site, "due")
    if read is None:
        return 2
    agenda = read.desk.agenda
    if arguments.ics is not None:
        refusal = output_refusal(arguments.ics, site, "calendar", is_a_calendar)
        if refusal:
            err.print(f"reflect due: {refusal}", markup=False)
            return 2
    if arguments.ics is not None and not open_follow_ups(agenda):
        # RFC 5545 wants one component at least: a calendar of no event is
        # a file validators and some apps refuse. Nothing is written.
        kept = (
            " (the one there, an earlier export, is left as it was)"
            if arguments.ics.exists()
            else ""
        )
        err.print(
            f"reflect due: no open follow-ups, so no calendar to write: "
            f"{arguments.ics} not written{kept}",
            markup=False,
        )
    elif arguments.ics is not None:
        try:
            events = write_calendar(
                arguments.ics,
                calendar(
                    agenda, site.settings["SITENAME"], site.settings.get("TIMEZONE")
                ),
            )
        except FileNotReplaced as error:
            err.print(f"reflect due: {error}", markup=False)
            return 2
        except OSError as error:  # its folder could not be made
            err.print(
                f"reflect due: cannot write {arguments.ics}: {error}", markup=False
            )
            return 2
        err.print(f"{arguments.ics}: {events} follow-up(s)", markup=False)
    if arguments.json:
        out.print(due.as_json(agenda, arguments.all), markup=False)
    else:
        out.print(due.as_text(agenda, arguments.all), markup=False)
    return due.exit_status(agenda)


def people_command(arguments, site) -> int:
    if arguments.people_command == "rename":
        return _rename(arguments, site)
    read = _desk(arguments, site, "people")
    if read is None:
        return 2
    desk = read.desk
    if arguments.json:
        out.print(people_list.as_json(desk.people, desk.today), markup=False)
    else:
        out.print(people_list.as_text(desk.people, desk.today), markup=False)
    return 0


def _rename(arguments, site) -> int:
    read = _desk(arguments, site, "people rename")
    if read is None:
        return 2
    try:
        plan = plan_rename(read.desk, arguments.old, arguments.new, site.settings)
    except RenameRefused as error:
        err.print(f"reflect people rename: {error}", markup=False)
        return 1
    # One person, one spelling: a post that cannot be written stops the
    # rename before any post is, not halfway through.
    # So does one changed since it was read (saved in an editor meanwhile):
    # its edit was made from the text before.
    refusals = [
        refusal
        for renamed in plan.files
        if not arguments.dry_run
        and (
            refusal := replace_refusal(renamed.path)
            or changed_refusal(renamed.path, renamed.before)
        )
    ]
    for refusal in refusals:
        err.print(f"reflect people rename: {refusal}", markup=False)
    if refusals:
        err.print("reflect people rename: no post was renamed", markup=False)
        return 1
    for renamed in plan.files:
        shown = display_path(str(renamed.path))
        if arguments.dry_run:
            out.print(diff(shown, renamed.before, renamed.after), end="", markup=False)
            continue
        try:
            replace_text(renamed.path, renamed.after, was=renamed.before)
        except FileNotReplaced as error:
            err.print(f"reflect people rename: {error}", markup=False)
            return 1
        lines = ", ".join(map(str, renamed.lines))
        out.print(f"{shown}: renamed on line(s) {lines}", markup=False)
    for path in plan.by_hand:
        err.print(
            f"reflect people rename: {display_path(str(path))}: not a Markdown post; "
            "rename them there by hand",
            markup=False,
        )
    for path in plan.elsewhere:
        err.print(
            f"reflect people rename: {display_path(str(path))}: names "
            f"{arguments.old!r} broken across two lines of a field, which this "
            "command cannot rename; rename them there by hand",
            markup=False,
        )
    if plan.already and not (plan.files or plan.by_hand or plan.elsewhere):
        out.print(
            f"Every post that names them spells it {arguments.new!r} already "
            f"({len(plan.already)} post(s)); nothing changed.",
            markup=False,
        )
    return 1 if plan.elsewhere and not plan.files else 0


def review_command(arguments, site) -> int:
    if arguments.review_command == "done":
        return _review_done(arguments, site)
    read = _desk(arguments, site, "review")
    if read is None:
        return 2
    desk = read.desk
    items = desk.schedule if arguments.all else desk.reviews_due
    if arguments.json:
        out.print(review_queue.as_json(items, desk.today), markup=False)
    else:
        out.print(review_queue.as_text(items, desk.today, arguments.all), markup=False)
    return 0


def _review_done(arguments, site) -> int:
    read = _desk(arguments, site, "review done")
    if read is None:
        return 2
    desk = read.desk
    name = site.settings.get("DESK_REVIEWS")
    if not name:
        err.print(
            "reflect review done: DESK_REVIEWS is None: no review log", markup=False
        )
        return 2
    # A slug or a title, compared as a post's lesson is with lessons.yml:
    # "lead with the result!" is Lead with the result.
    by_name = {}
    for item in desk.schedule:
        for key in (item.lesson.slug, item.lesson.title):
            by_name[normalise(key)] = item
    chosen = []
    for wanted in arguments.lessons:
        item = by_name.get(normalise(wanted))
        if item is None:
            err.print(
                f"reflect review done: {wanted!r} is no lesson a published post "
                "teaches (`reflect review --all` lists them)",
                markup=False,
            )
            return 1
        chosen.append(item)
    path = site.content / name
    if left_out_link(path, site.settings):
        err.print(
            f"reflect review done: {left_out_link_refusal(path, site.settings)}",
            markup=False,
        )
        return 1
    day = arguments.on or desk.today
    today = site_today(site.settings)  # the real day, as reviews.yml is read
    if day > today:
        err.print(
            f"reflect review done: --on {day.isoformat()} is after today "
            f"({today.isoformat()}); a review is recorded on a day that "
            "has come",
            markup=False,
        )
        return 2
    try:
        marked = mark_reviewed(path, [item.lesson.slug for item in chosen], day)
    except FileNotReplaced as error:
        err.print(f"reflect review done: {error}", markup=False)
        return 1
    except (ReviewRefused, OSError) as error:
        why = getattr(error, "strerror", None) or error  # not the path again
        where = display_path(str(path))
        if getattr(error, "line", None):
            where += f":{error.line}"
        err.print(f"reflect review done: {where}: {why}", markup=False)
        return 1
    shown = display_path(str(path))
    for item, mark in zip(chosen, marked, strict=True):
        if mark.added:
            after = item.after_review
            out.print(
                f"{shown}: {mark.slug} reviewed on {day.isoformat()}; "
                f"next review on {after.after(day).isoformat()} ({after.label} later)",
                markup=False,
            )
        else:
            out.print(
                f"{shown}: {mark.slug} was already marked reviewed "
                f"on {day.isoformat()}",
                markup=False,
            )
    return 0


DESK_COMMANDS = {"due": due_command, "people": people_command, "review": review_command}
