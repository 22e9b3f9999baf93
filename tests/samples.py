"""The sample content, read the simple way, to check the build against."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitebuild import CONTENT

_FIELD = re.compile(r"^(?P<key>[A-Za-z-]+):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class SamplePost:
    path: Path
    fields: dict[str, str]

    @property
    def title(self) -> str:
        return self.fields["title"]

    @property
    def slug(self) -> str:
        return self.fields["slug"]

    @property
    def year(self) -> str:
        return self.fields["date"][:4]

    @property
    def is_draft(self) -> bool:
        return self.fields.get("status") == "draft"

    @property
    def output(self) -> str:
        return f"{self.year}/{self.slug}/index.html"


def header(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _FIELD.match(line)
        if not match:
            break
        fields[match.group("key").lower()] = match.group("value").strip()
    return fields


def sample_posts() -> list[SamplePost]:
    """The published sample posts: not the draft the desk shows in progress."""
    return [post for post in every_sample_post() if not post.is_draft]


def every_sample_post() -> list[SamplePost]:
    return [
        SamplePost(path, header(path)) for path in sorted(CONTENT.glob("posts/*.md"))
    ]
