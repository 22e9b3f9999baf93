"""Bad input a third hunt found: odd files handed to the ``reflect``
commands that read or edit a post, and what those commands did with them
(a traceback, a file outside the project read and offered for editing, a
half-written or silently rewritten file). One test per class of input, each
read the way docs/bad-input.md promises: one line naming the file, never a
traceback, the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import copy_project, lint_in_process

POSTS = Path("content/posts")


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Path:
    """A copy of the project whose posts folder holds a symbolic link of
    each kind sourceguard refuses: dangling, to itself, and to a post
    outside the project."""
    root = tmp_path_factory.mktemp("linked")
    project = copy_project(root / "project")
    outside = root / "outside.md"
    outside.write_text(
        "Title: Written elsewhere\nDate: 2025-01-01\n\n"
        "I asked two levels up and prepared targeted questions.\n",
        encoding="utf-8",
    )
    posts = project / POSTS
    (posts / "2025-01-01-dangling.md").symlink_to("nowhere.md")
    (posts / "2025-01-02-itself.md").symlink_to("2025-01-02-itself.md")
    (posts / "2025-01-03-outside.md").symlink_to(outside)
    return project


@pytest.mark.parametrize("options", [(), ("--dry-run",), ("--apply",)])
def test_suggest_leaves_out_the_links_the_build_refuses(linked, options):
    """``reflect suggest`` read every file Pelican's walk lists: a dangling
    or looping link stopped it with a traceback, and a link to a post
    outside the project was read, offered and, with ``--apply``, edited.
    The build and lint leave those links out; suggest now does too."""
    before = (linked.parent / "outside.md").read_bytes()
    ran = lint_in_process("suggest", *options, cwd=linked)
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    for name in ("dangling", "itself", "outside"):
        assert name not in ran.stdout
    assert "2025-09-14-two-levels-up.md" in ran.stdout  # the posts it can read
    assert (linked.parent / "outside.md").read_bytes() == before


def test_lint_names_each_refused_link_once(linked):
    """What suggest now leaves out, lint still names: once, as a warning."""
    ran = lint_in_process("lint", cwd=linked)
    assert "Traceback" not in ran.stderr
    for name in ("01-dangling", "02-itself", "03-outside"):
        named = [line for line in ran.stdout.splitlines() if f"2025-01-{name}" in line]
        assert len(named) == 1 and ": warning: " in named[0], named
