"""`make html` and `make publish` (tools/build.py): a lock, a scratch folder
swapped in whole, and an output folder that holds exactly one build."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from outputs import differences, listing
from sitebuild import ROOT, copy_content, read

BUILD = [sys.executable, str(ROOT / "tools" / "build.py")]


def build(content: Path, output: Path, *options: str, conf="pelicanconf.py", wait=None):
    env = {**os.environ, "COLUMNS": "200"}
    if wait is not None:
        env["BUILD_LOCK_WAIT"] = str(wait)
    return subprocess.Popen(
        [
            *BUILD,
            "build",
            "--input",
            str(content),
            "--output",
            str(output),
            "--settings",
            str(ROOT / conf),
            "--",
            "--cache-path",
            str(output.parent / f"{output.name}-cache"),
            *options,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def finished(process: subprocess.Popen) -> tuple[int, str]:
    out, _ = process.communicate(timeout=600)
    return process.returncode, out


def corpus(folder: Path, posts: int) -> Path:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "corpus.py"),
            str(folder),
            "--posts",
            str(posts),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def test_output_holds_exactly_what_the_last_build_wrote(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    assert finished(build(content, output))[0] == 0
    assert finished(build(content, output))[0] == 0
    deleted = content / "posts" / "2025-10-05-peer-product-manager.md"
    deleted.unlink()
    code, log = finished(build(content, output))
    assert code == 0, log
    assert finished(build(content, tmp_path / "cold"))[0] == 0
    assert listing(output) == listing(tmp_path / "cold")
    assert not [name for name in listing(output) if "peer-product-manager" in name]
    assert not [n for n in listing(output) if Path(n).name.startswith(".")]
    assert differences(tmp_path / "cold", output) == []
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.name.startswith(".output")
    ) in (
        [],
        [".output.lock"],
    )


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    assert finished(build(content, output))[0] == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    (content / "posts" / "2026-11-01-broken.md").write_text(
        "Title: Broken\nDate: someday\n\nText.\n", encoding="utf-8"
    )
    code, log = finished(build(content, output))
    assert code != 0
    assert "2026-11-01-broken.md:2: Date: 'someday' is not a date" in log
    assert "the last good site is left as it was" in log
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".output.build-*"))


def test_an_interrupted_build_leaves_the_last_good_site_untouched(tmp_path):
    content = corpus(tmp_path / "corpus", 200)
    output = tmp_path / "output"
    assert finished(build(content, output, "--ignore-cache"))[0] == 0
    before = listing(output)
    running = build(content, output, "--ignore-cache")
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".output.build-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    running.send_signal(signal.SIGTERM)
    code, _ = finished(running)
    assert code != 0
    assert listing(output) == before
    assert not list(tmp_path.glob(".output.build-*"))


def test_a_second_build_waits_for_the_lock_then_refuses(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    with (tmp_path / ".output.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, log = finished(build(content, output, wait=1))
    assert code == 1
    assert "Another build of" in log and "waiting for it to finish" in log
    assert re.search(r"another build of .*output/ has held its lock for over 1 s", log)
    assert "Traceback" not in log
    assert not output.exists()


def test_overlapping_builds_never_leave_a_broken_site(tmp_path):
    content = corpus(tmp_path / "corpus", 200)
    reference = tmp_path / "reference"
    assert finished(build(content, reference))[0] == 0
    expected = listing(reference)
    output = tmp_path / "output"
    for _ in range(10):
        first = build(content, output)
        time.sleep(0.3)
        second = build(content, output)
        results = [finished(first), finished(second)]
        assert [code for code, _ in results] == [0, 0], results
        assert listing(output) == expected
        assert differences(reference, output) == []


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    content = copy_content(folder / "content")
    (content / "posts" / "2026-11-20-a-draft.md").write_text(
        "Title: Not yet\nDate: 2026-11-20\nStatus: draft\n\nSoon.\n", encoding="utf-8"
    )
    code, log = finished(
        build(
            content,
            folder / "output",
            "-e",
            'SITEURL="https://example.org/blog"',
            conf="publishconf.py",
        )
    )
    assert code == 0, log
    return folder / "output"


def locations(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]*)</loc>", read(site / "sitemap.xml"))


def test_the_sitemap_lists_every_page_a_reader_can_land_on(published):
    urls = locations(published)
    base = "https://example.org/blog/"
    pages = {
        f"{base}{p.relative_to(published).parent.as_posix()}/".replace("/./", "/")
        for p in published.rglob("index.html")
        if "drafts" not in p.parts
    }
    assert set(urls) == pages
    for expected in (
        base,
        f"{base}2025/two-levels-up/",
        f"{base}about/",
        f"{base}lessons/interview-two-levels-up/",
        f"{base}reflections/",
        f"{base}tags/",
        f"{base}category/mentoring/",
        f"{base}page/2/" if (published / "page" / "2").is_dir() else base,
        f"{base}feeds/",
    ):
        assert expected in urls
    assert not [
        url for url in urls if "404" in url or "drafts" in url or "not-yet" in url
    ]


def test_robots_txt_points_at_the_sitemap(published):
    assert "Sitemap: https://example.org/blog/sitemap.xml" in read(
        published / "robots.txt"
    )


def test_a_rebuild_after_an_edit_writes_the_same_sitemap_as_a_cold_build(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    # A sitemap is written only where SITEURL is absolute.
    absolute = ("-e", 'SITEURL="https://example.org"')
    assert finished(build(content, output, *absolute))[0] == 0
    post = content / "posts" / "2026-04-26-teacher-to-ux-research.md"
    post.write_text(
        read(post).replace("Title: ", "Title: Edited: ", 1), encoding="utf-8"
    )
    (content / "posts" / "2026-11-02-new.md").write_text(
        "Title: A new one\nDate: 2026-11-02\nLessons: Follow up within a day\n\nNew.\n",
        encoding="utf-8",
    )
    assert finished(build(content, output, *absolute))[0] == 0
    assert finished(build(content, tmp_path / "cold", *absolute))[0] == 0
    assert "2026/a-new-one/" in read(output / "sitemap.xml")
    assert differences(tmp_path / "cold", output) == []
