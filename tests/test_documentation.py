"""The documentation holds together: README.md is a short front page that
links to every page in docs/, every relative link and #anchor between them
lands on a file and a heading that exist (anchors as GitHub makes them from
headings), and every setting a plugin declares is in docs/settings.md.

The Markdown is read with markdown-it-py (CommonMark, pinned with Pelican's
dependencies), so links and headings inside fenced code are not taken for
real ones. Fast: no site is built.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt
from sitebuild import ROOT, read

from sitekit.settings import Setting

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
FRONT_PAGE_LIMIT = 12 * 1024


@dataclass(frozen=True)
class Link:
    page: Path
    line: int
    target: str

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}: {self.target}"


@cache
def tokens(page: Path) -> list:
    return MarkdownIt("commonmark").enable("table").parse(read(page))


def links(page: Path) -> list[Link]:
    """Every link and image in the page, with the line it is on."""
    found = []
    for block in tokens(page):
        line = block.map[0] + 1 if block.map else 0
        for token in block.children or ():
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            target = token.attrs.get("href") or token.attrs.get("src")
            if target:
                found.append(Link(page, line, str(target)))
    return found


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped
    (hyphens and underscores kept), each space a hyphen."""
    kept = (
        char
        for char in heading.lower()
        if char.isalnum() or char in "-_ " or unicodedata.category(char).startswith("M")
    )
    return "".join(kept).replace(" ", "-")


@cache
def anchors(page: Path) -> frozenset[str]:
    """The anchors of a page's headings; GitHub numbers repeats -1, -2…"""
    seen: Counter[str] = Counter()
    found = set()
    blocks = tokens(page)
    for opening, inline in pairwise(blocks):
        if opening.type != "heading_open":
            continue
        text = "".join(
            child.content
            for child in inline.children
            if child.type in ("text", "code_inline")
        )
        anchor = github_anchor(text)
        while anchor in found:
            seen[anchor] += 1
            anchor = f"{github_anchor(text)}-{seen[anchor]}"
        found.add(anchor)
    return frozenset(found)


def broken(link: Link) -> str | None:
    """Why a relative link does not resolve, or None when it does."""
    parts = urlsplit(link.target)
    if parts.scheme or parts.netloc:
        return None  # an address on the web: not this test's to fetch
    path = unquote(parts.path)
    target = (link.page.parent / path).resolve() if path else link.page
    if not target.is_relative_to(ROOT):
        return "points outside the repository"
    if not target.exists():
        return "no such file"
    if parts.fragment:
        if target.suffix != ".md":
            return "an anchor into a file that is not Markdown"
        if parts.fragment not in anchors(target):
            return f"{target.name} has no heading with the anchor #{parts.fragment}"
    return None


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("The `reflect` command", "the-reflect-command"),
        ("What `publishconf.py` changes", "what-publishconfpy-changes"),
        ("Pelican's settings", "pelicans-settings"),
        (
            "One rule set: what `lint` and the build check",
            "one-rule-set-what-lint-and-the-build-check",
        ),
        ("Sitemap and robots.txt", "sitemap-and-robotstxt"),
        ("make_html — fast", "make_html--fast"),
    ],
)
def test_anchors_are_made_as_github_makes_them(heading, anchor):
    assert github_anchor(heading) == anchor


def test_a_repeated_heading_gets_a_numbered_anchor(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Notes\n\n## Setup\n\n## Setup\n\n## Setup\n", encoding="utf-8")
    assert anchors(page) == {"notes", "setup", "setup-1", "setup-2"}


def test_a_link_in_fenced_code_is_not_a_link(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n```markdown\n[gone](missing.md)\n# not a heading\n```\n",
        encoding="utf-8",
    )
    assert links(page) == []
    assert anchors(page) == {"page"}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_and_anchor_resolves(page):
    problems = [f"{link}: {why}" for link in links(page) if (why := broken(link))]
    assert not problems, "\n".join(problems)


def test_every_docs_page_is_linked_from_the_readme():
    linked = {
        (README.parent / unquote(urlsplit(link.target).path)).resolve()
        for link in links(README)
        if not urlsplit(link.target).scheme
    }
    assert [page for page in PAGES[1:] if page not in linked] == []


def test_every_screenshot_is_shown_somewhere():
    shown = {
        (link.page.parent / link.target).resolve()
        for page in PAGES
        for link in links(page)
    }
    images = sorted((DOCS / "images").glob("*.png"))
    assert images
    assert [image.name for image in images if image not in shown] == []


def section(page: Path, heading: str) -> list[str]:
    """The lines under a `## heading`, up to the next heading of that level."""
    text = read(page)
    start = text.index(f"\n## {heading}\n") + len(heading) + 5
    end = text.find("\n## ", start)
    return text[start : end if end != -1 else None].splitlines()


def test_the_readme_is_a_short_front_page_that_opens_with_the_two_commands():
    readme = read(README)
    assert len(readme.encode()) <= FRONT_PAGE_LIMIT
    opening = "\n".join(readme.splitlines()[:8])
    assert "make html" in opening
    assert "make test" in opening


def test_writing_a_first_reflection_starts_with_reflect_new():
    first_screen = "\n".join(section(README, "Writing a first reflection")[:12])
    assert "reflect new" in first_screen


def declared_settings() -> dict[str, list[Setting]]:
    """Every plugin's settings, from each plugins/<name>/settings.py."""
    declared = {}
    for module_file in sorted((ROOT / "plugins").glob("*/settings.py")):
        plugin = module_file.parent.name
        if plugin == "sitekit":
            continue  # the Setting type itself, declaring no setting
        module = importlib.import_module(f"{plugin}.settings")
        declared[plugin] = [
            setting
            for value in vars(module).values()
            if isinstance(value, tuple)
            for setting in value
            if isinstance(setting, Setting)
        ]
    return declared


def documented_default(default: object) -> str:
    """How the settings page writes a default: strings in double quotes."""
    return f'`"{default}"`' if isinstance(default, str) else f"`{default!r}`"


def shipped_file(default: object) -> bool:
    return isinstance(default, str) and Path(default).is_absolute()


def test_every_declared_setting_is_documented_with_its_default():
    page = read(DOCS / "settings.md")
    rows = dict(re.findall(r"^\| `([A-Z0-9_]+)` \| ([^|]+) \|", page, re.M))
    problems = []
    for plugin, settings in declared_settings().items():
        assert settings, f"plugins/{plugin}/settings.py declares no Setting"
        for setting in settings:
            shown = rows.get(setting.name)
            if shown is None:
                problems.append(f"{setting.name} ({plugin}) is not in docs/settings.md")
            elif shipped_file(setting.default):
                continue  # a file that comes with the plugin, described in words
            elif not shown.startswith(documented_default(setting.default)):
                problems.append(
                    f"{setting.name}: docs/settings.md says {shown.strip()}, "
                    f"the default is {setting.default!r}"
                )
    assert not problems, "\n".join(problems)
