"""`reflect import-wordpress` keeps everything: code, captions, images,
drafts, every post and every comment, through the console script."""

from __future__ import annotations

import hashlib
import html
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from imageserver import Served, picture, serving
from sitebuild import REFLECT, read
from wpblog import FEBRUARY, MARCH, OLD_HOST, POST, SURPRISES, build_blog, new_blog

IMAGES = {FEBRUARY: picture("JPEG", "steelblue"), MARCH: picture("JPEG", "wheat")}


@pytest.fixture
def blog(tmp_path):
    return new_blog(tmp_path)


def reflect(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REFLECT), *args], cwd=cwd, capture_output=True, text=True
    )


def imported(blog: Path, *options: str, export: Path = SURPRISES):
    result = reflect("import-wordpress", str(export), *options, cwd=blog)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def image_server():
    """The old blog's images, served on 127.0.0.1."""
    with serving({path: Served(data) for path, data in IMAGES.items()}) as server:
        yield server


def served_export(tmp_path: Path, server, extra: str = "") -> Path:
    text = read(SURPRISES).replace("Her advice was", extra + "Her advice was")
    text = text.replace(OLD_HOST, server.address)
    export = tmp_path / "served.xml"
    export.write_text(text)
    return export


def wxr(tmp_path: Path, *items: str) -> Path:
    """A WordPress export of ``items`` (``<item>`` elements written out)."""
    export = tmp_path / "export.xml"
    export.write_text(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        + "".join(items)
        + "</channel></rss>\n",
        encoding="utf-8",
    )
    return export


def imported_page(tmp_path: Path, slug: str, title: str, body: str) -> str:
    """A WordPress post of ``body`` imported into a new blog and built: its
    page, as a reader gets it."""
    (tmp_path / "blog").mkdir()
    blog = new_blog(tmp_path / "blog")
    imported(blog, export=wxr(tmp_path, wxr_item(slug, title, body)))
    site = build_blog(blog, REFLECTIONS_STRICT=False)
    return read(site / "2019" / slug / "index.html")


def article_of(page: str) -> str:
    """The post's own content on ``page``: no header, menu or footer."""
    return page[page.index("e-content") : page.index("</article>")]


def wxr_item(
    slug: str,
    title: str,
    body: str = "<p>Hello.</p>",
    comments=(),
    date: str = "2019-04-13 10:00:00",
    status: str = "publish",
) -> str:
    return (
        f"<item><title><![CDATA[{title}]]></title>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_date>{date}</wp:post_date>"
        f"<wp:post_name><![CDATA[{slug}]]></wp:post_name>"
        f"<wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>"
        + "".join(
            f"<wp:comment><wp:comment_id>{id}</wp:comment_id>"
            f"<wp:comment_author><![CDATA[{author}]]></wp:comment_author>"
            "<wp:comment_date>2019-04-14 09:00:00</wp:comment_date>"
            f"<wp:comment_content>Comment {id}.</wp:comment_content>"
            "<wp:comment_approved>1</wp:comment_approved>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
            for id, author, parent in comments
        )
        + "</item>"
    )


def test_names_made_from_long_slugs_titles_and_authors_fit_a_file_system(
    blog, tmp_path
):
    """A file system holds 255 bytes in a name; a WordPress slug, a title of
    a thousand words, a commenter's name or a comment id can be longer."""
    long_id, long_author = "9" * 300, "Reader " * 60
    export = wxr(
        tmp_path,
        wxr_item(
            "a" * 400,
            "Long slug",
            comments=[(long_id, long_author, 0), ("7", "Ann", long_id)],
        ),
        wxr_item("", "word " * 1000),
        wxr_item("%E5%AD%A6" * 100, "A slug in another script"),
    )

    result = imported(blog, export=export)

    content = blog / "content"
    new = [path for path in content.rglob("*.md") if "2019-04-1" in path.name]
    assert len(new) == 5, result.stdout
    for path in new:
        assert len(path.name.encode("utf-8")) <= 255, path.name
        assert len(path.parent.name.encode("utf-8")) <= 255, path.parent.name
    for path in new:
        if path.parent.name == "posts":
            assert f"\nSlug: {path.stem[len('2019-04-13-') :]}\n" in read(path)
    reply = next(path for path in new if path.stem.endswith("-7"))
    assert "\nReply-To: 2019-04-14-reader-reader-" in read(reply)
    assert "Traceback" not in result.stderr


def test_markup_nested_past_pythons_stack_is_imported_as_its_text(blog, tmp_path):
    """HTML to Markdown recurses once per level; an export's post or comment
    can nest thousands deep. What lies past 60 levels is kept as text."""
    lists = "<ul><li>" * 2000 + "Zqx deep item" + "</li></ul>" * 2000
    blocks = "<div>" * 5000 + "Zqx deep comment" + "</div>" * 5000
    export = wxr(tmp_path, wxr_item("deep", "Deep", lists, [("7", "Ann", 0)]))
    export.write_text(read(export).replace("Comment 7.", f"<![CDATA[{blocks}]]>"))

    result = imported(blog, export=export)

    post = read(blog / "content" / "posts" / "2019-04-13-deep.md")
    comment = read(blog / "content" / "comments" / "deep" / "2019-04-14-ann-7.md")
    assert "Zqx deep item" in post
    assert "Zqx deep comment" in comment
    assert "Traceback" not in result.stderr


HOSTILE_BODY = (
    "<p>Click <a href='javascript:alert(1)'>Zqx here</a>, or"
    " <a href=' Java\tScript:alert(2)'>Zqx there</a>;"
    " <img src='data:image/svg+xml,&lt;svg onload=alert(3)&gt;' alt='Zqx picture'>"
    " a tag shown as text: &lt;script&gt;alert(4)&lt;/script&gt;"
    " &lt;img src=x onerror=alert(5)&gt;, and <code>&lt;b&gt;</code> in code;"
    " <a href='https://ok.example/'>Zqx link</a> <a href='/about/'>Zqx about</a></p>"
)


def test_an_imported_post_runs_nothing_on_the_new_site(tmp_path):
    """An export is written by others. A link or image address that runs
    (``javascript:``, ``data:``) keeps its words only, and text showing a
    tag stays text: markdownify wrote it raw, and Markdown passed it on."""
    body = article_of(imported_page(tmp_path, "hostile", "Hostile", HOSTILE_BODY))
    for words in ("Zqx here", "Zqx there", "Zqx picture", "Zqx link", "Zqx about"):
        assert words in body
    assert '<a href="https://ok.example/">Zqx link</a>' in body
    assert '<a href="/about/">Zqx about</a>' in body
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(5)&gt;" in body
    assert "<code>&lt;b&gt;</code>" in body
    for live in ("javascript:", "<script", "<img src=x", "data:image", "onload"):
        assert live not in body.lower(), live


def test_a_published_post_without_a_date_that_can_be_read_is_named(blog, tmp_path):
    """It is dated as the export was made, which the writer must be told: it
    would be published as new. A draft without a date (WordPress's
    0000-00-00) is not worth a word."""
    export = wxr(
        tmp_path,
        wxr_item("impossible", "Impossible", date="2019-02-30 10:00:00"),
        wxr_item("missing", "Missing", date=""),
        wxr_item("unsaved", "Unsaved", date="0000-00-00 00:00:00", status="draft"),
        wxr_item("dated", "Dated"),
    )

    result = imported(blog, export=export)

    named = result.stdout.split("could be read (2): change their Date: line\n")[1]
    listed = [line.strip() for line in named.splitlines()[:2]]
    assert [name.split("-", 3)[3] for name in listed] == [
        "impossible.md",
        "missing.md",
    ]
    assert "2 published post(s) had no date that could be read" in result.stderr
    assert "unsaved" not in named and "dated.md" not in named


def test_code_keeps_its_indentation_after_a_blank_line(blog):
    imported(blog)
    assert (
        "```\ndef handover(shift):\n    notes = read(shift)\n\n"
        "    for line in notes:\n        print(line)\n```"
    ) in read(blog / "content" / POST)


def test_a_caption_shortcode_becomes_the_image_and_its_caption(blog):
    imported(blog)
    post = read(blog / "content" / POST)
    assert "[caption" not in post and "[/caption]" not in post
    assert "*The whiteboard she rewrites every morning*" in post


def test_every_image_is_a_paragraph_of_its_own(blog):
    imported(blog)
    post = read(blog / "content" / POST)
    body = post.split("\n\n", 1)[1]
    images = [block for block in body.split("\n\n") if "![" in block]
    assert len(images) == 2
    assert all(block.startswith("![") and block.endswith(")") for block in images)
    assert f"({OLD_HOST}{FEBRUARY})\n\nMarta starts her shift" in post


def test_without_download_images_a_warning_names_the_hotlinked_host(blog):
    result = imported(blog)
    assert (
        "warning: 2 image(s) still load from old-hallway.example.com; run again "
        "with --download-images"
    ) in result.stderr
    assert not (blog / "content" / "images").exists()


def test_download_images_saves_them_under_distinct_names_and_links_the_copies(
    blog, tmp_path, image_server
):
    result = imported(
        blog, "--download-images", export=served_export(tmp_path, image_server)
    )
    images = blog / "content" / "images"
    assert (images / "floor.jpg").read_bytes() == IMAGES[FEBRUARY]
    assert (images / "floor-2.jpg").read_bytes() == IMAGES[MARCH]
    post = read(blog / "content" / POST)
    assert "![The floor at six]({static}/images/floor.jpg)" in post
    assert "![The whiteboard]({static}/images/floor-2.jpg)" in post
    assert "127.0.0.1" not in post
    assert "images: 2." in result.stdout and "still load from" not in result.stderr
    assert sorted(image_server.requests) == sorted([FEBRUARY, MARCH])
    site = build_blog(blog)
    page = read(site / "2020" / "shadowing-a-line-supervisor" / "index.html")
    assert 'src="/images/floor-2.jpg"' in page
    assert (site / "images" / "floor-2.jpg").read_bytes() == IMAGES[MARCH]


def test_an_image_that_cannot_be_downloaded_is_named_and_keeps_its_link(
    blog, tmp_path, image_server
):
    missing = '<img src="https://old-hallway.example.com/gone.png" alt="Gone" />\n\n'
    export = served_export(tmp_path, image_server, extra=missing)
    result = imported(blog, "--download-images", export=export)
    address = image_server.address
    assert f"  {address}/gone.png: HTTP 404 Not Found" in result.stdout
    assert "1 image(s) not downloaded" in result.stderr
    assert f"![Gone]({address}/gone.png)" in read(blog / "content" / POST)
    assert "images: 2." in result.stdout


def test_a_second_download_reuses_the_images_already_there(
    blog, tmp_path, image_server
):
    export = served_export(tmp_path, image_server)
    imported(blog, "--download-images", export=export)
    (blog / "content" / POST).unlink()
    result = imported(blog, "--download-images", export=export)
    assert sorted(p.name for p in (blog / "content" / "images").iterdir()) == [
        "floor-2.jpg",
        "floor.jpg",
    ]
    assert "Posts: 1 (0 as drafts)" in result.stdout and "images: 0." in result.stdout
    assert "{static}/images/floor-2.jpg" in read(blog / "content" / POST)


def test_an_image_with_the_same_name_but_other_bytes_is_never_replaced(
    blog, tmp_path, image_server
):
    images = blog / "content" / "images"
    images.mkdir()
    (images / "floor.jpg").write_bytes(b"the writer's own photo")
    imported(blog, "--download-images", export=served_export(tmp_path, image_server))
    assert (images / "floor.jpg").read_bytes() == b"the writer's own photo"
    assert hashlib.sha256((images / "floor-2.jpg").read_bytes()).digest() == (
        hashlib.sha256(IMAGES[FEBRUARY]).digest()
    )
    assert (images / "floor-3.jpg").read_bytes() == IMAGES[MARCH]


def test_private_and_pending_posts_stay_drafts(blog):
    imported(blog)
    posts = blog / "content" / "posts"
    for name in (
        "2020-04-01-what-my-mentor-said-about-raises.md",
        "2020-04-02-a-recruiters-screening-call.md",
    ):
        assert "\nStatus: draft\n" in read(posts / name), name


def test_two_drafts_with_one_title_on_one_day_get_distinct_files(blog):
    imported(blog)
    posts = blog / "content" / "posts"
    first = read(posts / "2020-04-05-notes-to-finish.md")
    second = read(posts / "2020-04-05-notes-to-finish-2.md")
    assert (
        "The first half-written draft." in first and "Slug: notes-to-finish\n" in first
    )
    assert "same title, same day" in second and "Slug: notes-to-finish-2\n" in second


def test_the_summarys_counts_equal_the_files_written(blog):
    result = imported(blog)
    assert "Posts: 5 (4 as drafts); pages: 0; comments: 2; images: 0." in result.stdout
    assert "Files written: 7; skipped because they exist: 0." in result.stdout
    files = list((blog / "content").rglob("*.md"))
    assert len(files) == 7
    assert len(list((blog / "content" / "posts").glob("*.md"))) == 5
    again = imported(blog)
    assert "Posts: 0 (0 as drafts); pages: 0; comments: 0; images: 0." in again.stdout
    assert "Files written: 0; skipped because they exist: 7." in again.stdout


def test_comment_ids_that_slugify_alike_keep_both_comments_and_their_thread(blog):
    imported(blog)
    thread = blog / "content" / "comments" / "shadowing-a-line-supervisor"
    comments = {path.stem: read(path) for path in thread.glob("*.md")}
    assert set(comments) == {"2020-03-03-lee-12", "2020-03-03-lee-12-2"}
    first, reply = comments["2020-03-03-lee-12"], comments["2020-03-03-lee-12-2"]
    assert "I am borrowing that" in first and "Reply-To" not in first
    assert "worked at my own stand-up" in reply
    assert "Reply-To: 2020-03-03-lee-12\n" in reply


def test_an_imported_post_hints_at_reflect_suggest(blog):
    result = imported(blog)
    assert "`reflect suggest`" in result.stdout


def test_imported_private_posts_never_reach_the_published_site(blog):
    imported(blog)
    site = build_blog(blog, conf="publishconf.py", REFLECTIONS_STRICT=False)
    assert not (site / "drafts").exists()
    assert (site / "2020" / "shadowing-a-line-supervisor" / "index.html").exists()
    assert not any("Only for me, for now" in read(p) for p in site.rglob("*.html"))


def test_an_imported_post_never_takes_the_slug_of_a_post_the_site_has(blog):
    posts = blog / "content" / "posts"
    posts.mkdir()
    mine = posts / "2025-05-05-my-own.md"
    mine.write_text(
        "Title: My own\nSlug: shadowing-a-line-supervisor\nDate: 2025-05-05\n\nMine.\n"
    )
    result = imported(blog)
    post = read(posts / "2020-03-02-shadowing-a-line-supervisor-2.md")
    assert "Slug: shadowing-a-line-supervisor-2\n" in post
    assert (blog / "content" / "comments" / "shadowing-a-line-supervisor-2").is_dir()
    assert read(mine).endswith("Mine.\n")
    assert "Posts: 5 (4 as drafts)" in result.stdout
    again = imported(blog)  # the same posts, found where they were written
    assert "Files written: 0; skipped because they exist: 7." in again.stdout


#: Bodies whose markup turns live on the new site by ways no single check
#: names: entities inside entities, Markdown written as text, an address
#: that closes its own link, a code block whose text closes its fence.
SLY_BODIES = {
    "entity-colon": '<p><a href="javascript&amp;colon;alert(1)">Zqx a</a></p>',
    "entity-letter": '<p><a href="&amp;#106;avascript:alert(2)">Zqx b</a></p>',
    "link-as-text": "<p>[Zqx c](javascript:alert(3))</p>",
    "attribute-list": '<h2>Zqx d {: onclick="alert(4)" }</h2>',
    "closed-link": '<p><a href="http://x.test/)[Zqx e](javascript:alert(5)">y</a></p>',
    "closed-fence": "<pre>```\n&lt;script&gt;alert(6)&lt;/script&gt;\n```</pre>",
}


class LiveMarkup(HTMLParser):
    """What in a page could run: a script, a handler, an address that is
    not the web's (its entities read as often as a browser would)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            address = value or ""
            for _ in range(3):
                address = html.unescape(address)
            address = "".join(c for c in address if c > " ").lower()
            if name.startswith("on") or address.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{tag} {name}={value}")


def test_markup_that_would_run_however_it_is_spelt_is_imported_as_text(blog, tmp_path):
    export = wxr(
        tmp_path,
        *(wxr_item(slug, slug.title(), body) for slug, body in SLY_BODIES.items()),
        wxr_item(
            "plain-good",
            "Plain good",
            "<p>A <a href='https://ok.example/'>link</a>.</p>",
        ),
    )
    result = imported(blog, export=export)
    assert "Imported as plain text" in result.stdout
    for slug in SLY_BODIES:
        assert f"-{slug}.md" in result.stdout
    assert "plain-good.md" not in result.stdout.split("Imported as plain text")[1]
    site = build_blog(blog, REFLECTIONS_STRICT=False)
    for slug in SLY_BODIES:
        page = read(site / "2019" / slug / "index.html")
        body = page[page.index("e-content") : page.index("</article>")]
        live = LiveMarkup()
        live.feed(body)
        assert live.found == [], slug
        assert "Zqx" in body or slug in ("closed-link", "closed-fence")
    good = read(site / "2019" / "plain-good" / "index.html")
    assert '<a href="https://ok.example/">link</a>' in good


def test_a_long_slug_wordpress_allows_is_kept_whole(blog, tmp_path):
    """WordPress slugs run to 200 characters; one that the build can name a
    page folder with keeps its address."""
    slug = "-".join(["how-i-learned-to-ask-for-a-stretch-role"] * 3) + "-twice"
    assert 100 < len(slug) <= 196
    imported(blog, export=wxr(tmp_path, wxr_item(slug, "Long but fine")))
    assert (blog / "content" / "posts" / f"2019-04-13-{slug}.md").exists()


def test_a_post_or_comment_the_export_gives_twice_is_imported_once_and_named(
    blog, tmp_path
):
    """One wp:post_id twice was imported as a second post (``-2``) and
    counted as one; one wp:comment_id twice was counted under "Left out"
    with no place named. The first of each is imported; each repeat is
    named by the export's file and line, and counted as no file."""
    post = (
        wxr_item("walk", "Walk the floor", comments=[("7", "Dev", 0), ("7", "Dev", 0)])
        .replace("<item>", "<item><wp:post_id>41</wp:post_id>")
        .replace("<wp:comment>", "\n<wp:comment>")
    )
    again = post.replace("Walk the floor", "Walk the floor again")
    export = wxr(tmp_path, "\n" + post, "\n" + again)

    result = imported(blog, export=export)

    assert [p.name for p in (blog / "content" / "posts").glob("*.md")] == [
        "2019-04-13-walk.md"
    ]
    assert len(list((blog / "content" / "comments").rglob("*.md"))) == 1
    assert "Posts: 1 (0 as drafts); pages: 0; comments: 1; images: 0." in result.stdout
    assert "Files written: 2; skipped because they exist: 0." in result.stdout
    assert "Given twice in the export, left out (2):" in result.stdout
    assert (
        f"{export}:5: a comment by 'Dev' repeats wp:comment_id 7 of the comment "
        "on line 4; left out, the first imported"
    ) in result.stdout
    assert (
        f"{export}:6: post 'Walk the floor again' repeats wp:post_id 41 of the "
        "post on line 3; left out, the first imported"
    ) in result.stdout
    assert "repeating another's id" not in result.stdout


def test_a_comment_id_repeated_under_another_post_keeps_both_threads_and_names_it(
    blog, tmp_path
):
    """WordPress gives each comment one id for the whole site, and a comment
    lies under one post only: one id under two posts (exports merged, or
    edited by hand) is two comments. Each is kept under its own post, its
    replies answering it there, and the summary names the repeat at its
    line; it was imported without a word."""
    first = wxr_item(
        "walk", "Walk the floor", comments=[("7", "Ann", 0), ("8", "Bob", 7)]
    ).replace("<wp:comment>", "\n<wp:comment>")
    second = wxr_item(
        "shadow", "Shadow a lead", comments=[("7", "Cy", 0), ("9", "Di", 7)]
    ).replace("<wp:comment>", "\n<wp:comment>")
    export = wxr(tmp_path, "\n" + first, "\n" + second)

    result = imported(blog, export=export)

    comments = blog / "content" / "comments"
    walk = {p.stem: read(p) for p in (comments / "walk").glob("*.md")}
    shadow = {p.stem: read(p) for p in (comments / "shadow").glob("*.md")}
    assert set(walk) == {"2019-04-14-ann-7", "2019-04-14-bob-8"}
    assert set(shadow) == {"2019-04-14-cy-7", "2019-04-14-di-9"}
    assert "Reply-To: 2019-04-14-ann-7\n" in walk["2019-04-14-bob-8"]
    assert "Reply-To: 2019-04-14-cy-7\n" in shadow["2019-04-14-di-9"]
    assert "Comment 7." in shadow["2019-04-14-cy-7"]
    assert "Posts: 2 (0 as drafts); pages: 0; comments: 4; images: 0." in (
        result.stdout
    )
    kept = comments / "shadow" / "2019-04-14-cy-7.md"
    assert (
        "A wp:comment_id a comment under another post has too, each kept with "
        "its own post and replies (1):"
    ) in result.stdout
    assert (
        f"{export}:7: a comment by 'Cy' on 'Shadow a lead' has wp:comment_id 7, "
        "as the comment on line 4 on 'Walk the floor' has; kept, as "
        f"{kept.relative_to(blog)}"
    ) in result.stdout, result.stdout
    assert "Given twice in the export" not in result.stdout


def test_comments_without_a_comment_id_are_each_imported_and_answer_none(
    blog, tmp_path
):
    """Comments with no wp:comment_id were all keyed "": every one after the
    first was dropped as a repeat, and every top-level comment became a
    reply to the first. Only an id given can repeat or be answered."""
    comments = [
        ("", "Ana", 0),
        ("", "Ben", 0),
        ("", "Cy", 0),
        ("5", "Dee", 0),
        ("6", "Eve", 5),
    ]
    export = wxr(tmp_path, wxr_item("walk", "Walk the floor", comments=comments))

    result = imported(blog, export=export)

    folder = blog / "content" / "comments" / "walk"
    files = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*")}
    assert sorted(files) == [
        "2019-04-14-ana-comment.md",
        "2019-04-14-ben-comment.md",
        "2019-04-14-cy-comment.md",
        "2019-04-14-dee-5.md",
        "2019-04-14-eve-6.md",
    ]
    replies = {name for name, text in files.items() if "Reply-To:" in text}
    assert replies == {"2019-04-14-eve-6.md"}
    assert "Reply-To: 2019-04-14-dee-5\n" in files["2019-04-14-eve-6.md"]
    assert "comments: 5;" in result.stdout
    assert "Given twice" not in result.stdout


def test_two_posts_with_their_own_ids_and_one_title_are_both_imported(blog, tmp_path):
    """Only WordPress's number makes a repeat: two posts alike in all else
    are two posts."""
    post = wxr_item("walk", "Walk the floor")
    export = wxr(
        tmp_path,
        post.replace("<item>", "<item><wp:post_id>41</wp:post_id>"),
        post.replace("<item>", "<item><wp:post_id>42</wp:post_id>"),
    )

    result = imported(blog, export=export)

    assert "Posts: 2 (0 as drafts)" in result.stdout
    assert "Given twice" not in result.stdout
