"""A post or page whose title makes no slug (emoji alone) gets one of its
code points and a warning, in every reader, the build and lint alike; a
slug the page or its path gives is never replaced."""

from __future__ import annotations

import pytest
from sitebuild import build_site, copy_content, lint_in_process, read

KNOWN = "Lessons: Prepare targeted questions\n"
PARTY = "\U0001f642\U0001f389"  # 🙂🎉
SLUG = "u1f642-u1f389"

POSTS = {
    "posts/2026-01-22-party.md": f"Title: {PARTY}\nDate: 2026-01-22\n{KNOWN}\nText.\n",
    "posts/2026-01-23-party.rst": (
        f"{PARTY}\n####\n\n:date: 2026-01-23\n:lessons: Prepare targeted questions\n"
        "\nText.\n"
    ),
    "posts/2026-01-24-party.html": (
        f"<html><head><title>{PARTY}</title>"
        '<meta name="date" content="2026-01-24">'
        '<meta name="lessons" content="Prepare targeted questions">'
        "</head><body><p>Text.</p></body></html>\n"
    ),
    "pages/party.md": f"Title: {PARTY}\n\nA page.\n",
}


@pytest.mark.parametrize("name", list(POSTS))
def test_every_reader_gives_an_emoji_title_a_code_point_slug_with_a_warning(
    tmp_path, name
):
    content = copy_content(tmp_path / "content")
    (content / name).write_text(POSTS[name], encoding="utf-8")

    output = build_site(tmp_path / "output", content=content)
    linted = lint_in_process("lint", str(content))

    written = [
        path
        for path in output.rglob("index.html")
        if SLUG in path.parts or path.parent.name == SLUG
    ]
    assert written, "the page is written under its fallback slug"
    assert PARTY in read(written[0])
    said = linted.stdout + linted.stderr
    # At the title's line, where it is a field (reST's is a heading).
    line = "" if name.endswith(".rst") else ":1"
    assert f"{name}{line}: warning: Title: '{PARTY}' has no letters" in said, said
    assert f"uses '{SLUG}'; give it a `Slug:` line" in said
    assert said.count("[unsluggable-title]") == 1


def test_a_slug_the_post_gives_is_kept(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2026-01-22-party.md"
    post.write_text(
        f"Title: {PARTY}\nSlug: new-year-party\nDate: 2026-01-22\n{KNOWN}\nText.\n",
        encoding="utf-8",
    )

    linted = lint_in_process("lint", str(content))

    assert "unsluggable-title" not in linted.stdout + linted.stderr


def test_a_slug_the_file_name_gives_is_kept(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-01-22-party.md").write_text(
        f"Title: {PARTY}\nDate: 2026-01-22\n{KNOWN}\nText.\n", encoding="utf-8"
    )

    output = build_site(
        tmp_path / "output",
        content=content,
        FILENAME_METADATA=r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.*)",
    )

    assert (output / "2026" / "party" / "index.html").exists()
    assert not any(SLUG in str(path) for path in output.rglob("*"))


def test_a_file_name_of_emoji_is_slugged_by_its_code_points_when_slugs_come_from_names(
    tmp_path,
):
    content = copy_content(tmp_path / "content")
    (content / "posts" / f"{PARTY}.md").write_text(
        f"Title: A party\nDate: 2026-01-22\n{KNOWN}\nText.\n", encoding="utf-8"
    )

    output = build_site(tmp_path / "output", content=content, SLUGIFY_SOURCE="basename")

    assert (output / "2026" / SLUG / "index.html").exists()
