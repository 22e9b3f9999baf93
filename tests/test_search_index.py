"""The search index is built while the site is written: each page goes to
Pagefind's service as soon as it exists, and the bundle comes out as the
Pagefind command would make it from the finished site."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import random
import threading
import time
from pathlib import Path

import pytest
from outputs import differences
from pagefind_bin import get_executable as pagefind_binary

from search import pagefind, service
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


def write_page(folder: Path, name: str, template: str, title: str) -> str:
    page = folder / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(template.format(title=title, words="office hours", lesson="Extra"))
    return str(page)


def index_in_two_steps(
    folder: Path, plan: list[str], then: list[str], unannounced: str | None = None
) -> StreamingIndex:
    """The plan is written, its bundle written while the ``then`` pages
    are (``unannounced`` is written without a signal); then ``finalized``."""
    building = StreamingIndex(folder, plan)
    for page in plan:
        building.written(page)
    assert building.written_early.wait(timeout=120)  # a generous bound, not a timing
    bundle = folder / "pagefind"
    assert (bundle / "pagefind.js").exists()
    assert all(path.stat().st_size > 0 for path in bundle.rglob("*") if path.is_file())
    for page in then:
        building.written(page)
    if unannounced:
        write_page(folder, unannounced, MARKED, "Written quietly")
    building.finish()
    return building


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


def test_the_bundle_is_written_once_the_plan_is_indexed_as_it_is_at_the_end(
    tmp_path, monkeypatch
):
    """The posts are indexed: Pagefind writes its bundle while Pelican
    writes the rest, and it is the bundle a write at the end makes."""
    early, late = tmp_path / "early", tmp_path / "late"
    plan, others = write_site(early, 12, 3)
    stale = early / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier build's fragment")
    building = index_in_two_steps(early, plan, others)
    assert building.write_queued and not building.sent_since_write
    assert not stale.exists()
    monkeypatch.setattr(pagefind, "WRITE_EARLY", False)
    plan, others = write_site(late, 12, 3)
    index(late, plan, plan + others)
    assert differences(early, late) == []
    assert len(fragments(early)) == 12


def test_a_marked_page_outside_the_plan_is_indexed_after_the_early_write(
    tmp_path, monkeypatch
):
    """A page outside the plan that is marked (a static page with a
    data-pagefind-body element), announced or not, goes into the index
    after the posts, as it would without the early write; the bundle is
    written again and equals the one written once at the end."""
    early, late = tmp_path / "early", tmp_path / "late"
    for site in (early, late):
        plan, others = write_site(site, 6, 2)
        others.append(write_page(site, "about/index.html", MARKED, "About"))
        monkeypatch.setattr(pagefind, "WRITE_EARLY", site == early)
        if site == early:
            building = index_in_two_steps(early, plan, others, "quiet/index.html")
            assert building.sent_since_write
        else:
            write_page(late, "quiet/index.html", MARKED, "Written quietly")
            index(late, plan, plan + others)
    assert differences(early, late) == []
    assert sorted(page["url"] for page in fragments(early)) == [
        *(f"/2026/post-{number:02d}/" for number in range(6)),
        "/about/",
        "/quiet/",
    ]
    assert not list((early / "pagefind").rglob("*stale*"))


def test_a_site_whose_posts_are_not_marked_is_indexed_whole_at_the_end(tmp_path):
    """No page marked: nothing is written early (every page, the tags
    pages too, is indexed, and only the end knows them all)."""
    plan = [
        write_page(
            tmp_path, f"2026/post-{number}/index.html", UNMARKED, f"Post {number}"
        )
        for number in range(3)
    ]
    _, others = write_site(tmp_path, 0, 2)
    building = StreamingIndex(tmp_path, plan)
    for page in plan + others:
        building.written(page)
    assert not building.write_queued
    building.finish()
    assert not building.written_early.is_set()
    assert sorted(page["url"] for page in fragments(tmp_path)) == [
        *(f"/2026/post-{number}/" for number in range(3)),
        "/tag/topic-0/",
        "/tag/topic-1/",
    ]


def test_a_build_that_stops_after_the_early_write_leaves_only_this_builds_bundle(
    tmp_path,
):
    """A plain ``pelican`` that fails after the posts: the output holds
    this build's bundle, whole (the earlier one was deleted first); the
    guarded build (tools/build.py) never shows that output at all."""
    plan, _ = write_site(tmp_path, 3, 0)
    stale = tmp_path / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier build's fragment")
    building = StreamingIndex(tmp_path, plan)
    for page in plan:
        building.written(page)
    assert building.written_early.wait(timeout=120)
    building.abort()  # the build failed: finalized never comes
    assert not stale.exists()
    assert len(fragments(tmp_path)) == 3
    assert building.service._backend.returncode is not None


def test_without_posts_the_bundle_is_written_at_the_end(tmp_path):
    """No plan (no articles generator, or no posts): nothing to write
    early; the marked pages are indexed at the end, as before."""
    pages, _ = write_site(tmp_path, 2, 1)
    building = StreamingIndex(tmp_path, [])
    for page in pages:
        building.written(page)
    assert not building.write_queued
    building.finish()
    assert not building.written_early.is_set()
    assert sorted(page["url"] for page in fragments(tmp_path)) == [
        "/2026/post-00/",
        "/2026/post-01/",
    ]


def test_a_failed_builds_index_ends_while_a_forked_process_holds_its_input(
    tmp_path, monkeypatch
):
    """A build that fails leaves its index to the next build in the process
    (``make serve``), which ends it. A process forked while the service ran
    (fastbuild's workers, which a failed build may leave running) holds the
    other end of the service's input, so closing it ended nothing and the
    next build waited for ``STOP_WAIT`` (30 s): the service is ended at
    once, its work unwanted."""
    monkeypatch.setattr(service, "STOP_WAIT", 3600)
    monkeypatch.setattr(pagefind, "STOP_WAIT", 3600)
    plan, _ = write_site(tmp_path, 1, 0)
    building = StreamingIndex(tmp_path, plan)
    holder = multiprocessing.get_context("fork").Process(target=time.sleep, args=(600,))
    holder.start()
    try:
        stopping = threading.Thread(target=building.abort, daemon=True)
        stopping.start()
        stopping.join(timeout=300)  # only so that a hang fails: nothing is timed
        assert not stopping.is_alive(), "the service waited for its input to end"
        assert holder.is_alive()  # it holds the service's input still
        assert building.service._backend.returncode is not None
    finally:
        holder.kill()
        holder.join()
