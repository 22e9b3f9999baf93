"""The `reflect` command line: argument parsing and output, nothing else."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from rich.console import Console

from sitekit.diagnostics import SiteError, display_path

from . import lessons as lessons_table
from .importer import plan_import, write_plan
from .lint import lint
from .new import FileExists, write_new_post
from .site import load_site
from .wordpress import WxrError, read_export

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="reflect",
        description="Write, check and import career reflections for this Pelican site.",
    )
    main.add_argument(
        "--settings",
        type=Path,
        default=None,
        help="Pelican settings file to read (default: ./pelicanconf.py)",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="start a new reflection from a template",
        description="Write a new post where the site reads posts, named "
        "<date>-<slug>.md, from a template of prompts. Never replaces a file.",
    )
    new.add_argument("title", help="the reflection's title")
    new.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        help="YYYY-MM-DD (default: today)",
    )
    new.add_argument(
        "--category",
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
        type=Path,
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

    wordpress = commands.add_parser(
        "import-wordpress",
        help="import a WordPress export (WXR), comments included",
        description="Write one Markdown post per WordPress post (drafts as "
        "Status: draft), pages where the site reads pages, and every approved "
        "comment with its threading. Never replaces a file; commenters' e-mail "
        "and IP addresses are never written.",
    )
    wordpress.add_argument(
        "export", type=Path, help="the WordPress export file (WXR 1.1 or 1.2)"
    )
    wordpress.add_argument(
        "--content",
        type=Path,
        default=None,
        help="content folder (default: the site's PATH)",
    )
    return main


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    handler = {
        "new": _new,
        "lint": _lint,
        "lessons": _lessons,
        "import-wordpress": _import,
    }[arguments.command]
    # Pelican and the plugins log what they find while reading; the command
    # reports it itself, so their logging is off while it runs.
    logging.disable(logging.CRITICAL)
    try:
        return handler(arguments, load_site(arguments.settings))
    finally:
        logging.disable(logging.NOTSET)


def _new(arguments, site) -> int:
    try:
        path = write_new_post(
            site, arguments.title, arguments.date or date.today(), arguments.category
        )
    except (FileExists, ValueError) as error:
        err.print(f"reflect new: {error}", markup=False)
        return 1
    out.print(display_path(str(path)), markup=False)
    return 0


def _lint(arguments, site) -> int:
    if arguments.content is not None:
        if not arguments.content.is_dir():
            err.print(
                f"reflect lint: no such folder: {arguments.content}", markup=False
            )
            return 2
        site = site.with_content(arguments.content)
    report = lint(site, strict=arguments.strict)
    out.print(
        report.as_json() if arguments.format == "json" else report.as_text(),
        markup=False,
    )
    return 1 if report.errors else 0


def _lessons(arguments, site) -> int:
    try:
        index = lessons_table.lessons_index(site)
    except SiteError as error:
        err.print(f"reflect lessons: {error.location_message()}", markup=False)
        return 1
    if arguments.format == "csv":
        out.print(lessons_table.as_csv(index), end="", markup=False)
    elif arguments.format == "json":
        out.print(lessons_table.as_json(index), markup=False)
    else:
        out.print(lessons_table.as_table(index))
    return 0


def _import(arguments, site) -> int:
    if arguments.content is not None:
        site = site.with_content(arguments.content)
    try:
        export = read_export(arguments.export)
    except WxrError as error:
        err.print(f"reflect import-wordpress: {error}", markup=False)
        return 1
    try:
        result = write_plan(plan_import(export, site), site.content)
    except ValueError as error:
        err.print(f"reflect import-wordpress: {error}", markup=False)
        return 1
    out.print(result.summary(), markup=False)
    return 0


def entry_point() -> None:
    sys.exit(main())
