"""`reflect import-wordpress` on exports a real WordPress, or a hostile
file, can give: what must stay unpublished stays so, nothing is dropped
without a word, and the imported site builds."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pelican.readers import ensure_metadata_list
from sitebuild import REFLECT, ROOT, read
from wpblog import build_blog, new_blog

from reflect.wp_markdown import html_to_markdown
from sitekit.text import CONTROL_CHARACTERS

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
    ' xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>\n'
)


@pytest.fixture
def blog(tmp_path):
    (tmp_path / "blog").mkdir()
    return new_blog(tmp_path / "blog")


def export_of(tmp_path: Path, *items: str) -> Path:
    export = tmp_path / "export.xml"
    export.write_text(HEAD + "\n".join(items) + "\n</channel></rss>\n")
    return export


def item(
    slug: str,
    *fields: str,
    kind: str = "post",
    status: str = "publish",
    date: str | None = "2019-04-13 10:00:00",
    body: str = "<p>Hello.</p>",
) -> str:
    """An ``<item>``; ``fields`` are more of its elements, written out."""
    dated = f"<wp:post_date>{date}</wp:post_date>" if date is not None else ""
    return (
        f"<item><title>{slug.title()}</title>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>{dated}"
        f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
        f"<wp:post_type>{kind}</wp:post_type>{''.join(fields)}</item>"
    )


def comment(
    number: int,
    author: str = "Ann",
    parent: int = 0,
    content: str | None = None,
    **fields,
) -> str:
    content = f"Comment {number}." if content is None else content
    values = {
        "comment_approved": "1",
        "comment_date": "2019-04-14 09:00:00",
        "comment_type": "comment",
        **fields,
    }
    return (
        f"<wp:comment><wp:comment_id>{number}</wp:comment_id>"
        f"<wp:comment_author>{author}</wp:comment_author>"
        f"<wp:comment_content>{content}</wp:comment_content>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        + "".join(f"<wp:{name}>{value}</wp:{name}>" for name, value in values.items())
        + "</wp:comment>"
    )


def run_import(blog: Path, export: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), "import-wordpress", str(export)],
        cwd=blog,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_password_protected_post_is_imported_as_a_draft_and_named(blog, tmp_path):
    """WordPress showed it only to readers given its password; a static site
    has no way to ask, so published it would be for everyone (it was)."""
    export = export_of(
        tmp_path,
        item("locked", "<wp:post_password>letmein</wp:post_password>"),
        item("open", "<wp:post_password></wp:post_password>"),
    )
    result = run_import(blog, export)
    assert result.returncode == 0, result.stderr
    posts = blog / "content" / "posts"
    assert "\nStatus: draft\n" in read(posts / "2019-04-13-locked.md")
    assert "Status:" not in read(posts / "2019-04-13-open.md")
    assert "Posts: 2 (1 as drafts)" in result.stdout
    assert (
        "Imported as drafts, WordPress asking readers for a password (1): a "
        "static site cannot, so publish each only if everyone may read it\n"
        "  content/posts/2019-04-13-locked.md\n"
    ) in result.stdout
    assert "letmein" not in read(posts / "2019-04-13-locked.md")


def test_a_post_dated_only_in_gmt_keeps_that_date(blog, tmp_path):
    """WordPress writes 0000-00-00 as the local date at times and the GMT
    one right: the post was dated the day of the import."""
    export = export_of(
        tmp_path,
        item(
            "gmt",
            "<wp:post_date_gmt>2018-06-01 08:30:00</wp:post_date_gmt>",
            date="0000-00-00 00:00:00",
        ),
    )
    result = run_import(blog, export)
    assert result.returncode == 0, result.stderr
    post = read(blog / "content" / "posts" / "2018-06-01-gmt.md")
    assert "\nDate: 2018-06-01 08:30\n" in post
    assert "no date" not in result.stderr


def test_comments_on_a_page_or_a_trashed_post_are_counted_as_left_out(blog, tmp_path):
    """The site threads comments under posts only, and a trashed post is
    not imported: their comments went without a word in the summary."""
    export = export_of(
        tmp_path,
        item("about", comment(5), comment(6), kind="page"),
        item("binned", comment(7), status="trash"),
        item("kept", comment(8)),
    )
    result = run_import(blog, export)
    assert result.returncode == 0, result.stderr
    assert "pages: 1; comments: 1;" in result.stdout
    assert (
        "Left out: 2 comment(s) on pages, 1 comment(s) on trash post(s), "
        "1 trash post(s)."
    ) in result.stdout, result.stdout


def tags_line(post: str) -> str:
    return next(line for line in post.splitlines() if line.startswith("Tags: "))


def test_a_tag_holding_a_comma_or_semicolon_stays_one_tag(blog, tmp_path):
    """Pelican splits ``Tags:`` on semicolons when there is one, else on
    commas: WordPress's tag "Salary, raises" became two tags, and one
    holding a semicolon split every other tag wrongly."""
    tags = ("Salary, raises", "C; notes", "Python")
    export = export_of(
        tmp_path,
        item(
            "tagged",
            *(
                f"<category domain='post_tag'><![CDATA[{tag}]]></category>"
                for tag in tags
            ),
        ),
        item("plain", "<category domain='post_tag'>Python</category>"),
    )
    result = run_import(blog, export)
    assert result.returncode == 0, result.stderr
    posts = blog / "content" / "posts"
    written = tags_line(read(posts / "2019-04-13-tagged.md"))
    assert ensure_metadata_list(written.removeprefix("Tags: ")) == [
        "Salary, raises",
        "C, notes",
        "Python",
    ]
    assert tags_line(read(posts / "2019-04-13-plain.md")) == "Tags: Python"


def as_this_project(blog: Path) -> None:
    """``blog`` with this project's settings: its pages, archives and plugins
    at its addresses, as the build the tests run writes them."""
    settings = read(ROOT / "pelicanconf.py") + (
        f"\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    )
    (blog / "pelicanconf.py").write_text(settings)


def test_an_imported_page_never_takes_a_slug_the_sites_pages_have(blog, tmp_path):
    """WordPress blogs often have an Archives, Tags or Search page, and
    ``{slug}/index.html`` of it is the file the site's own archives, tags or
    search page is; a page named as a year is that year's archive; a page
    of the site may have the slug already. The build stopped, two pages
    written to one file."""
    as_this_project(blog)
    pages = blog / "content" / "pages"
    pages.mkdir()
    (pages / "me.md").write_text("Title: Me\nSlug: about\n\nMine.\n")
    names = ("about", "archives", "tags", "search", "2019", "notes")
    export = export_of(
        tmp_path, item("hello"), *(item(name, kind="page") for name in names)
    )

    result = run_import(blog, export)

    assert result.returncode == 0, result.stderr
    assert sorted(path.stem for path in pages.glob("*.md")) == [
        "2019-2",
        "about-2",
        "archives-2",
        "me",
        "notes",
        "search-2",
        "tags-2",
    ]
    assert "Slug: archives-2\n" in read(pages / "archives-2.md")
    again = run_import(blog, export)  # the same pages, where they were written
    assert "Files written: 0; skipped because they exist: 7." in again.stdout
    build_blog(blog, REFLECTIONS_STRICT=False)  # two pages to one file: stops


def test_imported_comments_are_ones_a_published_build_accepts(blog, tmp_path):
    """A commenter's name that shows nothing (invisible characters, markup
    alone) or holds a private marker, and replies that answer each other
    in a loop, were written as they were: the comments plugin left each
    out or unthreaded it with a ``bad-comment`` finding, an error in
    ``make publish``, which stopped. A name that shows nothing is written
    Anonymous, a comment whose name would hide it is left out and counted,
    and a reply closing a loop answers no one."""
    comments = (
        comment(11, "Cy", parent=12),
        comment(12, "Di", parent=11),
        comment(13, "Ed", parent=12),
        comment(14, "\u200b"),
        comment(15, "&lt;i&gt;&lt;/i&gt;"),
        comment(16, "[!private] Zed"),
    )
    export = export_of(tmp_path, item("thread", *comments))

    result = run_import(blog, export)

    assert result.returncode == 0, result.stderr
    folder = blog / "content" / "comments" / "thread"
    files = {path.stem: read(path) for path in folder.glob("*.md")}
    assert "Author: Anonymous\n" in files["2019-04-14-reader-14"]
    assert "Author: Anonymous\n" in files["2019-04-14-reader-15"]
    assert not any("Zed" in text for text in files.values())
    assert (
        "Left out: 1 comment(s) whose commenter's name holds a private marker, "
        "which would hide them."
    ) in result.stdout, result.stdout
    replies = {stem: "Reply-To:" in text for stem, text in files.items()}
    assert replies["2019-04-14-ed-13"]
    assert sum(replies.values()) == 2  # one of the loop, and Ed's
    build_blog(blog, conf="publishconf.py", REFLECTIONS_STRICT=False)


@pytest.mark.parametrize(
    "content",
    [
        "",
        "   ",
        "&lt;p&gt;&lt;/p&gt;",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\u200b\u2060",
        "&lt;img src=x.png&gt;",
        "[!private] only for me",
    ],
    ids=[
        "empty",
        "spaces",
        "empty markup",
        "a script",
        "invisible",
        "image",
        "private",
    ],
)
def test_a_comment_that_would_show_no_text_is_left_out_and_counted(
    blog, tmp_path, content
):
    """The comments plugin leaves out a comment whose body shows nothing
    (``bad-comment``, an error in ``make publish``): written as it was, the
    import gave a site that ``make publish`` refused. Such a comment is
    left out and counted, its reply kept as a new comment, and the
    published build passes."""
    comments = (comment(21, "Ann", content=content), comment(22, "Bo", parent=21))
    export = export_of(tmp_path, item("quiet", *comments))

    result = run_import(blog, export)

    assert result.returncode == 0, result.stderr
    folder = blog / "content" / "comments" / "quiet"
    assert sorted(path.stem for path in folder.glob("*.md")) == ["2019-04-14-bo-22"]
    assert "Reply-To:" not in read(folder / "2019-04-14-bo-22.md")
    assert "Left out: 1 comment(s) that would show no text." in result.stdout, (
        result.stdout
    )
    build_blog(blog, conf="publishconf.py", REFLECTIONS_STRICT=False)


@pytest.mark.parametrize(
    "title", ["&amp;nbsp;", "<![CDATA[\u200b]]>", "<![CDATA[<i></i>]]>"]
)
def test_a_title_that_shows_nothing_is_imported_as_no_title(blog, tmp_path, title):
    """WordPress users hide a post's title with ``&nbsp;``; a title of
    markup or invisible characters alone was written as it was, and the
    build stopped: "Title: shows nothing", ``no-title``. It is now no title,
    and the post is titled by its slug, as one without a title is."""
    post = item("hidden-title").replace(
        "<title>Hidden-Title</title>", f"<title>{title}</title>"
    )
    result = run_import(blog, export_of(tmp_path, post))
    assert result.returncode == 0, result.stderr
    assert read(blog / "content" / "posts" / "2019-04-13-hidden-title.md").startswith(
        "Title: hidden-title\n"
    )
    build_blog(blog)


def test_a_date_before_the_year_1000_is_a_date_that_cannot_be_read(blog, tmp_path):
    """WordPress keeps dates from the year 1000 on. ``0001-01-01`` was written
    ``Date: 1-01-01``, which Pelican read as 2001; it is now a date that
    cannot be read, dated as the export was made and named."""
    result = run_import(
        blog, export_of(tmp_path, item("early", date="0001-01-01 00:00:00"))
    )
    assert result.returncode == 0, result.stderr
    (post,) = (blog / "content" / "posts").glob("*.md")
    assert post.name.endswith("-early.md") and not post.name.startswith("1-")
    assert "1 published post(s) had no date that could be read" in result.stderr


def test_a_more_tag_or_block_comment_leaves_no_line_breaks_behind():
    """WordPress's paragraph step, which the import borrows from Pelican,
    gave each line holding only an HTML comment (``<!--more-->``, the block
    editor's ``<!-- wp:more -->``) a ``<br />``: every post with a "Read
    more" break showed an empty gap of two line breaks there."""
    block_editor = (
        "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n"
        "<!-- wp:paragraph -->\n<p>Two</p>\n<!-- /wp:paragraph -->"
    )
    assert html_to_markdown(block_editor) == "One\n\nTwo\n"
    assert html_to_markdown("Intro.\n<!--more-->\nRest.") == "Intro.\n\nRest.\n"
    assert html_to_markdown("Intro.<!--more-->Rest.") == "Intro.Rest.\n"
    assert (
        html_to_markdown("<pre>a &lt;!-- b --&gt;</pre>") == "```\na <!-- b -->\n```\n"
    )


def test_control_characters_an_export_names_are_not_written(blog, tmp_path):
    """A character reference in a post's HTML (``&#1;``, ``&#x1b;``) and a
    DEL or C1 character XML lets through in a title or a comment were
    written into the files: every build then warned that it removed them
    (``control-character``), for text the writer never typed."""
    post = item(
        "controls",
        comment(5, "Ann\x7f").replace("Comment 5.", "<![CDATA[a &#2; b]]>"),
        body="<p>a &#1; b &#x1b; c &#x85; d</p>",
    ).replace("<title>Controls</title>", "<title>Con\x9ftrols</title>")
    result = run_import(blog, export_of(tmp_path, post))
    assert result.returncode == 0, result.stderr
    written = [read(path) for path in (blog / "content").rglob("*.md")]
    assert len(written) == 2
    for text in written:
        assert not CONTROL_CHARACTERS.search(text), repr(text)
    assert "Title: Controls\n" in written[0] + written[1]


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "'
    + "a" * 100
    + '">\n'
    + "".join(
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">\n'
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + ']>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
    "<channel><title>&i;</title></channel></rss>\n"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            HEAD.encode() + item("caf\xe9").encode("latin-1") + b"</channel></rss>",
            "export.xml:3: not an XML file (Invalid bytes in character encoding)",
        ),
        (
            LAUGHS.encode(),
            "not an XML file (its entities expand to far more text than it holds)",
        ),
    ],
    ids=["not its encoding", "billion laughs"],
)
def test_an_export_that_is_no_xml_stops_in_one_line_naming_its_line(
    blog, tmp_path, data, message
):
    """Bytes that are not the encoding the export declares were refused
    with no line ("Error reading file …"), and a syntax error named it amid
    lxml's words; entities expanding past libxml2's bound named its API."""
    export = tmp_path / "export.xml"
    export.write_bytes(data)
    result = run_import(blog, export)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr
    assert list((blog / "content").rglob("*")) == []


def test_a_title_holding_a_private_marker_stays_hidden_and_the_site_builds(
    blog, tmp_path
):
    """The build withholds a title holding a private marker and refuses the
    post (``no-title``), a draft too: the import stopped every build. The
    title is now the post's first paragraph, which the marker hides, the
    post is titled by its slug, and the summary names it. With no
    WordPress slug, the title no longer makes the address either."""
    export = export_of(
        tmp_path,
        item("plans").replace(
            "<title>Plans</title>", "<title>[!private] Zqx secret plans</title>"
        ),
        item("", body="<p>Zqx body</p>").replace(
            "<title></title>", "<title>[!private] Zqx named</title>"
        ),
    )
    result = run_import(blog, export)
    assert result.returncode == 0, result.stderr
    posts = blog / "content" / "posts"
    assert read(posts / "2019-04-13-plans.md").startswith(
        "Title: plans\nSlug: plans\nDate: 2019-04-13 10:00\n\n"
        "[!private] Zqx secret plans\n\nHello.\n"
    )
    assert not list(posts.glob("*named*"))
    assert (
        "Titled by their slug, their title holding a private marker, which "
        "the build would withhold (2): the title is their first paragraph, "
        "hidden; give each a public title\n  content/posts/2019-04-13-plans.md\n"
    ) in result.stdout, result.stdout
    site = build_blog(blog)
    assert not any("Zqx secret" in read(page) for page in site.rglob("*.html"))


def test_a_post_moved_since_its_import_is_not_imported_again(blog, tmp_path):
    """The summary says to run the import again (``--download-images``);
    a post the writer had moved since (another file name, its slug kept)
    was written again beside it as ``walk-2``, a second copy published.
    The record now keeps each WordPress post it wrote, by its blog and
    ``wp:post_id``: one moved is left out, with its comments, and named.
    One deleted, its slug free, is imported afresh, as before."""
    ids = ("<wp:post_id>41</wp:post_id>", "<wp:post_id>42</wp:post_id>")
    export = export_of(
        tmp_path,
        "<link>https://old.example.com</link>",
        item("walk", ids[0], comment(5)),
        item("shadow", ids[1]),
    )
    assert run_import(blog, export).returncode == 0
    posts = blog / "content" / "posts"
    (posts / "2019-04-13-walk.md").rename(posts / "floor-walk.md")
    (posts / "floor-walk.md").write_text(read(posts / "floor-walk.md") + "Mine.\n")
    (posts / "2019-04-13-shadow.md").unlink()

    again = run_import(blog, export)

    assert again.returncode == 0, again.stderr
    assert sorted(path.name for path in posts.glob("*.md")) == [
        "2019-04-13-shadow.md",
        "floor-walk.md",
    ]
    assert sorted(p.name for p in (blog / "content" / "comments").iterdir()) == ["walk"]
    assert (
        "Imported before, and moved since: left out with their comments (1):\n"
        "  content/posts/floor-walk.md (imported as content/posts/2019-04-13-walk.md)\n"
    ) in again.stdout, again.stdout
    assert "Files written: 1; skipped because they exist: 0." in again.stdout


def test_categories_past_a_posts_first_are_kept_as_tags(blog, tmp_path):
    """A WordPress post may sit in several categories, a Pelican post in
    one: every category past the first was dropped without a word. Each
    is kept as a tag, once, and the summary says so."""
    categories = ("Mentoring", "Career moves", "Salary")
    post = item(
        "filed",
        *(f"<category domain='category'>{name}</category>" for name in categories),
        "<category domain='post_tag'>salary</category>",
    )
    result = run_import(blog, export_of(tmp_path, post, item("single")))
    assert result.returncode == 0, result.stderr
    filed = read(blog / "content" / "posts" / "2019-04-13-filed.md")
    assert "\nCategory: Mentoring\nTags: salary, Career moves\n" in filed
    assert (
        "Categories past a post's first, kept as its tags (a post has one "
        "category): 2, in 1 post(s)."
    ) in result.stdout, result.stdout


def attachment(number: int, parent: int, url: str) -> str:
    return (
        f"<item><title>photo {number}</title><wp:post_id>{number}</wp:post_id>"
        f"<wp:post_parent>{parent}</wp:post_parent>"
        "<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
        f"<wp:attachment_url>{url}</wp:attachment_url></item>"
    )


def test_shortcodes_become_what_wordpress_showed_or_are_named(blog, tmp_path):
    """WordPress expands ``[gallery]``, ``[embed]``, ``[video]`` and
    ``[audio]`` when it shows a post; the import expanded only
    ``[caption]``, and the others were published as their bracketed text
    without a word. A gallery is now its images (the attachments it names,
    or the post's own), an embed, video or audio a link to what it showed,
    and any other shortcode is named in the summary."""
    uploads = "https://old.example.com/wp-content/uploads"
    body = (
        '<p>Photos:</p>\n[gallery ids="7,8"]\n\nThe post\'s own:\n[gallery]\n\n'
        "[embed]https://video.example/watch?v=1[/embed]\n\n"
        '[audio mp3="https://old.example.com/talk.mp3"][/audio]\n\n'
        '[contact-form-7 id="3"] and [[gallery]] as written, [sic].\n'
    )
    export = export_of(
        tmp_path,
        item("shown", "<wp:post_id>5</wp:post_id>", body=body),
        attachment(7, 99, f"{uploads}/seven.jpg"),
        attachment(8, 99, f"{uploads}/eight.jpg"),
        attachment(9, 5, f"{uploads}/nine.jpg"),
    )
    result = run_import(blog, export)
    assert result.returncode == 0, result.stderr
    post = read(blog / "content" / "posts" / "2019-04-13-shown.md")
    images = [line for line in post.splitlines() if line.startswith("![")]
    assert images == [
        f"![]({uploads}/seven.jpg)",
        f"![]({uploads}/eight.jpg)",
        f"![]({uploads}/nine.jpg)",
    ], post
    assert "<https://video.example/watch?v=1>" in post
    assert "<https://old.example.com/talk.mp3>" in post
    assert post.count("[gallery") == 1  # the one written [[gallery]]
    assert "[gallery] as written, [sic]." in post
    assert (
        "Shortcodes WordPress expanded, left as their text: [contact-form-7] "
        "in 1 post(s)."
    ) in result.stdout, result.stdout


def test_a_reply_to_a_comment_not_imported_is_a_new_comment_and_counted(blog, tmp_path):
    """A reply to a spam comment, or to one the export does not hold, is
    shown as a new comment, as WordPress shows it; the thread it answered
    went without a word in the summary."""
    comments = (
        comment(1, "Spam", comment_approved="spam"),
        comment(2, "Ann", parent=1),
        comment(3, "Bo", parent=99),
        comment(4, "Cy", parent=2),
    )
    result = run_import(blog, export_of(tmp_path, item("thread", *comments)))
    assert result.returncode == 0, result.stderr
    folder = blog / "content" / "comments" / "thread"
    files = {path.stem: read(path) for path in folder.glob("*.md")}
    assert "Reply-To" not in files["2019-04-14-ann-2"] + files["2019-04-14-bo-3"]
    assert "Reply-To: 2019-04-14-ann-2\n" in files["2019-04-14-cy-4"]
    assert (
        "Replies to a comment not imported (spam, unapproved or not in the "
        "export), shown as new comments: 2."
    ) in result.stdout, result.stdout


def test_a_quote_opening_with_a_callout_name_stays_a_quote(blog, tmp_path):
    """A WordPress quote whose text opens with ``[!lesson]``, ``[!story]``
    or ``[!asked]`` (however spelt) was written as the site's own callout
    syntax: a lesson or story the writer never marked, and one with no
    statement stopped the build. It stays a quote showing its text; a
    ``[!private]`` quote still hides, and code keeps its text."""
    body = (
        "<blockquote><p>[!lesson]</p></blockquote><p>Then:</p>"
        "<blockquote><p>[ ! Story ] Zqx once</p></blockquote><p>And:</p>"
        "<blockquote><p>[!private] Zqx hidden</p></blockquote>"
        "<pre>&gt; [!asked] Zqx code</pre>"
    )
    result = run_import(blog, export_of(tmp_path, item("quoted", body=body)))
    assert result.returncode == 0, result.stderr
    post = read(blog / "content" / "posts" / "2019-04-13-quoted.md")
    assert "```\n> [!asked] Zqx code\n```" in post
    site = build_blog(blog)
    page = read(site / "2019" / "quoted" / "index.html")
    article = page[page.index("e-content") : page.index("</article>")]
    assert "[!lesson]" in article and "[ ! Story ] Zqx once" in article
    assert "<aside" not in article and "Zqx hidden" not in article
    assert "&gt; [!asked] Zqx code" in article
