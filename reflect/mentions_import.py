"""`reflect mentions import FILE`: a Webmention receiver's JF2 export, split
into the files the build reads (comments/<post-slug>/mention-<wm-id>.json).

The export is untrusted: it is read up to MAX_EXPORT_BYTES, each entry is
checked as the build checks a mention file (comments.mentions) and must aim
at a post by the site's ARTICLE_URL; an entry that fails is reported by its
place in the export (its number and line) and skipped, and so is an entry
whose ``wm-id`` and post an earlier entry of the same export had: it names
the same file, which the summary counted as written twice. One ``wm-id``
aimed at two posts names two files, one in each post's folder, and both
are imported. A receiver keeps one mention per source and post, so an
entry whose ``wm-source`` its post has a mention from already (an earlier
entry, or a file of another ``wm-id``) is skipped too: the build would
show only one (comments.repeats). Nothing is fetched from the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from comments.mentions import (
    MAX_MENTION_BYTES,
    MentionProblem,
    kept_fields,
    mention_from_entry,
    mention_id,
    parse_json,
    read_mention_file,
    site_origins,
    target_of,
)
from sitekit.diagnostics import display_path

from .file_replacing import FileNotReplaced, create_file, replace_file
from .input_files import input_file_problem

MAX_EXPORT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class SkippedEntry:
    """An entry of the export that was not imported, and why."""

    number: int  # its place among the feed's children, from 1
    line: int | None  # the line of the export it starts on
    reason: str

    def __str__(self) -> str:
        return f"entry {self.number}: {self.reason}"

    def located(self, export: Path | str) -> str:
        """The one line the command prints: ``export.jf2:12: entry 3: why``."""
        where = f"{export}:{self.line}" if self.line else f"{export}"
        return f"{where}: {self}"


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[SkippedEntry] = field(default_factory=list)


def slug_pattern(article_url: str, site_url: str) -> re.Pattern:
    """A regex for a post's path from ARTICLE_URL, capturing its slug."""
    subpath = urlsplit(site_url or "").path.rstrip("/")
    parts = re.split(r"(\{[^}]*\})", article_url)
    pattern = "".join(
        "(?P<slug>[^/]+)"
        if part == "{slug}"
        else "[^/]+"
        if part.startswith("{")
        else re.escape(part)
        for part in parts
    )
    return re.compile(rf"(?:{re.escape(subpath)})?/{pattern}")


@dataclass(frozen=True)
class SlugPatterns:
    """The slug an address on the site names: by ARTICLE_URL, or by
    ARTICLE_LANG_URL (a translation's) where that one names a post of the
    site and the first does not."""

    patterns: tuple[re.Pattern, ...]
    slugs: frozenset[str]

    @classmethod
    def of(cls, settings: dict[str, Any], slugs: Collection[str]) -> SlugPatterns:
        site_url = settings.get("SITEURL") or ""
        urls = [settings["ARTICLE_URL"]]
        if settings.get("ARTICLE_LANG_URL"):
            urls.append(settings["ARTICLE_LANG_URL"])
        # A mention sent before ARTICLE_URL changed names the address of then.
        urls.extend(settings.get("WEBMENTION_FORMER_ARTICLE_URLS", ()))
        return cls(tuple(slug_pattern(url, site_url) for url in urls), frozenset(slugs))

    def slug(self, path: str) -> str | None:
        found = [
            m["slug"]
            for p in self.patterns
            if (m := p.fullmatch(path)) and "slug" in m.groupdict()
        ]
        known = [slug for slug in found if slug in self.slugs]
        return (known or found or [None])[0]


def import_mentions(
    export: Path,
    comments: Path,
    settings: dict[str, Any],
    slugs: Collection[str] = (),
) -> ImportReport:
    """Write each mention of ``export`` into the folder of the post it
    names. ``slugs`` are the site's posts' (``reflect.content.existing_slugs``):
    an address a translation's ``ARTICLE_LANG_URL`` makes
    (``2025/two-levels-up-fr/``) names the slug of its post, whose folder
    holds the comments of every version."""
    problem = input_file_problem(export, "a JF2 export")
    if problem:
        raise MentionProblem(problem)
    with export.open("rb") as stream:
        data = stream.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise MentionProblem(f"an export is at most {MAX_EXPORT_BYTES >> 20} MiB")
    feed = parse_json(data)
    if not isinstance(feed, dict) or not isinstance(feed.get("children"), list):
        raise MentionProblem('not a JF2 feed (an object with "children": [...])')
    lines = entry_lines(data.decode("utf-8-sig"))
    pattern = SlugPatterns.of(settings, slugs)
    report = ImportReport()
    first_of: dict[Path, int] = {}  # file -> the entry that named it first
    # A receiver keeps one mention per source and target (a post's folder).
    first_from: dict[tuple[Path, str], int] = {}
    held_sources = HeldSources()
    # Each entry's line, where the export's lines name one per entry.
    lined = lines if len(lines) == len(feed["children"]) else []
    for number, entry in enumerate(feed["children"], start=1):
        line = lined[number - 1] if lined else None
        try:
            path, text, source = _mention_file(entry, comments, pattern, settings)
        except MentionProblem as problem:
            report.skipped.append(SkippedEntry(number, line, str(problem)))
            continue
        first = first_of.setdefault(path, number)
        if first != number:
            where = f" (line {lined[first - 1]})" if lined else ""
            report.skipped.append(
                SkippedEntry(
                    number,
                    line,
                    f"wm-id {path.stem.removeprefix('mention-')} again: entry "
                    f"{first}{where} had it, and it was imported; this one is "
                    "left out",
                )
            )
            continue
        first = first_from.setdefault((path.parent, source), number)
        held = held_sources.held(path.parent).get(source)
        if first != number or (held and held != path):
            report.skipped.append(
                SkippedEntry(number, line, _source_again(source, first, lined, held))
            )
            continue
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            report.unchanged += 1
            continue
        _write_mention(path, text, comments)
        report.written.append(path)
    return report


def _source_again(source: str, first: int, lines: list[int], held: Path | None) -> str:
    """Why an entry from a source its post has a mention from already is
    skipped: the export's earlier entry (at its line, when ``lines`` gives
    each entry's), or the file that holds it."""
    if held is not None:
        return (
            f"the Webmention from {source} is {display_path(str(held))} "
            "already (a receiver keeps one per source and post); delete that "
            "file to import this one, this one is left out"
        )
    where = f" (line {lines[first - 1]})" if lines else ""
    return (
        f"wm-source {source} again for its post: entry {first}{where} had "
        "it, and it was imported (a receiver keeps one mention per source "
        "and post); this one is left out"
    )


class HeldSources:
    """The wm-source of each mention file already in a post's folder, read
    once a folder; a file that cannot be read holds none."""

    def __init__(self) -> None:
        self._folders: dict[Path, dict[str, Path]] = {}

    def held(self, folder: Path) -> dict[str, Path]:
        if folder not in self._folders:
            self._folders[folder] = {}
            for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
                try:  # as the build reads it: a file it leaves out holds none
                    source = read_mention_file(path, None).source
                except (OSError, MentionProblem):
                    continue
                self._folders[folder].setdefault(source, path)
        return self._folders[folder]


def _write_mention(path: Path, text: str, comments: Path) -> None:
    """Write one mention file whole or not at all: one cut short (a full
    disk) was half a JSON file the build refused. ``FileNotReplaced``
    names the file (a file where its folder belongs, say), not the export.
    A symbolic link (the file, or its post's folder) that leads outside the
    comments folder is refused: the file it named was written, outside the
    project perhaps, and the build leaves such a link out anyway."""
    if not path.resolve().is_relative_to(comments.resolve()):
        raise FileNotReplaced(
            f"{display_path(str(path))} is a symbolic link, or in one, that leads "
            f"outside {display_path(str(comments))}; it was left as it was"
        )
    try:
        create_file(path, text)
    except FileExistsError:  # an earlier import's, changed since
        replace_file(path, text)


_SPACE = re.compile(r"[ \t\n\r]*")


def entry_lines(text: str) -> list[int]:
    """The line each entry of a JF2 feed's ``children`` starts on (the last
    ``children`` key, as ``json`` keeps it), for messages; empty when the
    text is not a JSON object holding such a list.

    ``json`` gives no positions, so the top-level object is walked here with
    its own decoder, each value decoded once more: an export is parsed
    twice, in time in proportion to its length (32 MiB at most).
    """
    decoder = json.JSONDecoder()
    lines: list[int] = []
    try:
        at = _SPACE.match(text).end()
        if text[at] != "{":
            return []
        at = _SPACE.match(text, at + 1).end()
        while text[at] != "}":
            key, at = json.decoder.scanstring(text, at + 1)
            at = _SPACE.match(text, _SPACE.match(text, at).end() + 1).end()
            if key == "children" and text[at] == "[":
                lines, at = _element_lines(text, at, decoder)
            else:
                _, at = decoder.raw_decode(text, at)
            at = _SPACE.match(text, at).end()
            if text[at] == ",":
                at = _SPACE.match(text, at + 1).end()
    except (IndexError, ValueError, RecursionError):
        return []
    return lines


def _element_lines(
    text: str, at: int, decoder: json.JSONDecoder
) -> tuple[list[int], int]:
    """The lines the elements of the list at ``at`` start on, and where the
    list ends; newlines are counted once, as the walk goes."""
    lines: list[int] = []
    line, counted = 1 + text.count("\n", 0, at), at
    at = _SPACE.match(text, at + 1).end()
    while text[at] != "]":
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
        _, at = decoder.raw_decode(text, at)
        at = _SPACE.match(text, at).end()
        if text[at] == ",":
            at = _SPACE.match(text, at + 1).end()
    return lines, at + 1


def _mention_file(
    entry, comments: Path, pattern: SlugPatterns, settings
) -> tuple[Path, str, str]:
    """The file an entry is written to, its text, and its wm-source as
    the build reads it. The post is the one whose address, under
    ARTICLE_URL, ARTICLE_LANG_URL or a former pattern
    (WEBMENTION_FORMER_ARTICLE_URLS), is the target's."""
    if not isinstance(entry, dict):
        raise MentionProblem("not a JF2 entry")
    identifier = mention_id(entry)
    target = target_of(entry)
    site_url = settings.get("SITEURL")
    if not target.on_site(
        site_origins(site_url, settings.get("WEBMENTION_SITE_URLS", ()))
    ):
        raise MentionProblem(
            f"wm-target {entry.get('wm-target')!r} is on another site than "
            f"SITEURL {site_url!r} (WEBMENTION_SITE_URLS names the site's "
            "other addresses)"
        )
    slug = pattern.slug(target.path)
    if slug is None:
        raise MentionProblem(
            f"wm-target {entry.get('wm-target')!r} is no post's address "
            f"(ARTICLE_URL is {settings['ARTICLE_URL']!r}; a former one goes in "
            "WEBMENTION_FORMER_ARTICLE_URLS)"
        )
    if not re.fullmatch(r"[\w-]+", slug):  # never "..", never a path
        raise MentionProblem(f"wm-target names no post slug ({slug!r})")
    # The same checks the build makes, so a file written here is one it shows.
    shown = mention_from_entry(entry, identifier, slug, settings.get("TIMEZONE"))
    text = json.dumps(kept_fields(entry), indent=2, ensure_ascii=False) + "\n"
    if len(text.encode("utf-8")) > MAX_MENTION_BYTES:
        raise MentionProblem(f"larger than {MAX_MENTION_BYTES // 1024} KiB")
    return comments / slug / f"{identifier}.json", text, shown.source
