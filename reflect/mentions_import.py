"""`reflect mentions import FILE`: a Webmention receiver's JF2 export, split
into the files the build reads (comments/<post-slug>/mention-<wm-id>.json).

The export is untrusted: it is read up to MAX_EXPORT_BYTES, each entry is
checked as the build checks a mention file (comments.mentions) and must aim
at a post by the site's ARTICLE_URL; an entry that fails is reported by its
place in the export and skipped. Nothing is fetched from the network.
"""

from __future__ import annotations

import json
import re
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
    target_of,
)

MAX_EXPORT_BYTES = 32 * 1024 * 1024


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # "entry 3: why"


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


def import_mentions(
    export: Path, comments: Path, settings: dict[str, Any]
) -> ImportReport:
    with export.open("rb") as stream:
        data = stream.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise MentionProblem(f"an export is at most {MAX_EXPORT_BYTES >> 20} MiB")
    feed = parse_json(data)
    if not isinstance(feed, dict) or not isinstance(feed.get("children"), list):
        raise MentionProblem('not a JF2 feed (an object with "children": [...])')
    pattern = slug_pattern(settings["ARTICLE_URL"], settings.get("SITEURL") or "")
    report = ImportReport()
    for number, entry in enumerate(feed["children"], start=1):
        try:
            path, text = _mention_file(entry, comments, pattern, settings)
        except MentionProblem as problem:
            report.skipped.append(f"entry {number}: {problem}")
            continue
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            report.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report.written.append(path)
    return report


def _mention_file(entry, comments: Path, pattern, settings) -> tuple[Path, str]:
    if not isinstance(entry, dict):
        raise MentionProblem("not a JF2 entry")
    identifier = mention_id(entry)
    match = pattern.fullmatch(target_of(entry).path)
    if match is None:
        raise MentionProblem(
            f"wm-target {entry.get('wm-target')!r} is no post's address "
            f"(ARTICLE_URL is {settings['ARTICLE_URL']!r})"
        )
    slug = match["slug"]
    if not re.fullmatch(r"[\w-]+", slug):  # never "..", never a path
        raise MentionProblem(f"wm-target names no post slug ({slug!r})")
    # The same checks the build makes, so a file written here is one it shows.
    mention_from_entry(entry, identifier, slug, settings.get("TIMEZONE"))
    text = json.dumps(kept_fields(entry), indent=2, ensure_ascii=False) + "\n"
    if len(text.encode("utf-8")) > MAX_MENTION_BYTES:
        raise MentionProblem(f"larger than {MAX_MENTION_BYTES // 1024} KiB")
    return comments / slug / f"{identifier}.json", text
