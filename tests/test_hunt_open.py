"""Defects found hunting in open pages, crawlers and people: each test
builds or edits a site the way a user does and fails without its fix."""

from __future__ import annotations

import re

import pytest
from deskblog import run
from sitebuild import (
    copy_project,
    lint_in_process,
    read,
    the_line_a_stopped_build_said,
)
from test_input_hunt import pelican_build
from test_reflect_desk import AYESHA, COLETTE, every_byte

import reflect.desk_commands
from crawlers.robots import url_folder
from reflect.people_rename import plan_rename

AYESHA_FR = "content/posts/2025-10-06-peer-product-manager-fr.md"
TRANSLATION = """\
Title: Même ancienneté, des mardis tout autres
Slug: peer-product-manager
Lang: fr
Date: 2025-10-06 10:00
Category: Informational interviews
Who: Ayesha, cheffe de produit dans un éditeur de logiciels
Lessons: Prepare targeted questions

Nous avons commencé la même année.
"""


# --- people rename: a translation names the person too ----------------------


def test_rename_renames_the_person_in_a_translation_of_their_post(blog, capsys):
    """A translation's Who: is shown on its page: renaming the person in
    the original alone left the French page with the old spelling."""
    translation = blog / AYESHA_FR
    translation.write_text(TRANSLATION, encoding="utf-8")

    status, out, err = run(capsys, "people", "rename", "Ayesha", "Ayesha K.")

    assert status == 0, err
    assert "Who: Ayesha K., cheffe de produit" in translation.read_text("utf-8")
    assert "2025-10-06-peer-product-manager-fr.md: renamed on line(s) 6" in out


# --- people rename: a post saved meanwhile is not overwritten ------------------


def test_rename_leaves_a_post_saved_after_it_was_read(blog, capsys, monkeypatch):
    """The edit is made from the text read; a post saved in an editor
    between that read and the write kept the rename and lost the save."""
    colette = blog / COLETTE

    def plan_then_save(*arguments):
        plan = plan_rename(*arguments)
        with colette.open("a", encoding="utf-8") as post:
            post.write("\nA paragraph saved meanwhile.\n")
        return plan

    monkeypatch.setattr(reflect.desk_commands, "plan_rename", plan_then_save)
    before = every_byte(blog)

    status, _, err = run(capsys, "people", "rename", "Ayesha", "Ayesha K.")

    assert status == 1
    assert "changed since it was read" in err
    assert "no post was renamed" in err
    after = every_byte(blog)
    assert after[COLETTE].endswith(b"A paragraph saved meanwhile.\n")
    assert b"Ayesha K." not in after[COLETTE]
    # one person, one spelling: the other post is not renamed alone
    assert after[AYESHA] == before[AYESHA]


def test_a_post_saved_between_the_check_and_the_write_is_left(
    blog,
    capsys,
    monkeypatch,
):
    """The same guard at the swap itself: the last moment it can be seen."""
    colette = blog / COLETTE
    replace_text = reflect.desk_commands.replace_text

    def save_then_replace(path, text, **keywords):
        if path.name == colette.name:
            with colette.open("a", encoding="utf-8") as post:
                post.write("\nSaved at the last moment.\n")
        replace_text(path, text, **keywords)

    monkeypatch.setattr(reflect.desk_commands, "replace_text", save_then_replace)

    status, _, err = run(capsys, "people", "rename", "Ayesha", "Ayesha K.")

    assert status == 1
    assert "changed since it was read" in err
    text = colette.read_text("utf-8")
    assert text.endswith("Saved at the last moment.\n")
    assert "Ayesha K." not in text


# --- people rename: a field's indented lines are part of it ---------------------


def test_rename_reaches_a_name_on_an_introduction_s_second_line(blog, capsys):
    """`Introduced:` wrapped over two lines names both people to the desk;
    the rename changed the first line's names only, said it had renamed
    the post, and left the second spelling on the desk."""
    post = blog / AYESHA
    text = post.read_text("utf-8")
    post.write_text(
        text.replace(
            "Introduced: Colette, head of product operations at her company\n",
            "Introduced: Colette, head of product operations at her company;\n"
            "    Marcus, who sat two desks from me\n",
        ),
        encoding="utf-8",
    )

    status, out, err = run(capsys, "people", "rename", "Marcus", "Marc")

    assert status == 0, err
    lines = post.read_text("utf-8").split("\n")
    assert lines[12] == "Introduced-by: Marc, a former coworker who is now on her team"
    assert lines[14] == "    Marc, who sat two desks from me"
    assert "renamed on line(s) 13, 15" in out


def test_rename_reaches_a_who_on_the_line_under_the_field(blog, capsys):
    post = blog / "content" / "posts" / "2026-05-06-zelda.md"
    post.write_text(
        "Title: Z\nDate: 2026-05-06\nWho:\n\t Zelda, a planner\n\nText.\n",
        encoding="utf-8",
    )

    status, _, err = run(capsys, "people", "rename", "Zelda", "Zora")

    assert status == 0, err
    assert post.read_text("utf-8") == (
        "Title: Z\nDate: 2026-05-06\nWho:\n\t Zora, a planner\n\nText.\n"
    )


def test_rename_never_renames_part_of_a_name_broken_across_lines(blog, capsys):
    """`Who: Ayesha` with `    Malik, …` under it is Ayesha Malik to the
    desk, another person: renaming Ayesha made her `Aisha Malik`."""
    post = blog / "content" / "posts" / "2026-05-06-malik.md"
    text = (
        "Title: M\nDate: 2026-05-06\nWho: Ayesha\n    Malik, a recruiter\n"
        "Introduced-by: Ayesha\n\nText.\n"
    )
    post.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "people", "rename", "Ayesha", "Aisha")

    assert status == 0, err
    assert post.read_text("utf-8") == text.replace(
        "Introduced-by: Ayesha", "Introduced-by: Aisha"
    )
    assert "Who: Aisha" in (blog / AYESHA).read_text("utf-8")


# --- SITEMAP: checked when the build starts, not when the sitemap is written ----


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ('"xml"', "must be dict, not str"),
        ('{"format": "html"}', "'format' is 'xml' or 'txt'"),
        ('{"exclude": r"^404\\.html$"}', "'exclude' is a list"),
        ('{"exclude": ["(drafts"]}', "'(drafts': missing )"),
        ('{"priorities": {"articles": "high"}}', "(articles: 'high')"),
        ('{"priorities": {"articles": 1.5}}', "a number from 0.0 to 1.0"),
        ('{"changefreqs": {"pages": "sometimes"}}', "(pages: 'sometimes')"),
        ('{"changefreq": {"pages": "daily"}}', "('changefreq' is none)"),
    ],
)
def test_a_sitemap_setting_that_cannot_work_stops_every_build_at_its_line(
    tmp_path, value, named
):
    """pelican-sitemap looks at SITEMAP only as a publish build ends: a
    traceback then (a text, a bad pattern, priorities of text), or a
    sitemap that is wrong (`format: html` wrote a text list as
    sitemap.html; `exclude` as one text left out every address holding
    one of its characters); a local build never said a word."""
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8") + f"\nSITEMAP = {value}\n"
    settings.write_text(text, encoding="utf-8")
    line = text.count("\n")

    said = the_line_a_stopped_build_said(
        pelican_build(site, tmp_path / "out"), "SITEMAP"
    )
    lint = lint_in_process("lint", cwd=site)

    assert f"pelicanconf.py:{line}: " in said and named in said, said
    assert " [bad-setting]" in said
    assert lint.returncode != 0 and f"pelicanconf.py:{line}: " in lint.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_priority_written_as_a_whole_number_is_the_sitemap_s(tmp_path):
    """pelican-sitemap asks for a float and logged an error for `1`, which
    stopped `make publish` (`--fatal errors`) once the whole site was
    written; the protocol's priority is any number from 0 to 1."""
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '\nSITEMAP = {"priorities": {"articles": 1, "indexes": 0}}\n',
        encoding="utf-8",
    )

    ran = pelican_build(site, tmp_path / "out", conf="publishconf.py")

    assert ran.returncode == 0, ran.stdout + ran.stderr
    sitemap = read(tmp_path / "out" / "sitemap.xml")
    post = "https://reflections.example.org/2025/two-levels-up/"
    home = "https://reflections.example.org/"
    priorities = dict(
        re.findall(r"<loc>([^<]*)</loc>.*?<priority>([^<]*)<", sitemap, re.S)
    )
    assert priorities[post] == "1.0"
    assert priorities[home] == "0.0"


# --- a post's own sitemap fields: told at their line, left out of the sitemap ----


def test_a_post_s_sitemap_fields_that_cannot_work_are_told_at_their_line(tmp_path):
    """`Priority: high` was a traceback as a publish build ended (naming no
    file, and stopping it), `Priority: 7` went into the sitemap as 7.0,
    which the protocol does not allow, and `Changefreq: sometimes` was an
    error naming no file."""
    site = copy_project(tmp_path / "site")
    post = site / "content" / "posts" / "2025-09-14-two-levels-up.md"
    text = post.read_text("utf-8")
    post.write_text(
        text.replace("Slug: two-levels-up\n", "Slug: two-levels-up\nPriority: high\n"),
        encoding="utf-8",
    )
    page = next((site / "content" / "pages").glob("*.md"))
    lines = page.read_text("utf-8").split("\n")
    page.write_text(
        "\n".join([lines[0], "Priority: 7", "Changefreq: sometimes", *lines[1:]]),
        encoding="utf-8",
    )

    ran = pelican_build(site, tmp_path / "out", conf="publishconf.py")

    said = ran.stdout + ran.stderr
    assert ran.returncode == 0 and "Traceback" not in said, said
    assert "2025-09-14-two-levels-up.md:3: Priority: 'high' is not a number" in said
    assert f"{page.name}:2: Priority: '7' is not a number from 0.0 to 1.0" in said
    assert f"{page.name}:3: Changefreq: 'sometimes' is not one of" in said
    sitemap = read(tmp_path / "out" / "sitemap.xml")
    priorities = set(re.findall(r"<priority>([^<]*)<", sitemap))
    assert priorities == {"0.5"}
    assert "sometimes" not in sitemap


# --- robots.txt: a draft folder after a placeholder is kept from crawlers -------


# (A draft folder after a placeholder, `{lang}/drafts/{slug}/`, built: in
# tests/test_sitemap.py, beside the folder of its own.)


def test_a_draft_url_with_no_fixed_folder_disallows_nothing_rather_than_all():
    assert url_folder("{date:%Y}/{slug}-draft/") is None
    assert url_folder("{lang}/drafts/{date:%Y}/{slug}/") == "*/drafts/"
    assert url_folder("drafts/pages/{slug}.html") == "drafts/pages/"


# --- people rename: a blank OLD names no one -------------------------------------


@pytest.mark.parametrize("old", ["", " ", "\u200b"])
def test_rename_of_a_blank_name_is_refused_and_names_no_post(blog, capsys, old):
    """A blank OLD matched every post whose Who: names no one, each said to
    name '' "broken across two lines"."""
    (blog / "content" / "posts" / "2026-05-08-nobody.md").write_text(
        "Title: Nobody\nDate: 2026-05-08\n\nText.\n", encoding="utf-8"
    )
    before = every_byte(blog)

    status, _, err = run(capsys, "people", "rename", old, "Bob")

    assert status == 1
    assert err.strip() == (
        f"reflect people rename: {old!r} names no one: give the name as a post "
        "spells it in Who:, Introduced-by: or Introduced:"
    )
    assert every_byte(blog) == before
