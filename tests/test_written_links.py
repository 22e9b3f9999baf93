"""A plain link in a post leads to a file the build wrote.

A path that names no content file (`../images/no-such-board.png`,
`/2025/old-slug/`) may still name a file the build writes, so it is looked
up once the site is written: one that leads nowhere is a broken link, a
warning in a local build and an error that stops a published one, at its
line. A link to what the build does write (another post's page, a feed,
the sitemap, a folder served by its index.html) passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from sitebuild import run_pelican
from test_first_pass import first_pass_options

VOCABULARY = """\
prepare-targeted-questions:
  title: Prepare targeted questions
  theme: Preparation
"""


def post(slug: str, body: str, date: str = "2026-03-02") -> str:
    return (
        f"Title: {slug.title()}\nDate: {date}\nSlug: {slug}\n"
        f"Lessons: Prepare targeted questions\n\n{body}\n"
    )


def content(folder: Path, body: str) -> Path:
    """A site of two posts and a page; the second post's body is ``body``."""
    root = folder / "content"
    (root / "posts").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "images").mkdir()
    (root / "lessons.yml").write_text(VOCABULARY, encoding="utf-8")
    Image.new("RGB", (4, 3), "teal").save(root / "images" / "board.png")
    (root / "pages" / "about.md").write_text(
        "Title: About\nSlug: about\n\nWho writes here.\n", encoding="utf-8"
    )
    (root / "posts" / "2026-03-01-first.md").write_text(
        post("first", "The first talk.", "2026-03-01"), encoding="utf-8"
    )
    (root / "posts" / "2026-03-02-second.md").write_text(
        post("second", "Line one.\n\n" + body), encoding="utf-8"
    )
    return root


def said(ran) -> list[str]:
    return [
        line
        for line in (ran.stdout + ran.stderr).splitlines()
        if "[broken-link]" in line
    ]


@pytest.mark.parametrize(
    ("link", "leads_to"),
    [
        ("![board](../images/no-such-board.png)", "/2026/images/no-such-board.png"),
        ("[notes](notes/missing.pdf)", "/2026/second/notes/missing.pdf"),
        ("[old](/2025/old-slug/)", "/2025/old-slug/"),
        ("[gone](/images/gone.png)", "/images/gone.png"),
        # Spelt otherwise than the file: a web host compares names exactly.
        ("[board](/images/Board.png)", "/images/Board.png"),
        ("[first](/2026/First/)", "/2026/First/"),
        # Above the root a browser stops at the root, where nothing is.
        ("[up](../../../../missing.html)", "/missing.html"),
        ('<a href="/tag/nothing-here/">tag</a>', "/tag/nothing-here/"),
        # A folder relative to the page: ends with `/`, or starts `./`, `../`.
        ("[old](../old-slug/)", "/2026/old-slug/"),
        ("[notes](./notes)", "/2026/second/notes"),
        ("[images](../../images/)", "/images/"),  # a folder with no index.html
    ],
)
def test_a_link_to_a_path_the_build_wrote_nothing_at_is_broken(
    tmp_path, link, leads_to
):
    root = content(tmp_path, f"See {link}.")

    local = run_pelican(root, tmp_path / "local")
    published = run_pelican(root, tmp_path / "published", conf="publishconf.py")

    (line,) = said(local)
    assert local.returncode == 0
    assert " WARNING " in line
    assert "content/posts/2026-03-02-second.md:8:" in line
    assert f"leads to {leads_to}, where this build writes no file" in line
    assert published.returncode != 0
    assert "Traceback" not in published.stderr
    (stopped,) = said(published)
    assert " ERROR " in stopped and leads_to in stopped


@pytest.mark.parametrize(
    "link",
    [
        "[first](/2026/first/)",
        "[first](../first/)",
        "[first](/2026/first)",  # a folder, served by its index.html
        "[first page](/2026/first/index.html)",
        "[about](/about/)",
        "[home](/)",
        "[feed](/feeds/all.atom.xml)",
        "[robots](/robots.txt)",
        "[search](/search/)",
        "[board](/images/board.png)",
        "[board](../../images/board.png)",
        "[board](/images/board.png?v=2#top)",
        "[board](/images/%2e%2e/images/board.png)",  # escapes read before `..`
        "[first](../first/)",
        "[home](../../)",
        "[mail](mailto:someone@example.org)",
        "[elsewhere](https://example.org/missing/)",
        "[here](#line)",
    ],
)
def test_a_link_to_what_the_build_writes_passes(tmp_path, link):
    root = content(tmp_path, f"See {link}.")
    local = run_pelican(root, tmp_path / "local")
    assert said(local) == [], local.stdout + local.stderr
    assert local.returncode == 0


def test_a_link_to_a_file_written_as_the_build_finishes_passes(tmp_path):
    """The sitemap (a published build's, with an absolute SITEURL) is
    written at the very end, as the links are looked up."""
    root = content(
        tmp_path, "See [map](/sitemap.xml) and [search](/pagefind/pagefind.js)."
    )
    published = run_pelican(root, tmp_path / "published", conf="publishconf.py")
    assert said(published) == [], published.stdout + published.stderr
    assert published.returncode == 0
    assert (tmp_path / "published" / "sitemap.xml").is_file()


def test_the_first_pass_of_make_serve_which_writes_only_open_pages_looks_none_up(
    tmp_path,
):
    """`make serve` first writes only the pages open in a browser: the
    pages they link are not written yet, and are no broken links."""
    root = content(tmp_path, "See [first](/2026/first/) and [about](/about/).")
    ran = run_pelican(
        root,
        tmp_path / "first-pass",
        *first_pass_options(["2026/second/index.html"]),
        "SOURCE_LINKS_STRICT=true",
    )
    assert said(ran) == [] and ran.returncode == 0, ran.stdout + ran.stderr
    assert not (tmp_path / "first-pass" / "2026" / "first" / "index.html").exists()


def test_a_draft_s_links_are_not_looked_up(tmp_path):
    root = content(tmp_path, "See [gone](/images/gone.png).")
    second = root / "posts" / "2026-03-02-second.md"
    second.write_text(second.read_text().replace("Slug:", "Status: draft\nSlug:"))
    published = run_pelican(root, tmp_path / "published", conf="publishconf.py")
    assert said(published) == [] and published.returncode == 0, published.stderr
