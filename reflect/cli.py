"""The `reflect` command line: argument parsing and output, nothing else."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from rich.text import Text

from comments.mentions import MentionProblem
from sitekit.datetext import site_today
from sitekit.diagnostics import SiteError, display_path

from . import lessons_table
from .add_lesson import LessonRefused, NewLesson, add_lesson
from .command_output import content_refusal, output_refusal
from .content import existing_slugs
from .desk_commands import (
    BLANK_TEXT,
    DESK_COMMANDS,
    day_argument,
    desk_parsers,
    path_argument,
    text_argument,
)
from .file_replacing import FileNotReplaced
from .importer import plan_import, write_plan
from .lint import lint
from .mentions_import import import_mentions
from .new import FileExists, SlugTaken, write_new_post
from .output import OutputLost, err, out
from .post_editing import diff, replace_text, with_lessons
from .prep import PrepError, PrepRequest, prepare
from .prep_sheet import as_markdown, is_a_sheet, write_sheet
from .site import ProjectError, Site, find_project, load_site
from .suggest import SuggestError, suggestions_for
from .suggest_scoring import THRESHOLD
from .wordpress import WxrError, read_export
from .wp_fetch import FetchLimits


class _Parser(argparse.ArgumentParser):
    """argparse's parser, saying a blank text option in one line.

    Subcommands' parsers are made of the same class (argparse makes them of
    the class of the parser they belong to)."""

    def error(self, message: str):
        if message.endswith(BLANK_TEXT):
            print(f"{self.prog}: error: {message}", file=sys.stderr)
            sys.exit(2)
        super().error(message)


def parser() -> argparse.ArgumentParser:
    main = _Parser(
        prog="reflect",
        description="Write, check and import career reflections for this Pelican site.",
    )
    main.add_argument(
        "--project",
        type=path_argument,
        default=None,
        metavar="DIR",
        help="the site's folder, with its pelicanconf.py (default: the nearest "
        "folder from here upwards that has one)",
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="start a new reflection from a template",
        description="Write a new post into the first of ARTICLE_PATHS, named "
        "<date>-<slug>.md, from a template of prompts. Never replaces a file, "
        "and refuses a slug another post has.",
    )
    new.add_argument("title", type=text_argument, help="the reflection's title")
    new.add_argument(
        "--date",
        type=day_argument,
        default=None,
        help="YYYY-MM-DD (default: today)",
    )
    new.add_argument(
        "--category",
        type=text_argument,
        default="Informational interviews",
        help="the kind of conversation",
    )

    check = commands.add_parser(
        "lint",
        help="check posts, lessons and comments without building",
        description="Report metadata errors, near-miss and ad-hoc lessons, callouts "
        "without a statement, near-duplicate lessons, posts without lessons and "
        "comments that point nowhere, as file:line: level: message. Exits 1 when "
        "there is an error.",
    )
    check.add_argument(
        "content",
        nargs="?",
        type=path_argument,
        help="content folder (default: the site's PATH)",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors, as the published build does",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")

    table = commands.add_parser(
        "lessons",
        help="show every lesson with how often and when it was learned",
        description="The lessons table: lesson, theme, posts, first learned and "
        "last reinforced.",
    )
    table.add_argument("--format", choices=("table", "csv", "json"), default="table")
    lesson_commands = table.add_subparsers(dest="lessons_command", metavar="add")
    add = lesson_commands.add_parser(
        "add",
        help="add a lesson to lessons.yml",
        description="Add a lesson to lessons.yml, keeping the file's comments, "
        "order and layout. Refuses a title, slug or alias another lesson has.",
    )
    add.add_argument(
        "title", type=text_argument, help="the lesson as a short statement"
    )
    add.add_argument(
        "--theme", required=True, type=text_argument, help="its group, such as Mindset"
    )
    add.add_argument(
        "--alias",
        action="append",
        type=text_argument,
        default=[],
        help="another phrasing that means the same lesson (repeatable)",
    )
    add.add_argument("--description", default="", help="what it means, in Markdown")

    proposals = commands.add_parser(
        "suggest",
        help="propose lessons from lessons.yml for posts",
        description="For each post (default: every post), the lessons of "
        "lessons.yml it seems to teach, with a score and the sentences behind "
        "each. --dry-run shows the change to the post's Lessons: line; --apply "
        "makes it, and changes nothing else in the file.",
    )
    proposals.add_argument("files", nargs="*", type=path_argument, metavar="FILE")
    proposals.add_argument(
        "--lesson",
        action="append",
        type=text_argument,
        default=[],
        metavar="SLUG",
        help="only this suggested lesson (repeatable); default: every suggestion",
    )
    proposals.add_argument(
        "--min-score",
        type=_score,
        default=THRESHOLD,
        help=f"lowest score to suggest, from 0 to 1 (default: {THRESHOLD})",
    )
    proposals.add_argument(
        "--dry-run", action="store_true", help="show the diff --apply would make"
    )
    proposals.add_argument(
        "--apply",
        action="store_true",
        help="add the suggested lessons to each post's Lessons: line",
    )

    prep = commands.add_parser(
        "prep",
        help="print a preparation sheet for the next conversation",
        description="A one-page Markdown sheet for a conversation of a kind, "
        "with a person, or about lessons: questions that worked (with that "
        "person first), stories to have ready for the lessons involved, lessons "
        "learned only once that it could test, and past conversations with the "
        "person. From published posts, as the site's reflection index has them.",
    )
    prep.add_argument(
        "--kind",
        type=text_argument,
        metavar="KIND",
        help='a kind of conversation (category), such as "Informational interviews"',
    )
    prep.add_argument(
        "--person",
        type=text_argument,
        metavar="NAME",
        help="whom it is with, as posts name them in Who: (the part before its comma)",
    )
    prep.add_argument(
        "--lesson",
        action="append",
        type=text_argument,
        default=[],
        metavar="SLUG",
        help="a lesson to prepare for (repeatable); default: the lessons that "
        "kind of conversation and that person taught",
    )
    prep.add_argument(
        "--output",
        type=path_argument,
        metavar="FILE",
        help="write the sheet to FILE (outside the content folder) instead of "
        "printing it",
    )

    wordpress = commands.add_parser(
        "import-wordpress",
        help="import a WordPress export (WXR), comments included",
        description="Write one Markdown post per WordPress post (drafts, "
        "pending, private and scheduled posts as Status: draft), pages where the "
        "site reads pages, and every approved comment with its threading. Every "
        "file gets a name of its own and none replaces a file; commenters' "
        "e-mail and IP addresses are never written. With --download-images, "
        "images are copied into content/images/ when their bytes are a PNG, "
        "JPEG, GIF or WebP image, and a run after an earlier import rewrites "
        "the image links of the posts it wrote that nobody has edited since.",
    )
    wordpress.add_argument(
        "export", type=path_argument, help="the WordPress export file (WXR 1.1 or 1.2)"
    )
    wordpress.add_argument(
        "--download-images",
        action="store_true",
        help="copy every image into content/images/ and link the copies "
        "(without it, images stay on the old host and a warning names it)",
    )
    limits = FetchLimits()
    wordpress.add_argument(
        "--image-time-limit",
        type=_positive,
        default=limits.seconds_per_image,
        metavar="SECONDS",
        help="longest one image may take to download, start to finish "
        f"(default: {limits.seconds_per_image:g})",
    )
    wordpress.add_argument(
        "--images-time-limit",
        type=_positive,
        default=limits.seconds_per_run,
        metavar="SECONDS",
        help="longest all the images together may take; those left are named "
        f"and keep their links (default: {limits.seconds_per_run:g})",
    )
    wordpress.add_argument(
        "--max-image-size",
        type=_positive,
        default=limits.max_bytes / 1024 / 1024,
        metavar="MIB",
        help=f"largest image kept (default: {limits.max_bytes // 1024 // 1024})",
    )
    wordpress.add_argument(
        "--content",
        type=path_argument,
        default=None,
        help="content folder (default: the site's PATH)",
    )
    mentions = commands.add_parser(
        "mentions",
        help="import Webmentions a receiver exported",
        description="Webmentions received for the site's posts.",
    )
    mention_commands = mentions.add_subparsers(
        dest="mentions_command", required=True, metavar="SUBCOMMAND"
    )
    mentions_import = mention_commands.add_parser(
        "import",
        help="split a receiver's JF2 export into comments/<post>/mention-<id>.json",
        description="Read a JF2 export (webmention.io's mentions.jf2, for one) "
        "and write one file per mention beside the post's comments. Entries that "
        "are private, of an unknown kind, or aimed at no post are skipped with a "
        "line each. Nothing is fetched from the network.",
    )
    mentions_import.add_argument(
        "export", type=path_argument, help="the JF2 export file"
    )
    desk_parsers(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    command_line = parser()
    arguments = command_line.parse_args(argv)
    if arguments.command is None:
        # No command: say what each does, not only that one is required.
        command_line.print_help(sys.stderr)
        return 2
    handler = {
        "new": _new,
        "lint": _lint,
        "lessons": _lessons,
        "import-wordpress": _import,
        "suggest": _suggest,
        "mentions": _mentions,
        **DESK_COMMANDS,
        "prep": _prep,
    }[arguments.command]
    # Pelican and the plugins log what they find while reading; the command
    # reports it itself, so their logging is off while it runs.
    logging.disable(logging.CRITICAL)
    try:
        try:
            site = load_site(find_project(Path.cwd(), arguments.project))
        except (ProjectError, SiteError) as error:
            err.print(f"reflect: {error}", markup=False)
            return 2
        return handler(arguments, site)
    except OutputLost as lost:
        _say_output_lost(arguments.command, lost)
        return 2
    finally:
        logging.disable(logging.NOTSET)


def _say_output_lost(command: str, lost: OutputLost) -> None:
    """One line on standard error, written without rich: the console that
    failed may be that one (a full disk takes both)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # nowhere left
        print(f"reflect {command}: cannot write its output: {lost}", file=sys.stderr)


def _mentions(arguments, site) -> int:
    try:
        report = import_mentions(
            arguments.export, site.comments, site.settings, existing_slugs(site)
        )
    except FileNotReplaced as error:  # a mention file, which it names
        err.print(f"reflect mentions import: {error}", markup=False)
        return 1
    except (OSError, MentionProblem) as error:
        # An OSError's own text repeats the path: "[Errno 2] No such file
        # or directory: 'x.jf2'" after "x.jf2:".
        why = getattr(error, "strerror", None) or str(error)
        err.print(f"reflect mentions import: {arguments.export}: {why}", markup=False)
        return 1
    for path in report.written:
        out.print(display_path(str(path)), markup=False)
    for skipped in report.skipped:
        err.print(skipped.located(arguments.export), markup=False)
    out.print(
        f"{len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped",
        markup=False,
    )
    return 0


def _new(arguments, site) -> int:
    try:
        path = write_new_post(
            site,
            arguments.title,
            arguments.date or site_today(site.settings),
            arguments.category,
        )
    except (FileExists, SlugTaken, ValueError, FileNotReplaced) as error:
        err.print(f"reflect new: {error}", markup=False)
        return 1
    out.print(display_path(str(path)), markup=False)
    return 0


def _lint(arguments, site) -> int:
    site = _with_content(
        "lint",
        site,
        arguments.content,
        lambda folder, site: content_folder_refusal(folder, site.settings),
    )
    if site is None:
        return 2
    report = lint(site, strict=arguments.strict)
    out.print(
        report.as_json() if arguments.format == "json" else report.as_text(),
        markup=False,
    )
    return 1 if report.errors else 0


def _with_content(
    command: str,
    site: Site,
    content: Path | None,
    refusal: Callable[[Path, Site], str | None],
) -> Site | None:
    """``site`` reading its posts from the folder ``--content`` names, when
    it names one; None, once one line says why, when ``refusal`` refuses
    the folder or the folder's own faults (a named pipe in it) stop it."""
    if content is None:
        return site
    refused = refusal(content, site)
    if refused:
        err.print(f"reflect {command}: {refused}", markup=False)
        return None
    try:
        return site.with_content(content)
    except SiteError as error:
        err.print(f"reflect {command}: {error}", markup=False)
        return None


def content_folder_refusal(folder: Path, settings: dict) -> str | None:
    """Why ``folder`` is no content folder to lint, or None. A folder that
    holds none of the site's post and page folders (``reflect lint .`` run
    in ``content/posts/``) was linted as one: "0 files checked", no error,
    exit status 0, nothing checked."""
    content = display_path(str(settings["PATH"]))
    if folder.is_file():
        return (
            f"{folder} is a file; lint checks every post and page of a content "
            f"folder: `reflect lint` checks {content}"
        )
    if not folder.is_dir():
        return f"no such folder: {folder}"
    named = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    if not any((folder / str(name)).is_dir() for name in named):
        shown = ", ".join(repr(str(name)) for name in named)
        return (
            f"{folder} holds none of the folders posts and pages are read from "
            f"({shown}: ARTICLE_PATHS, PAGE_PATHS), so nothing would be checked; "
            f"`reflect lint` checks {content}"
        )
    return None


def _lessons(arguments, site) -> int:
    if arguments.lessons_command == "add":
        return _add_lesson(arguments, site)
    try:
        index = lessons_table.lessons_index(site)
    except lessons_table.SiteHasErrors as found:
        for error in found.errors:
            err.print(f"reflect lessons: {error.location_message()}", markup=False)
        return 1
    if arguments.format == "csv":
        out.print(lessons_table.as_csv(index), end="", markup=False)
    elif arguments.format == "json":
        out.print(lessons_table.as_json(index), markup=False)
    else:
        out.print(lessons_table.as_table(index))
    return 0


def _prep(arguments, site) -> int:
    request = PrepRequest(arguments.kind, arguments.person, tuple(arguments.lesson))
    refusal = arguments.output and output_refusal(
        arguments.output, site, "preparation sheet", is_a_sheet
    )
    if refusal:
        err.print(f"reflect prep: {refusal}", markup=False)
        return 2
    try:
        index = lessons_table.lessons_index(site)
        sheet = as_markdown(prepare(index, request))
    except lessons_table.SiteHasErrors as found:
        for error in found.errors:
            err.print(f"reflect prep: {error.location_message()}", markup=False)
        return 1
    except PrepError as error:
        err.print(f"reflect prep: {error}", markup=False)
        return 2
    if arguments.output is None:
        out.print(sheet, end="", markup=False)
        return 0
    try:
        write_sheet(arguments.output, sheet)
    except FileNotReplaced as error:
        err.print(f"reflect prep: {error}", markup=False)
        return 1
    except OSError as error:  # its folder could not be made
        why = error.strerror or error  # not the path again
        err.print(f"reflect prep: cannot write {arguments.output}: {why}", markup=False)
        return 1
    out.print(display_path(str(arguments.output)), markup=False)
    return 0


def _add_lesson(arguments, site) -> int:
    lesson = NewLesson(
        arguments.title, arguments.theme, tuple(arguments.alias), arguments.description
    )
    try:
        added = add_lesson(site, lesson)
    except (LessonRefused, FileNotReplaced) as error:
        err.print(f"reflect lessons add: {error}", markup=False)
        return 1
    out.print(f"{display_path(str(added.path))}: added {added.slug!r}", markup=False)
    for finding in added.alike:
        err.print(finding.at_level(strict=False).render(), markup=False)
    return 0


def _suggest(arguments, site) -> int:
    try:
        found = suggestions_for(site, arguments.files, arguments.min_score)
    except SuggestError as error:
        err.print(f"reflect suggest: {error}", markup=False)
        return 2
    status = 0
    for post in found:
        chosen = [
            s
            for s in post.suggestions
            if not arguments.lesson or s.lesson.slug in arguments.lesson
        ]
        out.print(Text(post.display, style="bold"))
        if not chosen:
            out.print("  no suggestions", markup=False)
        for suggestion in chosen:
            out.print(
                f"  {suggestion.score:.2f}  {suggestion.lesson.title} "
                f"({suggestion.lesson.slug})",
                markup=False,
            )
            for sentence in suggestion.evidence:
                out.print(
                    f"        line {sentence.line}: {sentence.text}", markup=False
                )
        if chosen and (arguments.apply or arguments.dry_run):
            after = with_lessons(post.source, [s.lesson.title for s in chosen])
            out.print(diff(post.display, post.source, after), end="", markup=False)
            if arguments.apply and not arguments.dry_run:
                try:
                    replace_text(post.path, after, was=post.source)
                except FileNotReplaced as error:
                    err.print(f"reflect suggest: {error}", markup=False)
                    status = 1
    return status


def _import(arguments, site) -> int:
    site = _with_content(
        "import-wordpress",
        site,
        arguments.content,
        content_refusal,
    )
    if site is None:
        return 2
    try:
        export = read_export(arguments.export)
    except WxrError as error:
        err.print(f"reflect import-wordpress: {error}", markup=False)
        return 1
    try:
        limits = FetchLimits(
            max_bytes=int(arguments.max_image_size * 1024 * 1024),
            seconds_per_image=arguments.image_time_limit,
            seconds_per_run=arguments.images_time_limit,
        )
        plan = plan_import(export, site, arguments.download_images, limits)
        result = write_plan(plan, site.content)
    except (ValueError, FileNotReplaced) as error:
        err.print(f"reflect import-wordpress: {error}", markup=False)
        return 1
    out.print(result.summary(), markup=False)
    for warning in result.warnings():
        err.print(f"reflect import-wordpress: warning: {warning}", markup=False)
    return 0


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number")
    return value


def _score(text: str) -> float:
    """A score to suggest from: scores run from 0 to 1, so ``nan`` or ``2``
    suggested nothing and ``-1`` everything, each as if it were an answer."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a score from 0 to 1")
    return value


def entry_point() -> None:
    sys.exit(main())
