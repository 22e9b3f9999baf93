"""`reflect import-wordpress` points a link from one imported post to
another at the new file, so it leads to the post on the new site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sitebuild import REFLECT, read
from wpblog import build_blog, new_blog

from reflect.wp_links import address_key

OLD = "https://old.example.com"
COFFEE = "posts/2019-04-01-coffee.md"
LINKS = "posts/2019-04-02-links.md"


@pytest.mark.parametrize(
    "url",
    [
        f"{OLD}/2019/04/coffee/",
        f"{OLD}/2019/04/coffee",
        "http://www.old.example.com/2019/04/coffee/",
        "HTTPS://Old.Example.com/2019/04/coffee/",
        "//old.example.com/2019/04/coffee/",
        "/2019/04/coffee/",
    ],
)
def test_every_spelling_of_a_posts_address_names_the_same_post(url):
    assert address_key(url, "old.example.com") == "old.example.com/2019/04/coffee"


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/2019/04/coffee/",
        "2019/04/coffee/",
        "//elsewhere.example/2019/04/coffee/",
        "ftp://old.example.com/2019/04/coffee/",
        "mailto:me@old.example.com",
        f"{OLD}/2019/04/coffee/?replytocom=5",
        f"{OLD}/?p=1&preview=true",
    ],
)
def test_what_is_not_a_post_of_the_old_blog_names_none(url):
    key = address_key(url, "old.example.com")
    assert key != "old.example.com/2019/04/coffee" and key != "old.example.com?id=1"


def test_the_short_form_names_a_post_by_its_number():
    assert address_key(f"{OLD}/?p=41", "old.example.com") == "old.example.com?id=41"
    assert address_key("/?page_id=2", "old.example.com") == "old.example.com?id=2"


def item(number: int, slug: str, body: str, status="publish", kind="post") -> str:
    link = f"{OLD}/{slug}/" if kind == "page" else f"{OLD}/2019/04/{slug}/"
    return (
        f"<item><title>{slug.title()}</title><link>{link}</link>"
        f'<guid isPermaLink="false">{OLD}/?p={number}</guid>'
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{number}</wp:post_id>"
        f"<wp:post_date>2019-04-0{number} 10:00:00</wp:post_date>"
        f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
        f"<wp:post_type>{kind}</wp:post_type></item>"
    )


LINKING = (
    f'<p>See <a href="{OLD}/2019/04/coffee/">coffee</a>, '
    '<a href="http://www.old.example.com/2019/04/coffee#advice">advice</a>, '
    '<a href="/2019/04/coffee/">root</a>, '
    f'<a href="{OLD}/?p=1">short</a>, '
    f'<a href="{OLD}/about/">about</a>, '
    f'<a href="{OLD}/2019/04/secret/">draft</a>, '
    f'<a href="{OLD}/2019/04/coffee/?replytocom=5">reply</a>, '
    '<a href="https://elsewhere.example/2019/04/coffee/">else</a>.</p>'
)


def export(folder: Path, *items: str) -> Path:
    path = folder / "export.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        f"<link>{OLD}</link><wp:base_blog_url>{OLD}</wp:base_blog_url>"
        + "".join(items)
        + "</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def import_into(blog: Path, wxr: Path) -> str:
    result = subprocess.run(
        [str(REFLECT), "import-wordpress", str(wxr)],
        cwd=blog,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


WHOLE_BLOG = (
    item(1, "coffee", "<p>Coffee.</p>"),
    item(2, "links", LINKING),
    item(3, "secret", "<p>Not yet.</p>", status="draft"),
    item(4, "about", "<p>About me.</p>", kind="page"),
)


@pytest.fixture
def blog(tmp_path) -> Path:
    (tmp_path / "blog").mkdir()
    return new_blog(tmp_path / "blog")


def test_links_to_published_posts_and_pages_lead_to_their_files(blog, tmp_path):
    said = import_into(blog, export(tmp_path, *WHOLE_BLOG))

    text = read(blog / "content" / LINKS)
    assert (
        f"[coffee]({{filename}}/{COFFEE}), "
        f"[advice]({{filename}}/{COFFEE}#advice), "
        f"[root]({{filename}}/{COFFEE}), "
        f"[short]({{filename}}/{COFFEE}), "
        "[about]({filename}/pages/about.md), "
        f"[draft]({OLD}/2019/04/secret/), "
        f"[reply]({OLD}/2019/04/coffee/?replytocom=5), "
        "[else](https://elsewhere.example/2019/04/coffee/)."
    ) in text
    assert (
        "Links between imported posts now lead to their new files ({filename}): "
        "5, in 1 file(s)." in said
    )


def test_the_built_page_links_the_new_sites_addresses(blog, tmp_path):
    import_into(blog, export(tmp_path, *WHOLE_BLOG))

    site = build_blog(blog, REFLECTIONS_STRICT=False)

    page = read(site / "2019" / "links" / "index.html")
    assert '<a href="/2019/coffee/">coffee</a>' in page
    assert '<a href="/2019/coffee/#advice">advice</a>' in page
    assert '<a href="/about/">about</a>' in page
    assert (site / "2019" / "coffee" / "index.html").exists()


def test_importing_again_changes_nothing(blog, tmp_path):
    wxr = export(tmp_path, *WHOLE_BLOG)
    import_into(blog, wxr)
    before = read(blog / "content" / LINKS)

    said = import_into(blog, wxr)

    assert "skipped because they exist: 4" in said
    assert read(blog / "content" / LINKS) == before


def test_a_post_imported_before_its_target_gets_the_link_when_the_target_comes(
    blog, tmp_path
):
    import_into(blog, export(tmp_path, item(2, "links", LINKING)))
    assert f"[coffee]({OLD}/2019/04/coffee/)" in read(blog / "content" / LINKS)

    said = import_into(blog, export(tmp_path, *WHOLE_BLOG))

    assert f"[coffee]({{filename}}/{COFFEE})" in read(blog / "content" / LINKS)
    assert f"Links rewritten in 1 file(s) imported earlier:\n  content/{LINKS}" in said


def test_a_post_edited_since_its_import_keeps_its_links(blog, tmp_path):
    import_into(blog, export(tmp_path, item(2, "links", LINKING)))
    edited = blog / "content" / LINKS
    edited.write_text(read(edited) + "\nMy own words.\n")

    import_into(blog, export(tmp_path, *WHOLE_BLOG))

    assert f"[coffee]({OLD}/2019/04/coffee/)" in read(edited)


@pytest.mark.parametrize("status", ["private", "draft", "pending"])
def test_a_link_to_a_page_that_is_not_published_stays(blog, tmp_path, status):
    body = f'<p>See <a href="{OLD}/secretpage/">the page</a>.</p>'
    import_into(
        blog,
        export(
            tmp_path,
            item(1, "links", body),
            item(2, "secretpage", "<p>Mine.</p>", status=status, kind="page"),
        ),
    )

    assert f"[the page]({OLD}/secretpage/)" in read(
        blog / "content" / "posts" / "2019-04-01-links.md"
    )
