"""One rule table decides every check's level, in the build and in `reflect lint`.

Every fixture breaks one rule of the site's table (``sitekit.rules``). For
each rule the test gives it other levels than the table's, a local level
unlike its publish one, and sees a local build (pelicanconf.py) and `reflect
lint` report it at the local level, a published build (publishconf.py) and
`reflect lint --strict` at the publish level, each passing exactly when that
level is a warning. The desk's rules check local-only fields, which a
published build does not read: it passes and says nothing of them. The
builds run in this process, as `make` runs Pelican with ``--fatal
errors``: an error logged is a failed build. And the documentation's table
lists every rule at the levels the code has.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from jinja2 import TemplateError
from pelican.generators import PelicanTemplateNotFound
from PIL import Image
from sitebuild import ROOT, build_site

from reflect.lint import lint
from reflect.site import load_site
from sitekit.diagnostics import SiteError
from sitekit.rules import DECLARED

VOCABULARY = """\
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
"""
KNOWN = "Lessons: Prepare targeted questions\n"
CLEAN_POST = "Title: Clean\nDate: 2025-12-31\n" + KNOWN + "\nA finished post.\n"


def small_png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (2, 2), "tan").save(picture, "PNG")
    return picture.getvalue()


#: rule name -> {file: text} of the files that break only that rule.
FIXTURES: dict[str, dict[str, str | bytes]] = {
    "no-title": {"posts/2026-01-10-j.md": "Date: 2026-01-10\n" + KNOWN + "\nText.\n"},
    "bad-date": {"posts/2026-01-05-e.md": "Title: E\nDate: someday\n\nText.\n"},
    "bad-status": {
        "posts/2026-01-14-n.md": "Title: N\nDate: 2026-01-14\nStatus: drfat\n"
        + KNOWN
        + "\nText.\n"
    },
    "folder-named-as-file": {"posts/2026-01-19-t.md/notes.txt": "Half a post.\n"},
    "file-named-as-folder": {"pages": "A page saved where the pages folder goes.\n"},
    "path-spelt-otherwise": {"Pages/about.md": "Title: About\n\nA page.\n"},
    "modified-before-date": {
        "posts/2026-01-18-r.md": "Title: R\nDate: 2026-01-18\nModified: 2026-01-17\n"
        + KNOWN
        + "\nText.\n"
    },
    "repeated-field": {
        "posts/2026-01-15-o.md": "Title: O\nTitle: Oh\nDate: 2026-01-15\n"
        + KNOWN
        + "\nText.\n"
    },
    "not-utf8": {
        "posts/2026-01-12-l.md": b"Title: L\nDate: 2026-01-12\n\nCaf\xe9 au lait.\n"
    },
    "callout-without-statement": {
        "posts/2026-01-06-f.md": "Title: F\nDate: 2026-01-06\n"
        + KNOWN
        + "\n> [!lesson]\n> A note.\n"
    },
    "lesson-without-letters": {
        "posts/2026-01-11-k.md": "Title: K\nDate: 2026-01-11\n"
        "Lessons: Prepare targeted questions; !!!\n\nX.\n"
    },
    "lesson-too-long": {
        "posts/2026-01-12-l.md": "Title: L\nDate: 2026-01-12\n"
        "Lessons: Prepare targeted questions; " + "word " * 60 + "\n\nX.\n"
    },
    "series-too-long": {
        "posts/2026-01-13-m.md": "Title: M\nDate: 2026-01-13\n"
        + KNOWN
        + "Series: "
        + "part " * 60
        + "\n\nX.\n"
    },
    "malformed-vocabulary": {"lessons.yml": VOCABULARY + "  colour: blue\n"},
    "near-miss": {
        "posts/2026-01-03-c.md": "Title: C\nDate: 2026-01-03\n"
        "Lessons: Prepare targeted question\n\nText.\n"
    },
    "ad-hoc-lesson": {
        "posts/2026-01-02-b.md": "Title: B\nDate: 2026-01-02\n"
        "Lessons: Budget for the unexpected\n\nText.\n"
    },
    "placeholder": {
        "posts/2026-01-01-a.md": "Title: A\nDate: 2026-01-01\n"
        + KNOWN
        + "Who: Their first name, and what they do\n\nMy own words.\n"
    },
    "nested-callout": {
        "posts/2026-01-08-h.md": "Title: H\nDate: 2026-01-08\n"
        + KNOWN
        + "\n- a list\n\n    > [!lesson] Prepare targeted questions\n    > Note.\n"
    },
    "toc-without-headings": {
        "posts/2026-01-22-x.md": "Title: X\nDate: 2026-01-22\n"
        + KNOWN
        + "\n[TOC]\n\n# A part\n\nText.\n"
    },
    "callout-in-raw-html": {
        "posts/2026-01-21-w.md": "Title: W\nDate: 2026-01-21\n"
        + KNOWN
        + "\n<div>\n> [!lesson] Prepare targeted questions\n</div>\n"
    },
    "incomplete-story": {
        "posts/2026-01-20-v.md": "Title: V\nDate: 2026-01-20\n"
        + KNOWN
        + "\n> [!story] The late shipment\n> Situation: A truck was late.\n"
        "> Action: I called the carrier.\n> Result: It came a day later.\n"
    },
    "empty-lessons-item": {
        "posts/2026-01-09-i.md": "Title: I\nDate: 2026-01-09\n"
        "Lessons: Prepare targeted questions;;\n\nX.\n"
    },
    "no-lessons": {
        "posts/2026-01-04-d.md": "Title: D\nDate: 2026-01-04\n\nAn imported post.\n"
    },
    "private-lessons-field": {
        "posts/2026-01-27-zc.md": "Title: ZC\nDate: 2026-01-27\n"
        "Lessons: Prepare targeted questions; Salary talk [!private]\n\n"
        "> [!lesson] Prepare targeted questions\n> Read their profile first.\n"
    },
    "undrawable-card-text": {
        "posts/2026-01-26-zb.md": "Title: 面接の練習\nDate: 2026-01-26\n"
        + KNOWN
        + "\nA post whose title the preview image's font cannot draw.\n"
    },
    "near-duplicate-lessons": {
        "lessons.yml": VOCABULARY
        + "prepare-a-targeted-question:\n  title: Prepare a targeted question\n"
    },
    "control-character": {
        "posts/2026-01-13-m.md": "Title: M\nDate: 2026-01-13\n"
        + KNOWN
        + "\nA bell\x07 rang.\n"
    },
    "misspelt-private-marker": {
        "posts/2026-01-14-n.md": "Title: N\nDate: 2026-01-14\n"
        + KNOWN
        + "\n> [! private] Zqxsecret.\n"
    },
    "private-marker-not-hidden": {
        "posts/2026-01-20-v.md": "Title: V\nDate: 2026-01-20\n"
        + KNOWN
        + "\nThe ABC is public.\n\n*[ABC]: [!private] Zqxsecret\n"
    },
    "private-marker-in-static-file": {
        "images/notes.txt": "Agenda\n[!private] Zqxsecret.\n",
    },
    "unreadable-static-image": {
        "images/broken.jpg": b"\xff\xd8\xff\xe0 an image cut short",
    },
    "script-in-static-svg": {
        "images/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="go()"/>',
    },
    "unreadable-static-file": {
        "images/notes.zip": b"PK\x03\x04 a zip cut short",
    },
    "too-many-lessons": {
        "posts/2026-01-21-w.md": "Title: W\nDate: 2026-01-21\nLessons: "
        + "; ".join(f"Lesson number {n}" for n in range(31))
        + "\n\nText.\n"
    },
    "unsluggable-name": {
        "posts/2026-01-22-x.md": "Title: X\nDate: 2026-01-22\nTags: \U0001f642\n"
        + KNOWN
        + "\nText.\n"
    },
    "unsluggable-title": {
        "posts/2026-01-22-party.md": "Title: \U0001f642\U0001f389\n"
        "Date: 2026-01-22\n" + KNOWN + "\nText.\n"
    },
    "costly-markup": {
        "posts/2026-01-25-z.md": "Title: Z\nDate: 2026-01-25\n"
        + KNOWN
        + "\n"
        + "a <b " * 2_000
        + "\n"
    },
    "invisible-name": {
        "posts/2026-01-24-blank-tag.md": "Title: Blank tag\nDate: 2026-01-24\n"
        "Tags: \u200b\n" + KNOWN + "\nText.\n"
    },
    "name-spelt-otherwise": {
        "posts/2026-01-23-spelt.md": "Title: Spelt twice\nDate: 2026-01-23\n"
        "Tags: Salary, salary\n" + KNOWN + "\nText.\n"
    },
    "indented-metadata": {
        "posts/2026-01-15-o.md": "Title: O\nDate: 2026-01-15\n"
        "\tCategory: Mock interviews\n" + KNOWN + "\nText.\n"
    },
    "bad-comment": {
        "comments/no-such-post/x.md": "Author: A\nDate: 2026-01-07 10:00\n\nHi.\n"
    },
    "comment-before-post": {
        "comments/clean/2025-12-30-early.md": "Author: E\nDate: 2025-12-30 10:00"
        "\n\nBefore the post.\n"
    },
    "costly-comment": {
        "comments/clean/2026-01-07-b.md": "Author: B\nDate: 2026-01-07 10:00\n\n"
        + "[" * 300
        + "\n"
    },
    "shared-slug": {
        "posts/2024-03-01-p.md": "Title: P\nSlug: same\nDate: 2024-03-01\n"
        + KNOWN
        + "\nOne.\n",
        "posts/2025-03-01-q.md": "Title: Q\nSlug: same\nDate: 2025-03-01\n"
        + KNOWN
        + "\nTwo.\n",
    },
    "outside-link": {"posts/2026-01-16-r.md": Path("outside.md")},
    "broken-link": {
        "posts/2026-01-26-bl.md": "Title: BL\nDate: 2026-01-26\n"
        + KNOWN
        + "\nSee [the clean one]({filename}2025-12-31-clean.md) and "
        "[the next]({filename}2026-13-01-nope.md).\n"
    },
    "link-outside-site": {  # the site is served from a folder: see SETTINGS_FOR
        "posts/2026-01-27-lo.md": "Title: LO\nDate: 2026-01-27\n"
        + KNOWN
        + "\n![A desk](/images/desk.png)\n",
        # There, so that a site served at its host's root (the one pipeline's
        # corpus) has no broken link: only the folder makes the link wrong.
        "images/desk.png": small_png(),
    },
    # With the vocabulary off every lesson is the writer's own, none ad hoc
    # (an error in a publish build): see SETTINGS_FOR.
    "merged-lesson-spelling": {
        "posts/2026-01-24-z.md": "Title: Z\nDate: 2026-01-24\n"
        "Lessons: Ask for intros\n\nOne.\n",
        "posts/2026-01-25-za.md": "Title: ZA\nDate: 2026-01-25\n"
        "Lessons: ask for Intros\n\nTwo.\n",
    },
    "sitemap-field": {
        "posts/2026-01-26-sf.md": "Title: SF\nDate: 2026-01-26\n"
        "Changefreq: sometimes\n" + KNOWN + "\nText.\n"
    },
    "series-index": {
        "posts/2026-01-17-s.md": "Title: S\nDate: 2026-01-17\nSeries: Check-ins\n"
        "Series_index: first\n" + KNOWN + "\nText.\n"
    },
    "bad-follow-up": {
        "posts/2026-01-20-v.md": "Title: V\nDate: 2026-01-20\nWho: Sam, a planner\n"
        "Follow-up: next week, call Sam\n" + KNOWN + "\nText.\n"
    },
    "date-before-conversation": {
        "posts/2026-01-19-u.md": "Title: U\nDate: 2026-01-19\nWho: Sam, a planner\n"
        "Follow-up: 2025-01-26 Call Sam\n" + KNOWN + "\nText.\n"
    },
    "bad-next-contact": {
        "posts/2026-01-21-w.md": "Title: W\nDate: 2026-01-21\nWho: Sam, a planner\n"
        "Next-contact: soonish\n" + KNOWN + "\nText.\n"
    },
    "near-miss-person": {
        "posts/2026-01-22-x.md": "Title: X\nDate: 2026-01-22\nWho: Ayesha, a PM\n"
        + KNOWN
        + "\nOne.\n",
        "posts/2026-01-23-y.md": "Title: Y\nDate: 2026-01-23\nWho: Colette\n"
        "Introduced-by: Aysha\n" + KNOWN + "\nTwo.\n",
    },
    "local-only-field-in-body": {
        "posts/2026-01-27-nx.rst": "NX\n==\n\n:date: 2026-01-27\n"
        ":lessons: Prepare targeted questions\n\nText.\n\n:follow-up: Zqxsecret\n"
    },
    "field-off-the-desk": {
        "posts/2026-01-27-nw.md": "Title: NW\nDate: 2026-01-27\n"
        "Next-contact: 3 months\n" + KNOWN + "\nText.\n"
    },
    "bad-reviews-file": {"reviews.yml": "no-such-lesson:\n  - 2026-01-01\n"},
    "unknown-setting": {},  # see SETTINGS_FILES
    "bad-setting": {},  # see SETTINGS_FOR
    "unsafe-destination": {
        "posts/2026-02-08-zg.md": "Title: ZG\nDate: 2026-02-08\nSlug: why?\n"
        + KNOWN
        + "\nText.\n"
    },
    # The site's HOME_ABOUT_PAGE, "about", is no page of this content.
    "missing-about-page": {},
    "invalid-lang": {
        "posts/2026-01-27-zc.md": "Title: Zc\nDate: 2026-01-27\nLang: english\n"
        + KNOWN
        + "\nA post whose Lang: names no language.\n"
    },
    "image-name-too-long": {
        "posts/2026-02-05-ze.md": "Title: ZE\nDate: 2026-02-05\nSlug: "
        + "-".join(["word"] * 30)
        + "\n"
        + KNOWN
        + "\nText.\n"
    },
    "comment-feed-name-too-long": {
        "posts/2026-02-06-zf.md": "Title: ZF\nDate: 2026-02-06\nSlug: "
        + "-".join(["word"] * 30)
        + "\n"
        + KNOWN
        + "\nText.\n",
        "comments/" + "-".join(["word"] * 30) + "/2026-02-07-a.md": "Author: A\n"
        "Date: 2026-02-07 10:00\n\nHi.\n",
    },
    "shared-image-file": {
        "posts/2025-02-09-zh.md": "Title: ZH\nDate: 2025-02-09\nSlug: one-image\n"
        + KNOWN
        + "\nOne.\n",
        "posts/2026-02-09-zi.md": "Title: ZI\nDate: 2026-02-09\nSlug: one-image\n"
        + KNOWN
        + "\nTwo.\n",
    },
    "template-mismatch": {
        "pages/zj.md": "Title: ZJ\nTemplate: article\n\nA page.\n",
    },
    # ARTICLE_URL names {nope}: see SETTINGS_FOR.
    "unfillable-path-setting": {},
    "unreadable-file": {
        "posts/2026-02-10-zk.rst": "ZK\n==\n\n:date: 2026-02-10\n\nSome `broken text.\n"
    },
    "series-clash": {
        "posts/2026-01-18-t.md": "Title: T\nDate: 2026-01-18\nSeries: Check ins\n"
        + KNOWN
        + "\nOne.\n",
        "posts/2026-01-19-u.md": "Title: U\nDate: 2026-01-19\nSeries: check-ins\n"
        + KNOWN
        + "\nTwo.\n",
    },
    "output-clash": {
        "posts/2026-02-01-za.md": "Title: ZA\nSlug: twin\nDate: 2026-02-01\n"
        + KNOWN
        + "\nOne.\n",
        "posts/2026-02-02-zb.md": "Title: ZB\nSlug: twin\nDate: 2026-02-01\n"
        + KNOWN
        + "\nTwo.\n",
    },
    "listing-clash": {
        "pages/archives.md": "Title: Archives\nSlug: archives\n\nA page.\n"
    },
    "unknown-template": {
        "posts/2026-02-03-zc.md": "Title: ZC\nDate: 2026-02-03\nTemplate: nope\n"
        + KNOWN
        + "\nText.\n"
    },
    "name-too-long": {
        "posts/2026-02-04-zd.md": "Title: ZD\nDate: 2026-02-04\nTags: "
        + "w" * 220
        + "\n"
        + KNOWN
        + "\nText.\n"
    },
}


#: rule name -> the settings its fixture is built and linted with.
SETTINGS_FOR: dict[str, dict[str, object]] = {
    "merged-lesson-spelling": {"REFLECTIONS_VOCABULARY": None},
    "image-name-too-long": {
        "SOCIAL_IMAGE_SAVE_AS": "{date:%Y}/{slug}/{slug}-{slug}.png"
    },
    "comment-feed-name-too-long": {
        "COMMENT_FEED_ATOM": "feeds/comments/{slug}-{slug}.atom.xml"
    },
    "shared-image-file": {"SOCIAL_IMAGE_SAVE_AS": "images/{slug}.png"},
    "unfillable-path-setting": {"ARTICLE_URL": "{nope}/"},
    "bad-setting": {"REFLECTIONS_MAX_LESSONS": "x"},
    # A site served from a folder; an absolute SITEURL would make every
    # build a published one (sitekit.localonly).
    "link-outside-site": {"SITEURL": "/blog"},
}

#: rule name -> a settings file, loaded beside the site's, whose settings
#: break it: a setting's problem is told at the file and line that set it.
SETTINGS_FILES: dict[str, str] = {
    "unknown-setting": "REFLECTIONS_MAX_LESONS = 3\n",
}


def the_sites_rules() -> dict[str, tuple[str, str]]:
    """name -> (local, publish) of every rule the sample site's plugins declare."""
    site = load_site(ROOT)
    return {
        rule.name: (rule.local, rule.publish)
        for plugin in site.plugins
        for rule in plugin.rules
    }


def make_content(folder: Path, rule: str) -> Path:
    """A finished post, lessons.yml, and the files that break ``rule``."""
    content = folder / "content"
    (content / "posts").mkdir(parents=True)
    (content / "lessons.yml").write_text(VOCABULARY)
    (content / "posts" / "2025-12-31-clean.md").write_text(CLEAN_POST)
    for name, text in FIXTURES[rule].items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, Path):  # a symbolic link to a file outside
            target = folder / text
            target.write_text("Title: Outside\nDate: 2026-01-16\n\nZqxsecret.\n")
            path.symlink_to(target)
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
    return content


def settings_file(folder: Path, rule: str, monkeypatch) -> dict[str, object]:
    """The settings of ``rule``'s settings file (``SETTINGS_FILES``), loaded
    as a module for the test's length, as Pelican loads a settings file."""
    if rule not in SETTINGS_FILES:
        return {}
    path = folder / "rule_settings.py"
    path.write_text(SETTINGS_FILES[rule])
    spec = importlib.util.spec_from_file_location("rule_settings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "rule_settings", module)
    return {name: value for name, value in vars(module).items() if name.isupper()}


@dataclass(frozen=True)
class Build:
    passed: bool
    said: dict[str, str]  # "path:line: message" -> level logged


def build(content: Path, conf: str, caplog, **settings) -> Build:
    """Build as `make html` (or `make publish`) does, in this process, with
    ``settings`` over the settings file's."""
    caplog.clear()
    try:
        with caplog.at_level(logging.WARNING):
            build_site(
                content.parent / f"output-{conf}",
                conf=conf,
                content=content,
                **settings,
            )
    except (SiteError, RuntimeError, PelicanTemplateNotFound, TemplateError, OSError):
        failed = True
    else:
        failed = False
    levels = {logging.ERROR: "error", logging.WARNING: "warning"}
    said = {r.getMessage(): levels.get(r.levelno, "error") for r in caplog.records}
    failed = failed or any(r.levelno >= logging.ERROR for r in caplog.records)
    return Build(not failed, said)


#: Rules that guard a step which fails on its own: Pelican's writer refuses
#: a second file for one path, a page with a template the theme lacks, or
#: one made for another kind of page, cannot be drawn, a file system
#: refuses a name too long, Pelican cannot read a file its reader fails on
#: or one whose address its settings cannot make (it says it could not
#: process it, an error), a build cannot start with a setting whose value
#: cannot work. At a warning the line says so at its level, and the build
#: stops at that step all the same; at their table's level (error) they
#: stop it first, naming the source.
STOPPED_LATER_ANYWAY = {
    "output-clash",
    "listing-clash",
    "unknown-template",
    "image-name-too-long",
    "comment-feed-name-too-long",
    "template-mismatch",
    "unfillable-path-setting",
    "unreadable-file",
    "bad-setting",
}

#: Rules ``lint`` reports no diagnostic of: only a build can tell a
#: ``Template:`` that cannot show its page (``sourceguard.templatefit``:
#: what every plugin hands the theme as the build writes); a setting whose
#: value cannot work stops ``reflect`` as it loads the site, before it
#: lints, with one line ending with the rule (test_rule_table_coverage.py).
BUILD_ONLY = {"template-mismatch", "bad-setting"}


def local_only_rules() -> set[str]:
    """The desk's rules: they check local-only fields, which a publish
    build never reads (``sitekit.localonly``)."""
    return {rule.name for rule in load_site(ROOT).plugin("desk").rules}


def rules_with_a_strict_setting() -> set[str]:
    """The rules of plugins with a setting that puts them at their publish
    level (``REFLECTIONS_STRICT``...), which publishconf.py turns on."""
    return {
        rule.name
        for plugin in load_site(ROOT).plugins
        if plugin.strict_setting
        for rule in plugin.rules
    }


def test_every_rule_of_the_site_has_a_fixture():
    assert set(FIXTURES) == set(the_sites_rules())


@pytest.mark.parametrize("rule", sorted(FIXTURES))
def test_the_build_and_lint_report_a_rule_at_the_levels_the_table_gives(
    tmp_path, monkeypatch, caplog, rule
):
    content = make_content(tmp_path, rule)
    settings = {
        **SETTINGS_FOR.get(rule, {}),
        **settings_file(tmp_path, rule, monkeypatch),
    }
    site = load_site(ROOT, content)  # imports the plugins, which declare rules
    # Levels unlike the table's, and unlike each other: local first flipped.
    flipped = "warning" if DECLARED[rule].local == "error" else "error"
    changed = replace(DECLARED[rule], local=flipped, publish=DECLARED[rule].local)
    monkeypatch.setitem(DECLARED, rule, changed)
    site.settings.update(settings)

    # A plugin without a strict setting has its rules at their local level
    # in every build (the presentation plugin's).
    published = changed.publish if rule in rules_with_a_strict_setting() else flipped
    for conf, strict, level in (
        ("pelicanconf.py", False, changed.local),
        ("publishconf.py", True, published),
    ):
        report = lint(site, strict=strict)
        found = [d for d in report.diagnostics if d.rule == rule]
        if rule in BUILD_ONLY:
            assert not found, report.as_text()
            built = build(content, conf, caplog, **settings)
            assert not built.passed, built.said
            said = [line for line in built.said if line.endswith(f" [{rule}]")]
            assert said and {built.said[line] for line in said} == {level}, said
            continue
        assert found, report.as_text()
        assert {d.level for d in found} == {level}, report.as_text()
        assert (report.errors == 0) == (level == "warning"), report.as_text()
        # Each line names its rule once, at its end, as the build's does.
        for diagnostic in found:
            line = diagnostic.render()
            assert line.endswith(f" [{rule}]") and line.count(f"[{rule}]") == 1, line

        built = build(content, conf, caplog, **settings)
        if strict and rule in local_only_rules():
            # The fields are left out as the file is read: nothing to check.
            assert built.passed, built.said
            assert not any(d.location_message() in built.said for d in found)
            continue
        if rule in STOPPED_LATER_ANYWAY:
            assert not built.passed, built.said
        else:
            assert built.passed == (level == "warning"), built.said
        for diagnostic in found:
            assert built.said.get(diagnostic.location_message()) == level, built.said


# --- The documentation's table ------------------------------------------------

_ROW = re.compile(
    r"^\| `([a-z0-9-]+)` \| [^|]+ \| (error|warning) \| (error|warning) \|$", re.M
)


def documented_rules() -> dict[str, tuple[str, str]]:
    """The rows of the rule table, wherever the documentation keeps it
    (README.md or a page of docs/)."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    holding = [page for page in pages if _ROW.search(page.read_text("utf-8"))]
    assert len(holding) == 1, f"the rule table should be on one page: {holding}"
    rows = _ROW.findall(holding[0].read_text("utf-8"))
    return {name: (local, publish) for name, local, publish in rows}


def test_the_documentation_lists_every_rule_at_its_levels():
    assert documented_rules() == the_sites_rules()
