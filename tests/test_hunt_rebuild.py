"""A rebuild from the caches equals a cold build, after any edit a writer
makes between builds: files renamed, moved, deleted; the lesson
vocabulary, comments, images, settings, the theme, translations, a post's
date, slug and status; a file touched; the time zone the build runs in.

Each case restores a small site as its first build left it (its caches
beside it), makes one edit, rebuilds with those caches and cold-builds into
fresh folders (``rebuildcheck``): the two must write the same bytes, exit
alike and say the same warnings. Local builds run with fastbuild (and its
workers), published ones without it, so both ways of building are covered.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from rebuildcheck import SmallSite, edit, first_built, move, restore, square

BUYER = "2026-02-01-a-call-with-a-buyer.md"
PLANNER = "2026-03-05-lunch-with-a-planner.md"
WALK = "2026-04-10-a-walk-with-a-former-manager.md"
TRANSLATION = "2026-02-01-a-call-with-a-buyer-fr.md"


def post(site: SmallSite, name: str) -> Path:
    return site.content / "posts" / name


def rename_a_post(site: SmallSite) -> None:
    move(post(site, WALK), post(site, "2026-04-10-walk.md"))


def move_a_post_to_a_subfolder(site: SmallSite) -> None:
    move(post(site, PLANNER), site.content / "posts" / "2026" / PLANNER)


def delete_a_post(site: SmallSite) -> None:
    post(site, WALK).unlink()


def rename_a_lesson(site: SmallSite) -> None:
    edit(site.content / "lessons.yml", "ask-for-the-numbers:", "ask-for-figures:")


def retitle_a_lesson(site: SmallSite) -> None:
    edit(
        site.content / "lessons.yml",
        "title: Write it down the same day",
        "title: Write it down that day\n  aliases:\n    - Write it down the same day",
    )


def make_a_lesson_private(site: SmallSite) -> None:
    edit(
        post(site, PLANNER),
        "> [!lesson] Follow the work",
        "> [!lesson] [!private] Follow the work",
    )


def edit_a_comment(site: SmallSite) -> None:
    comment = site.content / "comments" / "a-call-with-a-buyer" / "2026-02-02-ola.md"
    edit(comment, "a good habit", "a habit worth keeping")


def delete_a_reply(site: SmallSite) -> None:
    (site.content / "comments" / "a-call-with-a-buyer" / "2026-02-03-ines.md").unlink()


def new_bytes_for_an_image(site: SmallSite) -> None:
    wider = Image.new("RGB", (30, 12), "blue")
    wider.save(site.content / "images" / "square.png", "PNG")


def same_image_under_a_new_name(site: SmallSite) -> None:
    images = site.content / "images"
    (images / "square.png").replace(images / "box.png")
    edit(post(site, BUYER), "/images/square.png", "/images/box.png")


def copy_an_image(site: SmallSite) -> None:
    (site.content / "images" / "copy.png").write_bytes(square("red"))


def rename_a_stylesheet_to_text(site: SmallSite) -> None:
    """Its ``[private]`` selector reads as a marker in a text file, so a
    published build stops: a rebuild once published it, reusing what was
    found in the same bytes named ``.css``."""
    images = site.content / "images"
    (images / "plan.css").replace(images / "plan.txt")


def change_a_setting(site: SmallSite) -> None:
    edit(
        site.root / "pelicanconf.py",
        'DEFAULT_DATE_FORMAT = "%B %-d, %Y"',
        'DEFAULT_DATE_FORMAT = "%d %B %Y"',
    )


def change_a_module_the_settings_import(site: SmallSite) -> None:
    edit(site.helper, "Notes after", "Pages after")


def change_a_template(site: SmallSite) -> None:
    edit(
        site.theme / "templates" / "article.html",
        "{% block content %}",
        "{% block content %}<p>Read slowly.</p>",
    )


def change_the_stylesheet(site: SmallSite) -> None:
    stylesheet = site.theme / "static" / "css" / "site.css"
    stylesheet.write_text(
        stylesheet.read_text(encoding="utf-8") + "\n.quiet { color: grey; }\n",
        encoding="utf-8",
    )


def edit_a_translation(site: SmallSite) -> None:
    edit(post(site, TRANSLATION), "Title: Un appel", "Title: Un coup de fil")


def change_a_date(site: SmallSite) -> None:
    edit(post(site, WALK), "Date: 2026-04-10 17:15", "Date: 2026-01-10 17:15")


def change_a_slug(site: SmallSite) -> None:
    edit(post(site, WALK), "Slug: a-walk-with-a-former-manager", "Slug: a-walk")


def make_a_post_a_draft(site: SmallSite) -> None:
    edit(post(site, PLANNER), "Slug:", "Status: draft\nSlug:")


def touch_a_post(site: SmallSite) -> None:
    path = post(site, WALK)
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**10))


def move_to_another_time_zone(site: SmallSite) -> None:
    site.env["TZ"] = "Pacific/Kiritimati"


# Edits that touch different files share a rebuild, two at a time, so the
# file stays quick; a failing case names both.
Edit = Callable[[SmallSite], None]
LOCAL: list[tuple[Edit, ...]] = [
    (rename_a_post, move_a_post_to_a_subfolder),
    (rename_a_lesson, make_a_lesson_private),
    (edit_a_comment, edit_a_translation),
    (new_bytes_for_an_image, change_a_template),
    (change_a_module_the_settings_import, change_a_slug),
    (touch_a_post, move_to_another_time_zone),
]
PUBLISHED: list[tuple[Edit, ...]] = [
    (delete_a_post, retitle_a_lesson),
    (delete_a_reply, same_image_under_a_new_name),
    (copy_an_image, change_the_stylesheet),
    (change_a_setting, change_a_date),
    (make_a_post_a_draft,),
    (rename_a_stylesheet_to_text,),
]


def named(edits: tuple[Edit, ...]) -> str:
    return "+".join(change.__name__ for change in edits)


@pytest.fixture(scope="module")
def local_site(tmp_path_factory) -> Path:
    return first_built(tmp_path_factory.mktemp("local"), "local.py")


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    return first_built(tmp_path_factory.mktemp("published"), "publish.py")


@pytest.mark.parametrize("edits", LOCAL, ids=named)
def test_a_local_rebuild_after_an_edit_equals_a_cold_build(local_site, edits):
    site = restore(local_site)
    for change in edits:
        change(site)
    assert site.rebuild_and_cold_build("local.py") == []


@pytest.mark.parametrize("edits", PUBLISHED, ids=named)
def test_a_published_rebuild_after_an_edit_equals_a_cold_build(published_site, edits):
    site = restore(published_site)
    for change in edits:
        change(site)
    assert site.rebuild_and_cold_build("publish.py") == []


def test_a_damaged_kept_published_image_is_written_again(published_site):
    """The only difference a rebuild may show is its one warning."""
    site = restore(published_site)
    (kept,) = (site.root / "cache" / "published-images").iterdir()
    kept.write_bytes(kept.read_bytes()[:40])
    found = site.rebuild_and_cold_build("publish.py")
    assert len(found) == 1 and "a kept published image is damaged" in found[0]


# Code the settings name by a module's name, not a value: a plugin that is
# one module in PLUGIN_PATHS, and a Markdown extension of the project's own.

LOUD_PLUGIN = """\
from pelican import signals


def add(readers):
    base = readers.reader_classes["md"]

    class Loud(base):
        def read(self, path):
            content, metadata = super().read(path)
            return content.replace("<p ", '<p class="loud" '), metadata

    readers.reader_classes["md"] = Loud


def register():
    signals.readers_init.connect(add)
"""

NOTE_EXTENSION = """\
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class Note(Treeprocessor):
    def run(self, root):
        for quote in root.iter("p"):
            quote.set("data-kind", "note")


class NoteExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Note(md), "note", 1)


def makeExtension(**kwargs):
    return NoteExtension(**kwargs)
"""


@pytest.fixture(scope="module")
def site_with_code_of_its_own(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("own-code")
    site = SmallSite(folder / "site").write()
    (site.root / "own").mkdir()
    (site.root / "own" / "loud.py").write_text(LOUD_PLUGIN, encoding="utf-8")
    (site.root / "notes.py").write_text(NOTE_EXTENSION, encoding="utf-8")
    with (site.root / "local.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(site.root / 'own')!r}]\n"
            "PLUGINS = PLUGINS + ['loud']\n"
            "MARKDOWN = {**MARKDOWN, 'extension_configs': "
            "{**MARKDOWN['extension_configs'], 'notes:NoteExtension': {}}}\n"
        )
    site.build("first", "local.py", "cache")
    page = (
        site.root / "first" / "2026" / "lunch-with-a-planner" / "index.html"
    ).read_text()
    assert 'class="loud"' in page and 'data-kind="note"' in page
    shutil.copytree(site.root, folder / "kept", symlinks=True)
    return folder


def test_a_fix_in_a_plugin_that_is_one_module_is_rebuilt(site_with_code_of_its_own):
    site = restore(site_with_code_of_its_own)
    edit(site.root / "own" / "loud.py", '"loud"', '"spoken"')
    assert site.rebuild_and_cold_build("local.py") == []
    page = site.root / "rebuilt" / "2026" / "lunch-with-a-planner" / "index.html"
    assert 'class="spoken"' in page.read_text(encoding="utf-8")


def test_a_fix_in_a_markdown_extension_named_by_its_module_is_rebuilt(
    site_with_code_of_its_own,
):
    site = restore(site_with_code_of_its_own)
    edit(site.root / "notes.py", '"note")\n', '"aside")\n')
    assert site.rebuild_and_cold_build("local.py") == []
    page = site.root / "rebuilt" / "2026" / "lunch-with-a-planner" / "index.html"
    assert 'data-kind="aside"' in page.read_text(encoding="utf-8")
