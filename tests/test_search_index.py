"""The search index is built while the site is written: each page goes to
Pagefind's service as soon as it exists, and the bundle comes out as the
Pagefind command would make it from the finished site."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from outputs import differences
from pagefind_bin import get_executable as pagefind_binary

from search import service
from search.pagefind import StreamingIndex
from search.service import ALLOCATOR, ALLOCATOR_VARIABLE

MARKED = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>
<body><nav>Skip to content</nav><main><h1>{title}</h1>
<div data-pagefind-body><p>{words}</p>
<span data-pagefind-filter="lesson">{lesson}</span></div></main></body></html>
"""
UNMARKED = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>
<body><main><h1>{title}</h1><p>{words}</p></main></body></html>
"""


def write_site(folder: Path, marked: int, unmarked: int) -> tuple[list[str], list[str]]:
    """``marked`` posts (the plan, in order) and ``unmarked`` other pages."""
    posts, others = [], []
    for number in range(marked):
        page = folder / f"2026/post-{number:02d}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            MARKED.format(
                title=f"Post {number}",
                words=f"mentor number{number} listened carefully",
                lesson=f"Lesson {number % 3}",
            )
        )
        posts.append(str(page))
    for number in range(unmarked):
        page = folder / f"tag/topic-{number}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(UNMARKED.format(title=f"Topic {number}", words="a list"))
        others.append(str(page))
    return posts, others


def index(folder: Path, plan: list[str], written: list[str]) -> list[Path]:
    building = StreamingIndex(folder, plan)
    for page in written:
        building.written(page)
    bundle = building.finish()
    assert building.service._backend.returncode is not None  # the service ended
    # It answers before its writes are done: none may be cut short.
    assert all(path.stat().st_size > 0 for path in bundle)
    return bundle


def fragments(site: Path) -> list[dict]:
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in sorted((site / "pagefind" / "fragment").iterdir())
    ]


def test_the_bundle_is_the_same_whatever_order_the_pages_are_written_in(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    plan, others = write_site(first, 12, 3)
    write_site(second, 12, 3)
    index(first, plan, plan + others)
    scrambled = [page.replace(str(first), str(second)) for page in plan + others]
    random.Random(5).shuffle(scrambled)
    index(second, [p.replace(str(first), str(second)) for p in plan], scrambled)
    assert differences(first, second) == []
    assert len(fragments(first)) == 12


def test_only_marked_bodies_are_indexed_when_any_page_is_marked(tmp_path):
    plan, others = write_site(tmp_path, 4, 3)
    bundle = index(tmp_path, plan, plan + others)
    indexed = fragments(tmp_path)
    assert sorted(page["url"] for page in indexed) == [
        f"/2026/post-{number:02d}/" for number in range(4)
    ]
    assert all("Skip to content" not in page["content"] for page in indexed)
    assert {page["filters"]["lesson"][0] for page in indexed} == {
        "Lesson 0",
        "Lesson 1",
        "Lesson 2",
    }
    assert all(path.is_relative_to(tmp_path / "pagefind") for path in bundle)
    assert tmp_path / "pagefind" / "pagefind.js" in bundle


def test_every_page_is_indexed_whole_when_no_page_is_marked(tmp_path):
    """As the Pagefind command does: a theme without data-pagefind-body
    gets every page searched, pages never announced included."""
    _, others = write_site(tmp_path, 0, 3)
    index(tmp_path, [], others[:2])  # the third was written without a signal
    assert sorted(page["url"] for page in fragments(tmp_path)) == [
        f"/tag/topic-{number}/" for number in range(3)
    ]


def test_the_old_bundle_is_deleted_before_the_new_one_is_written(tmp_path):
    plan, _ = write_site(tmp_path, 2, 0)
    stale = tmp_path / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier build's fragment")
    index(tmp_path, plan, plan)
    assert not stale.exists()


def test_a_service_that_dies_mid_build_stops_the_build_with_its_last_words(tmp_path):
    plan, _ = write_site(tmp_path, 3, 0)
    building = StreamingIndex(tmp_path, plan)
    building.written(plan[0])
    building.service._backend.kill()
    for page in plan[1:]:
        building.written(page)
    with pytest.raises(Exception, match="Pagefind could not index") as failure:
        building.finish()
    assert "\n" not in str(failure.value)
    assert building.service._backend.returncode is not None


def test_the_service_gives_freed_memory_back_at_once(tmp_path, monkeypatch):
    """Pagefind's jemalloc reads its options from the variable the service
    is started with (a Pagefind without it would keep freed memory again:
    this fails then, so the figures in docs/performance.md are looked at);
    options the user set there come after ours, so theirs win."""
    binary = Path(pagefind_binary())
    assert ALLOCATOR_VARIABLE.encode() in binary.read_bytes()
    monkeypatch.setenv(ALLOCATOR_VARIABLE, "narenas:2")
    plan, _ = write_site(tmp_path, 1, 0)
    building = StreamingIndex(tmp_path, plan)
    try:
        environ = Path(f"/proc/{building.service._backend.pid}/environ")
        if not environ.exists():
            pytest.skip("the service's environment is read from Linux's /proc")
        variables = dict(
            entry.split(b"=", 1) for entry in environ.read_bytes().split(b"\0") if entry
        )
        assert (
            variables[ALLOCATOR_VARIABLE.encode()] == f"{ALLOCATOR},narenas:2".encode()
        )
    finally:
        building.abort()


def test_the_allocators_options_change_nothing_in_the_bundle(tmp_path, monkeypatch):
    """Words, excerpts, anchors, filters and meta: every file of the bundle
    is the same as with jemalloc's defaults (the filter files by content)."""
    first, second = tmp_path / "first", tmp_path / "second"
    plan, others = write_site(first, 12, 3)
    index(first, plan, plan + others)
    monkeypatch.setattr(service, "ALLOCATOR", "")
    plan, others = write_site(second, 12, 3)
    index(second, plan, plan + others)
    assert differences(first, second) == []
    assert len(fragments(second)) == 12
