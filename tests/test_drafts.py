"""Drafts are previews: local builds write them with noindex, a publish
build writes none at all."""

from __future__ import annotations

import pytest
from sitebuild import build_site, copy_content, output_files, read

DRAFT = """Title: Half-written: a salary conversation
Slug: salary-conversation
Date: 2026-11-20
Status: draft
Lessons: Prepare targeted questions

Not ready for anyone yet: a sentence only the writer should see.
"""
DRAFT_PAGE = """Title: Speaking page in progress
Slug: speaking
Status: draft

A page nobody should find yet.
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = copy_content(tmp_path_factory.mktemp("drafts") / "content")
    (folder / "posts" / "2026-11-20-salary-conversation.md").write_text(DRAFT)
    (folder / "pages" / "speaking.md").write_text(DRAFT_PAGE)
    return folder


def test_a_local_build_previews_drafts_with_noindex(content, tmp_path):
    site = build_site(tmp_path / "output", content=content)
    draft = read(site / "drafts" / "salary-conversation" / "index.html")
    assert '<meta name="robots" content="noindex">' in draft
    page = read(site / "drafts" / "pages" / "speaking.html")
    assert '<meta name="robots" content="noindex">' in page
    published = read(site / "2025" / "two-levels-up" / "index.html")
    assert 'name="robots"' not in published
    assert 'name="robots"' not in read(site / "index.html")


def test_a_publish_build_writes_no_drafts_at_all(content, tmp_path):
    site = build_site(tmp_path / "output", conf="publishconf.py", content=content)
    assert not (site / "drafts").exists()
    assert (site / "2025" / "two-levels-up" / "index.html").exists()
    # Every file, the search index's compressed ones decompressed.
    for path, data in output_files(site):
        assert b"a sentence only the writer should see" not in data, path
        assert b"A page nobody should find yet" not in data, path
