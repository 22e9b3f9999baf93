"""Six defects today's helpers saw and left, each fixed at its root."""

from __future__ import annotations

import pytest
from sitebuild import copy_project, lint_in_process, passing_build, run_pelican

from sitekit.sitelinks import site_file_links, unrewritten_site_file_links

# --- 1. A site link in an attribute Pelican does not rewrite -------------------

#: HTML with site links Pelican leaves as written: (html, the links left).
UNREWRITTEN = {
    "srcset, two candidates": (
        '<img src="{static}/a.png" srcset="{static}/a.png 1x, {static}/b.png 2x">',
        ("{static}/a.png", "{static}/b.png"),
    ),
    "style url()": (
        '<div style="background: url({attach}/c.png)">x</div>',
        ("{attach}/c.png",),
    ),
    "a data- attribute": (
        '<a data-x="{filename}/posts/p.md">x</a>',
        ("{filename}/posts/p.md",),
    ),
    "single quotes": ("<source srcset='{static}/d.webp'>", ("{static}/d.webp",)),
    "two rewritable links in one tag (Pelican rewrites the last)": (
        '<video src="{static}/v.mp4" poster="{static}/v.png"></video>',
        ("{static}/v.mp4",),
    ),
}


@pytest.mark.parametrize("case", sorted(UNREWRITTEN))
def test_a_site_link_pelican_does_not_rewrite_is_noted(case):
    html, left = UNREWRITTEN[case]
    assert unrewritten_site_file_links(html, {}) == left


def test_links_pelican_rewrites_and_the_syntax_as_text_are_not_noted():
    html = (
        '<p><a href="{filename}/posts/p.md">p</a> <img src="{static}/a.png">'
        ' <video poster="{static}/v.png"></video>'
        " Write <code>{static}/x.png</code> or &lt;img srcset={static}/y&gt;.</p>"
    )
    assert unrewritten_site_file_links(html, {}) == ()
    assert len(site_file_links(html, {})) == 3


def test_a_srcset_link_is_said_at_its_line_and_stops_a_publish(tmp_path):
    """Pelican rewrites a link in ``src`` but not in ``srcset``: the page
    showed ``{static}/images/...`` as written, a dead link naming the source
    path, and broken-link said nothing."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-05-pic.md").write_text(
        "Title: Pic\nDate: 2026-03-05\nLessons: Learn adjacent functions\n\n"
        "Some text.\n\n"
        '<img src="/a.png" srcset="{static}/images/zq-wide.png 2x" alt="">\n\n'
        '<div style="background: url({static}/images/zq-back.png)">x</div>\n',
        encoding="utf-8",
    )

    local = run_pelican(project / "content", tmp_path / "out")
    said = local.stdout + local.stderr
    assert local.returncode == 0, said
    (wide,) = [line for line in said.splitlines() if "zq-wide.png" in line]
    assert "2026-03-05-pic.md:7:" in wide and "srcset" in wide, wide
    (back,) = [line for line in said.splitlines() if "zq-back.png" in line]
    assert "2026-03-05-pic.md:9:" in back, back

    published = run_pelican(
        project / "content", tmp_path / "pub", conf="publishconf.py"
    )
    assert published.returncode != 0
    assert "zq-wide.png" in published.stdout + published.stderr

    lint = lint_in_process("lint", cwd=project)
    (linted,) = [line for line in lint.stdout.splitlines() if "zq-wide.png" in line]
    assert "2026-03-05-pic.md:7: warning" in linted, linted


class _Post:
    """What broken-link reads of a post: its links, as its reader noted them."""

    status = "published"
    relative_dir = "posts"
    translations = ()

    def __init__(self, source_path, links):
        self.source_path = str(source_path)
        self.relative_source_path = "posts/p.md"
        self.metadata = {"unrewritten_site_file_links": links}

    def get_relative_source_path(self, path):
        return path


def test_a_post_with_many_broken_links_is_read_once(tmp_path, monkeypatch):
    from pathlib import Path

    from sourceguard.linktargets import broken_links

    links = tuple(f"{{static}}/zq-{number}.png" for number in range(5))
    source = tmp_path / "p.md"
    source.write_text(
        "Title: P\n\n" + "\n".join(f'<img srcset="{link} 2x">' for link in links),
        encoding="utf-8",
    )
    reads: list[Path] = []
    read_text = Path.read_text

    def counted(path, *args, **kwargs):
        reads.append(path)
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    context = {"articles": [_Post(source, links)], "PATH": str(tmp_path)}
    findings = broken_links(context)
    assert [finding.line for finding in findings] == [3, 4, 5, 6, 7]
    assert reads.count(source) == 1


# --- 3. Three or more posts with one slug ---------------------------------------


@pytest.mark.parametrize("copies", [1, 2, 3])
def test_posts_sharing_a_slug_are_all_named_once(tmp_path, copies):
    """The warning said "two posts" once per other post when three shared a
    slug, each naming only the one that gets the comments."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    first = posts / "2025-09-14-two-levels-up.md"
    text = first.read_text(encoding="utf-8")
    again = [posts / f"2026-09-1{number}-again.md" for number in range(1, copies + 1)]
    for number, path in enumerate(again, start=1):
        path.write_text(
            text.replace("Date: 2025-09-14", f"Date: 2026-09-1{number}").replace(
                "Modified: 2025-09-21", f"Modified: 2026-09-2{number}"
            ),
            encoding="utf-8",
        )

    lint = lint_in_process("lint", cwd=project)

    (said,) = [line for line in lint.stdout.splitlines() if "have the slug" in line]
    named = [path for path in (first, *again) if f"content/posts/{path.name}" in said]
    assert len(named) == copies + 1, said
    assert said.count("content/posts/") == copies + 1, said
    count = "two" if copies == 1 else str(copies + 1)
    assert f"{count} posts have the slug 'two-levels-up'" in said, said


# --- 4. Two attached files bound for one file ------------------------------------


def test_two_attached_files_for_one_file_are_named_with_a_remedy_that_works(tmp_path):
    """A Slug or Save_as moves no attached file: the advice to change one
    could not be followed. Rename a file, or attach it from one post."""
    project = copy_project(tmp_path / "site")
    for folder in ("first", "second"):
        (project / "content" / folder).mkdir()
        (project / "content" / folder / "photo.txt").write_text(folder)
    (project / "content" / "posts" / "2026-05-05-links.md").write_text(
        "Title: Links\nDate: 2026-05-05 10:00\nLessons: Learn adjacent functions\n\n"
        "[One]({attach}/first/photo.txt) and [two]({attach}/second/photo.txt).\n",
        encoding="utf-8",
    )

    built = run_pelican(project / "content", tmp_path / "out")

    said = built.stdout + built.stderr
    assert built.returncode != 0, said
    (clash,) = [line for line in said.splitlines() if "would be written to" in line]
    assert "content/second/photo.txt" in clash and "content/first/photo.txt" in clash
    assert "Slug" not in clash, clash
    assert "rename one of the two files" in clash, clash


def test_two_posts_for_one_file_are_still_told_to_change_a_slug():
    from sourceguard.clashes import clashes

    (clash,) = clashes(
        [("a.md", "2026/x/index.html", "page"), ("b.md", "2026/x/index.html", "page")]
    )
    assert "another Slug (or Save_as)" in clash.message
    (clash,) = clashes(
        [("a.md", "2026/x/p.png", "page"), ("p.png", "2026/x/p.png", "attached")]
    )
    assert "another Slug (or Save_as), or rename the file" in clash.message


# --- 5. A draft's link to a missing file names the draft --------------------------


def test_a_drafts_link_to_a_missing_file_names_the_draft_and_line(tmp_path):
    """The one line named the missing file but not the draft that links it,
    so the writer had to search every draft for the path."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    (posts / "2026-03-06-draft.md").write_text(
        "Title: Later\nDate: 2026-03-06\nStatus: draft\n"
        "Lessons: Learn adjacent functions\n\nFirst.\n\n"
        "![a chart]({static}/images/zq-gone.png)\n",
        encoding="utf-8",
    )
    (posts / "2026-03-07-draft.md").write_text(
        "Title: Later still\nDate: 2026-03-07\nStatus: draft\n"
        "Lessons: Learn adjacent functions\n\n"
        "[the file]({attach}../images/zq-gone.png)\n",
        encoding="utf-8",
    )

    said = passing_build(project / "content", tmp_path / "out")
    (line,) = [line for line in said.splitlines() if "zq-gone.png" in line]
    assert "content/images/zq-gone.png: no such file" in line, line
    assert "content/posts/2026-03-06-draft.md:8" in line, line
    assert "content/posts/2026-03-07-draft.md:6" in line, line
