"""Every check takes its level from the one rule table, and says which rule.

Checks that once built a hard-coded error or warning (two files for one
address, a post on a listing's file, a ``Template:`` the theme lacks, a
name too long for a file, a misspelt setting...) printed a line with no
``[rule]`` and had no row in the documentation's table. For one
representative of each family, the line a build prints and the line
``reflect lint`` prints end with the rule's name; ``tests/test_rules.py``
gives each of these rules other levels and sees both follow the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitebuild import copy_project, lint_in_process
from test_input_hunt import pelican_build

VOCABULARY = """\
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
"""
KNOWN = "Lessons: Prepare targeted questions\n"
LONG_SLUG = "-".join(["word"] * 30)

#: Rich's log line: "[time] LEVEL  message      module.py:line".
_LOGGED = re.compile(r"(?:WARNING|ERROR)\s+(?P<message>.*?)\s{2,}\S+\.py:\d+\s*$")


def post(title: str, date: str, *fields: str) -> str:
    return f"Title: {title}\nDate: {date}\n" + "".join(fields) + KNOWN + "\nText.\n"


@dataclass(frozen=True)
class Family:
    files: dict[str, str]  # the content files that break the rule
    naming: str  # words of the one line that tells it
    settings: str = ""  # added to pelicanconf.py
    level: str = "error"  # the rule's level in a local build
    linted: bool = True  # whether `reflect lint` can tell it
    lint_stops: bool = False  # `reflect` stops with the line as it loads the site


FAMILIES: dict[str, Family] = {
    "output-clash": Family(
        {
            "posts/2026-02-01-a.md": post("A", "2026-02-01", "Slug: twin\n"),
            "posts/2026-02-02-b.md": post("B", "2026-02-01", "Slug: twin\n"),
        },
        "would be written to 2026/twin/index.html, as",
    ),
    "listing-clash": Family(
        {"pages/archives.md": "Title: Archives\nSlug: archives\n\nA page.\n"},
        "where the build writes",
    ),
    "unknown-template": Family(
        {"posts/2026-02-03-c.md": post("C", "2026-02-03", "Template: nope\n")},
        "the theme has no template 'nope'",
    ),
    "name-too-long": Family(
        {"posts/2026-02-04-d.md": post("D", "2026-02-04", "Tags: " + "w" * 220 + "\n")},
        "is too long for a file name",
    ),
    "template-mismatch": Family(
        {"pages/h.md": "Title: H\nTemplate: article\n\nA page.\n"},
        "Template: 'article' cannot show this page",
        linted=False,
    ),
    "unsafe-destination": Family(
        {"posts/2026-02-08-g.md": post("G", "2026-02-08", "Slug: ../../g\n")},
        "climbs out of its folder",
    ),
    "unfillable-path-setting": Family(
        {},
        "setting ARTICLE_URL = '{nope}/' names {nope}",
        settings='ARTICLE_URL = "{nope}/"\n',
    ),
    "unreadable-file": Family(
        {"posts/2026-02-10-j.rst": "J\n=\n\n:date: 2026-02-10\n\nSome `broken text.\n"},
        "cannot read it:",
    ),
    "bad-setting": Family(
        {},
        "setting REFLECTIONS_MAX_LESSONS must be int",
        settings='REFLECTIONS_MAX_LESSONS = "x"\n',
        lint_stops=True,
    ),
    # A post without a Date: takes the date its file's name begins with.
    "bad-date": Family(
        {"posts/2026-13-45-k.md": "Title: K\n" + KNOWN + "\nText.\n"},
        "Date: '2026-13-45' is not a date",
    ),
    # The site's Markdown reader tells it itself; sourceguard, every other's.
    "bad-status": Family(
        {"posts/2026-02-11-l.rst": "L\n=\n\n:date: 2026-02-11\n:status: drfat\n"},
        "Status: 'drfat' is none of",
    ),
    # A field withheld for its private marker, in a reader other than
    # Markdown's: once told as a bad status "'<object object at 0x...>'".
    "private-marker-not-hidden": Family(
        {
            "posts/2026-02-13-n.rst": (
                "N\n=\n\n:date: 2026-02-13\n:status: draft [!private]\n\nText.\n"
            )
        },
        "in the status, where its text cannot be hidden",
    ),
    # A <meta> in an HTML file's body: no field, but published as written.
    "local-only-field-in-body": Family(
        {
            "posts/2026-02-14-o.html": (
                '<html><head><title>O</title><meta name="date" '
                'content="2026-02-14"></head><body><p>Text.</p>'
                '<meta name="Follow-Up" content="Zqxsecret"></body></html>'
            )
        },
        "'Follow-Up' is a local-only field, but here it is in the body",
    ),
    "no-title": Family(
        {"posts/2026-02-12-m.rst": ":date: 2026-02-12\n\nNo title here.\n"},
        "no title: give it one",
    ),
    "unknown-setting": Family(
        {},
        "REFLECTIONS_MAX_LESONS is no plugin's setting",
        settings="REFLECTIONS_MAX_LESONS = 3\n",
        level="warning",
    ),
    "missing-about-page": Family(
        {},
        "HOME_ABOUT_PAGE 'abuot' is the slug of no published page",
        settings='HOME_ABOUT_PAGE = "abuot"\n',
        level="warning",
    ),
    "image-name-too-long": Family(
        {"posts/2026-02-05-e.md": post("E", "2026-02-05", f"Slug: {LONG_SLUG}\n")},
        "the preview image's name is too long",
        settings='SOCIAL_IMAGE_SAVE_AS = "{date:%Y}/{slug}/{slug}-{slug}.png"\n',
    ),
    "comment-feed-name-too-long": Family(
        {
            "posts/2026-02-06-f.md": post("F", "2026-02-06", f"Slug: {LONG_SLUG}\n"),
            f"comments/{LONG_SLUG}/2026-02-07-a.md": (
                "Author: A\nDate: 2026-02-07 10:00\n\nHi.\n"
            ),
        },
        "the post's comment feed is too long",
        settings='COMMENT_FEED_ATOM = "feeds/comments/{slug}-{slug}.atom.xml"\n',
    ),
    "script-in-static-svg": Family(
        {
            "images/chart.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg">\n'
                "<script>fetch('https://tracker.example/')</script>\n</svg>\n"
            )
        },
        "this SVG holds script",
        level="warning",
    ),
    "private-lessons-field": Family(
        {
            "posts/2026-02-10-j.md": (
                "Title: J\nDate: 2026-02-10\n"
                "Lessons: Listen first; Salary talk [!private]\n\n"
                "> [!lesson] Prepare targeted questions\n> Read their profile.\n"
            )
        },
        "so the whole field is withheld, with the lesson on it",
        level="warning",
    ),
    # pelican-sitemap's own fields, checked as the sitemap was written: a
    # traceback naming no file.
    "sitemap-field": Family(
        {"posts/2026-02-14-o.md": post("O", "2026-02-14", "Priority: high\n")},
        "Priority: 'high' is not a number from 0.0 to 1.0",
        level="warning",
    ),
    "shared-image-file": Family(
        {
            "posts/2025-02-09-h.md": post("H", "2025-02-09", "Slug: same\n"),
            "posts/2026-02-09-i.md": post("I", "2026-02-09", "Slug: same\n"),
        },
        "its preview image would overwrite another post's",
        settings='SOCIAL_IMAGE_SAVE_AS = "images/{slug}.png"\n',
        level="warning",
    ),
}


def make_project(folder: Path, family: Family) -> Path:
    """A copy of the project whose content is a finished post and the files
    that break the rule, with the family's settings."""
    content = folder / "made" / "content"
    (content / "posts").mkdir(parents=True)
    (content / "lessons.yml").write_text(VOCABULARY, encoding="utf-8")
    (content / "posts" / "2025-12-31-clean.md").write_text(
        post("Clean", "2025-12-31"), encoding="utf-8"
    )
    for name, text in family.files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    project = copy_project(folder / "site", content)
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + family.settings, encoding="utf-8"
    )
    return project


@pytest.mark.parametrize("rule", sorted(FAMILIES))
def test_the_build_and_lint_end_the_line_of_each_check_with_its_rule(tmp_path, rule):
    family = FAMILIES[rule]
    project = make_project(tmp_path, family)

    built = pelican_build(project, tmp_path / "output")
    linted = lint_in_process("lint", cwd=project)

    said = built.stdout + built.stderr
    assert (built.returncode == 0) == (family.level == "warning"), said
    assert "Traceback" not in said, said
    (build_line,) = [
        m["message"]
        for line in said.splitlines()
        if family.naming in line and (m := _LOGGED.search(line))
    ]
    assert build_line.endswith(f" [{rule}]"), build_line
    if not family.linted:
        assert family.naming not in linted.stdout, linted.stdout
        return
    if family.lint_stops:
        assert linted.returncode == 2, linted
        (lint_line,) = linted.stderr.splitlines()
        assert family.naming in lint_line and lint_line.endswith(f" [{rule}]")
        return
    (lint_line,) = [
        line for line in linted.stdout.splitlines() if family.naming in line
    ]
    assert lint_line.endswith(f" [{rule}]"), linted.stdout
    assert f": {family.level}: " in lint_line, linted.stdout
