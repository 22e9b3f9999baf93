"""A rebuild with the content cache on writes only the files an edit changed.

Pages and feeds are kept under CACHE_PATH (reflections-pages/) and linked
back into the output when nothing they show has changed. Whatever the edit,
the rebuilt site is byte for byte the site a cold build makes.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pelican
import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader
from sitebuild import ROOT, build_site, copy_content, read
from test_speedups import differences

import feeds.writer
from reflections import pagecache
from reflections.fingerprint import (
    describe,
    fingerprint,
    post_card,
    post_data,
    templates_show_other_bodies,
)
from reflections.model import LessonCallout, LessonMention

SITE = "https://example.org/blog"
# A post with lesson callouts, whose lines move when a paragraph is added.
POST = Path("posts", "2025-09-14-two-levels-up.md")
PAGE = Path("2025", "two-levels-up", "index.html")
NEIGHBOUR = Path("2025", "peer-product-manager", "index.html")


class Builds:
    """Builds of one content folder that share one cache, each into its own
    output folder, with what each one rendered and what it reused."""

    def __init__(self, tmp_path: Path, caplog, **settings):
        self.tmp_path = tmp_path
        self.content = copy_content(tmp_path / "content")
        self.caplog = caplog
        self.settings = settings
        self.count = 0

    def build(self, cache: str = "cache", into: Path | None = None, **settings) -> Path:
        """A build into a new output folder, or ``into`` one built before."""
        self.count += 1
        output = into or self.tmp_path / f"output-{self.count}"
        self.caplog.clear()
        with self.caplog.at_level(logging.INFO):
            build_site(
                output,
                conf="publishconf.py",
                content=self.content,
                SITEURL=SITE,
                CACHE_PATH=str(self.tmp_path / cache),
                LOAD_CONTENT_CACHE=True,
                **{**self.settings, **settings},
            )
        return output

    def edit_post(self, old: str, new: str) -> None:
        """Change the first ``old`` in the post with callouts to ``new``."""
        post = self.content / POST
        post.write_text(read(post).replace(old, new, 1))

    def cold(self) -> Path:
        """A build with an empty cache, to compare with."""
        return self.build(cache=f"empty-{self.count}")

    def written(self, output: Path, reused: bool) -> set[Path]:
        marker = "(unchanged, from the page cache)"
        paths = set()
        for record in self.caplog.records:
            message = record.getMessage()
            if message.startswith("Writing ") and (marker in message) == reused:
                path = Path(message.split('"')[1])
                paths.add(path.relative_to(output))
        return {path for path in paths if path.suffix in PAGES_AND_FEEDS}

    def rendered(self, output: Path) -> set[Path]:
        return self.written(output, reused=False)

    def reused(self, output: Path) -> set[Path]:
        return self.written(output, reused=True)


@pytest.fixture
def builds(tmp_path, caplog):
    return Builds(tmp_path, caplog)


#: What goes through Pelican's writer; JSON files are always written anew.
PAGES_AND_FEEDS = {".html", ".xml"}


def pages_and_feeds(output: Path) -> set[Path]:
    return {
        path.relative_to(output)
        for path in output.rglob("*")
        if path.suffix in PAGES_AND_FEEDS and "theme" not in path.parts
    }


def test_an_unchanged_rebuild_renders_nothing_and_matches_the_first_build(builds):
    builds.build()
    rebuilt = builds.build()
    assert builds.rendered(rebuilt) == set()
    assert builds.reused(rebuilt) == pages_and_feeds(rebuilt)
    # Against a build of its own: the two above share their files.
    assert differences(builds.cold(), rebuilt) == []


def test_editing_a_posts_body_renders_only_the_files_that_show_the_post(builds):
    builds.build()
    builds.edit_post("\n\n", "\n\nAn edited opening.\n\n")
    rebuilt = builds.build()
    rendered = builds.rendered(rebuilt)
    assert PAGE in rendered
    assert NEIGHBOUR not in rendered  # its link to the post shows only the title
    assert Path("feeds", "all.atom.xml") in rendered  # the feed carries the body
    assert Path("feeds", "comments.atom.xml") not in rendered
    assert Path("index.html") not in rendered  # lists show the summary only
    assert "An edited opening." in read(rebuilt / PAGE)
    assert differences(builds.cold(), rebuilt) == []


def test_a_theme_whose_lists_show_bodies_gets_its_lists_rendered_again(
    tmp_path, caplog
):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    macros = theme / "templates" / "_macros.html"
    macros.write_text(
        read(macros).replace("{{ article.summary }}", "{{ article.content }}")
    )
    builds = Builds(tmp_path, caplog, THEME=str(theme))
    builds.build()
    builds.edit_post("\n\n", "\n\nAn edited opening.\n\n")
    rebuilt = builds.build()
    assert Path("index.html") in builds.rendered(rebuilt)
    assert "An edited opening." in read(rebuilt / "index.html")
    assert differences(builds.cold(), rebuilt) == []


def test_editing_a_title_renders_the_pages_that_show_it(builds):
    builds.build()
    builds.edit_post("Title: ", "Title: Renamed: ")
    rebuilt = builds.build()
    assert NEIGHBOUR in builds.rendered(rebuilt)
    assert "Renamed: " in read(rebuilt / NEIGHBOUR)
    assert differences(builds.cold(), rebuilt) == []


def test_a_new_comment_renders_its_post_again(builds):
    builds.build()
    comment = builds.content / "comments" / "two-levels-up" / "2025-09-20-sam.md"
    comment.write_text("Author: Sam\nDate: 2025-09-20 10:00\n\nA late reply.\n")
    rebuilt = builds.build()
    assert Path("2025", "two-levels-up", "index.html") in builds.rendered(rebuilt)
    assert "A late reply." in read(rebuilt / "2025" / "two-levels-up" / "index.html")
    assert differences(builds.cold(), rebuilt) == []


def test_a_changed_template_renders_every_page_that_uses_it(tmp_path, caplog):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    builds = Builds(tmp_path, caplog, THEME=str(theme))
    builds.build()
    article = theme / "templates" / "article.html"
    article.write_text(read(article).replace("Related reflections", "See also"))
    rebuilt = builds.build()
    assert NEIGHBOUR in builds.rendered(rebuilt)
    assert "See also" in read(rebuilt / NEIGHBOUR)
    assert differences(builds.cold(), rebuilt) == []


def test_a_file_changed_in_the_output_after_a_build_is_not_reused(builds):
    """A plugin that rewrites output files in place (a minifier, say) also
    changes the kept copy, which is linked: the change is noticed."""
    first = builds.build()
    with (first / NEIGHBOUR).open("a", encoding="utf-8") as page:
        page.write("<!-- changed in place -->")
    rebuilt = builds.build()
    assert NEIGHBOUR in builds.rendered(rebuilt)
    assert "changed in place" not in read(rebuilt / NEIGHBOUR)


def test_a_page_is_never_written_over_its_kept_copy(builds):
    """Writing a page again into the same output folder (as `make serve`
    does) replaces the linked file instead of changing what it links to."""
    builds.build(DELETE_OUTPUT_DIRECTORY=False)
    output = builds.tmp_path / "output-1"
    kept = (output / NEIGHBOUR).read_bytes()
    builds.edit_post("Title: ", "Title: Renamed: ")
    builds.build(
        into=output, REFLECTIONS_PAGE_CACHE=False, DELETE_OUTPUT_DIRECTORY=False
    )
    cache = builds.tmp_path / "cache" / pagecache.FOLDER
    assert kept in {path.read_bytes() for path in cache.iterdir()}


def test_pages_rendered_in_worker_processes_are_kept_too(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(feeds.writer.FeedWriter, "MINIMUM_PAGES", 1)
    builds = Builds(tmp_path, caplog, REFLECTIONS_READ_WORKERS=3)
    builds.build()
    rebuilt = builds.build()
    assert builds.rendered(rebuilt) == set()
    assert differences(builds.cold(), rebuilt) == []


def test_a_cached_build_into_a_folder_a_build_without_the_cache_wrote(builds):
    """The kept page takes the place of the file that is there, whatever it is."""
    builds.build()
    output = builds.build(REFLECTIONS_PAGE_CACHE=False, DELETE_OUTPUT_DIRECTORY=False)
    builds.build(into=output, DELETE_OUTPUT_DIRECTORY=False)
    assert differences(builds.cold(), output) == []


@pytest.mark.parametrize(
    "settings",
    [
        {"REFLECTIONS_PAGE_CACHE": False},
        {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False},
    ],
)
def test_the_page_cache_is_off_when_told_or_with_the_content_cache(tmp_path, settings):
    cache = tmp_path / "cache"
    build_site(
        tmp_path / "output",
        conf="publishconf.py",
        CACHE_PATH=str(cache),
        **settings,
    )
    assert not (cache / pagecache.FOLDER).exists()


def test_the_cache_holds_one_builds_files(builds):
    builds.build()
    for number in range(3):
        builds.edit_post("\n\n", f"\n\nEdit {number}.\n\n")
        output = builds.build()
    folder = builds.tmp_path / "cache" / pagecache.FOLDER
    kept = [
        path for path in folder.iterdir() if path.name not in {"index.json", "lock"}
    ]
    assert len(kept) == len(pages_and_feeds(output))


# What goes into a key.


class Post:
    """Stands in for a Pelican article: what the fingerprints read of one."""

    def __init__(self, body: str, title: str = "A title"):
        self._content = body
        self.title = title
        self.source_path = f"/content/{title}.md"
        self.url = f"{title}/"
        self.save_as = f"{title}/index.html"
        self.status = "published"
        self.metadata = {"title": title}
        self.summary = "A summary."
        self._context = {"everything": "else"}
        self.settings = {"SITEURL": ""}


def test_a_posts_own_data_includes_its_body_and_leaves_out_the_site():
    data = post_data(Post("<p>Body</p>"))
    assert data["_content"] == "<p>Body</p>"
    assert "_context" not in data
    assert "settings" not in data


def test_what_other_pages_see_of_a_post_leaves_out_its_body():
    assert fingerprint(post_card(Post("<p>One</p>"))) == fingerprint(
        post_card(Post("<p>Two</p>"))
    )
    assert "_content" in post_data(Post("<p>One</p>"))
    assert fingerprint(post_card(Post("<p>One</p>"))) != fingerprint(
        post_card(Post("<p>One</p>", title="Another title"))
    )


def test_sets_and_mappings_are_described_in_one_order():
    assert describe({"b", "a"}) == describe({"a", "b"})
    assert describe({"b": 1, "a": 2}) == describe({"a": 2, "b": 1})
    assert fingerprint({"b", "a", "c"}) == fingerprint({"c", "a", "b"})


def test_a_value_that_cannot_be_described_never_matches_again():
    undescribable = object()
    assert describe(undescribable) != describe(undescribable)
    unpicklable = (lambda: None).__code__  # code objects do not pickle
    assert fingerprint(unpicklable) != fingerprint(unpicklable)


def test_functions_in_settings_are_described_by_their_code():
    def one():
        return 1

    def two():
        return 2

    two.__qualname__ = one.__qualname__
    assert describe(one) == describe(one)
    assert describe(one) != describe(two)


def test_the_settings_held_by_an_object_count_by_name_only():
    settings = {"OUTPUT_PATH": "/one"}

    class Holder:
        def __init__(self, settings):
            self.settings = settings
            self.name = "feeds"

    first = fingerprint(Holder(settings), settings=settings)
    settings["OUTPUT_PATH"] = "/two"
    assert fingerprint(Holder(settings), settings=settings) == first
    assert fingerprint(Holder({"OUTPUT_PATH": "/two"}), settings=settings) != first


def test_a_fingerprint_depends_on_values_not_on_which_objects_are_shared():
    """A post read just now and the same post from the content cache share
    different objects; their pages must still be found."""
    word = "".join(["conversation"])
    shared = [word, word]
    separate = ["conversation", "".join(["conver", "sation"])]
    assert separate[0] is not separate[1]
    assert fingerprint(shared) == fingerprint(separate)


@pytest.mark.parametrize(
    ("template", "shows"),
    [
        ("{{ article.content }} {{ page.reading_time }}", False),
        ("{% for post in articles %}{{ post.summary }}{% endfor %}", False),
        ("{% for post in articles %}{{ post.content }}{% endfor %}", True),
        ("{% for article in articles %}{{ article.content }}{% endfor %}", True),
        ("{% macro card(article) %}{{ article.word_count }}{% endmacro %}", True),
        ("{{ articles[0]['content'] }}", True),
        ('{{ related|attr("reading_time") }}', True),
        ('{{ articles|sum(attribute="word_count") }}', True),
        ('{{ articles|map(attribute="content")|join }}', True),
        ("{{ post[name] }}", True),
    ],
)
def test_templates_that_show_another_posts_body_are_found(template, shows):
    env = Environment(loader=DictLoader({"article.html": template}))
    assert templates_show_other_bodies(env, {"article.html"}) is shows


def test_a_post_template_shows_its_own_body_only_in_its_own_file():
    """A partial included in a loop sees ``article`` unbound: it counts."""
    env = Environment(
        loader=DictLoader(
            {
                "article.html": "{{ article.content }}",
                "index.html": '{% for article in articles %}{% include "card.html" %}'
                "{% endfor %}",
                "card.html": "{{ article.content }}",
            }
        )
    )
    assert templates_show_other_bodies(env, {"article.html"})


def test_pelicans_notmyidea_theme_shows_a_body_on_its_index():
    themes = Path(pelican.__file__).parent / "themes"
    own = {"article.html", "page.html"}
    env = Environment(loader=FileSystemLoader(themes / "notmyidea" / "templates"))
    assert templates_show_other_bodies(env, own)
    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"))
    assert not templates_show_other_bodies(env, own)


def test_a_callouts_line_in_its_source_file_is_not_part_of_any_page():
    """Adding a paragraph moves every callout below it; no page shows the
    line numbers, which are for error messages."""
    moved = []
    for line in (30, 32):
        post = Post("<p>Body</p>")
        callout = LessonCallout("Ask two levels up", "lesson-ask", "", "", line)
        post.lesson_callouts = (callout,)
        post.lesson_mentions = (LessonMention("Ask two levels up", line),)
        moved.append(fingerprint(post_card(post)))
    assert moved[0] == moved[1]


def test_functions_in_settings_count_with_their_arguments_and_defaults():
    def shorten(text, width=80):
        return text[:width]

    assert describe(partial(shorten, width=80)) == describe(partial(shorten, width=80))
    assert describe(partial(shorten, width=80)) != describe(partial(shorten, width=60))
    before = describe(shorten)
    shorten.__defaults__ = (60,)
    assert describe(shorten) != before


def test_sets_give_one_fingerprint_in_every_process():
    """Sets iterate in an order that changes from process to process: in the
    context, and in picking a post's body attributes."""
    script = (
        "import sys; sys.path[:0] = ['plugins'];"
        "from reflections.fingerprint import Fingerprints;"
        "links = {f'images/photo-{n}.jpg' for n in range(40)};"
        "print(Fingerprints().of_context({'static_links': links}).hex());"
        "post = type('Post', (), {})(); post.__dict__.update(_content='<p>x</p>',"
        " word_count=1, reading_time=1, title='t', source_path='p.md', url='u/',"
        " save_as='u/index.html', status='published', metadata={}, summary='s');"
        "print(Fingerprints().full(post).hex())"
    )
    printed = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(printed) == 1
