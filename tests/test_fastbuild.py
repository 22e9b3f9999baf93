"""The fastbuild plugin changes how the site is built, never what is built."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import weakref
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pelican.readers
import pelican.utils
import pytest
from outputs import differences, every_file
from pelican import signals
from pelican.contents import Content
from pelican.settings import read_settings
from sitebuild import (
    ROOT,
    build_site,
    checkout_pythonpath,
    copy_content,
    read,
    run_pelican,
)

import fastbuild
from fastbuild import prefetch, urlmemo, workmap
from fastbuild.compat import TESTED_PELICAN, check_pelican_version
from fastbuild.settings import SETTINGS
from reflections.parse.reader import ReflectionsMarkdownReader
from sitekit import settings as declared
from sitekit.diagnostics import SettingsError
from sitekit.outputpaths import OutputPathError
from sitekit.work import work_ahead

#: Each test reads its builds' log (conftest's every_message_logged).
pytestmark = pytest.mark.usefixtures("every_message_logged")

apply_defaults = partial(declared.apply_defaults, SETTINGS)

WITH_WORKERS = {"FASTBUILD_WORKERS": 2, "FASTBUILD_MIN_POSTS": 1}


def plugins_without_fastbuild(conf: str = "pelicanconf.py") -> list[str]:
    plugins = read_settings(str(ROOT / conf))["PLUGINS"]
    assert plugins[-1] == "fastbuild"
    return plugins[:-1]


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_the_sample_site_is_the_same_byte_for_byte_without_fastbuild(
    tmp_path, conf, caplog
):
    caplog.set_level(logging.INFO, logger="fastbuild")
    siteurl = (
        {"SITEURL": "https://example.org/blog"} if conf == "publishconf.py" else {}
    )
    fast = build_site(tmp_path / "fast", conf=conf, **WITH_WORKERS, **siteurl)
    assert "posts read ahead by 2 workers" in caplog.text
    assert "article pages rendered by 2 processes" in caplog.text
    assert (
        "12 pieces of draw_and_store shared by 2 workers, started ahead" in caplog.text
    )
    plain = build_site(
        tmp_path / "plain",
        conf=conf,
        PLUGINS=plugins_without_fastbuild(conf),
        **siteurl,
    )
    assert len(every_file(plain)) > 60
    assert differences(plain, fast) == []


#: Settings a site owner plausibly sets, each changing what fastbuild's
#: workers must render as this process would: addresses from a sub-path,
#: relative links, pages saved in folders, pagination, a time zone far from
#: UTC (dates near midnight), another language and its date format.
OWNERS_SETTINGS = {
    "SITEURL": "https://example.github.io/blog",
    "RELATIVE_URLS": True,
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "DEFAULT_PAGINATION": 2,
    "TIMEZONE": "Pacific/Auckland",
    "DEFAULT_LANG": "de",
    "DATE_FORMATS": {"de": "%d.%m.%Y"},
}


def test_a_site_with_its_owners_settings_is_the_same_byte_for_byte_without_fastbuild(
    tmp_path,
):
    conf = "publishconf.py"
    fast = build_site(tmp_path / "fast", conf=conf, **WITH_WORKERS, **OWNERS_SETTINGS)
    plain = build_site(
        tmp_path / "plain",
        conf=conf,
        PLUGINS=plugins_without_fastbuild(conf),
        **OWNERS_SETTINGS,
    )
    assert (plain / "page" / "2" / "index.html").exists()  # paginated
    assert differences(plain, fast) == []


def test_a_200_post_site_is_the_same_byte_for_byte_without_fastbuild(
    tmp_path, caplog, monkeypatch
):
    caplog.set_level(logging.INFO, logger="fastbuild")
    # Every post is read by a worker, none again here (a job that cannot be
    # sent to a worker fails quietly and leaves the reading to this process).
    taken: list[bool] = []
    take = prefetch.Prefetcher.take

    def counted(self, path):
        result = take(self, path)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(prefetch.Prefetcher, "take", counted)
    content = tmp_path / "corpus"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "corpus.py"),
            str(content),
            "--posts",
            "200",
        ],
        check=True,
        capture_output=True,
    )
    publish = {"conf": "publishconf.py", "content": content, "SITEURL": "https://e.org"}
    fast = build_site(tmp_path / "fast", FASTBUILD_WORKERS=2, **publish)
    assert "200 posts read ahead by 2 workers" in caplog.text
    assert len(taken) == 200 and all(taken)
    monkeypatch.undo()
    plain = build_site(
        tmp_path / "plain",
        PLUGINS=plugins_without_fastbuild("publishconf.py"),
        **publish,
    )
    assert len(list((plain).rglob("index.html"))) > 200
    assert differences(plain, fast) == []


def test_a_later_build_without_fastbuild_in_the_same_process_gets_none_of_it(
    tmp_path,
):
    """Pelican keeps a plugin's receivers connected for the life of the
    process: a build without fastbuild, after one with it, must still be
    Pelican's own (which is what the comparisons above rely on)."""
    build_site(tmp_path / "fast", **WITH_WORKERS)
    seen = []

    def look(generator):
        seen.append(
            (
                type(generator.readers.readers["md"]) is ReflectionsMarkdownReader,
                Content.get_url_setting is urlmemo._pelicans,
                pelican.readers.get_date is pelican.utils.get_date,
            )
        )

    signals.article_generator_pretaxonomy.connect(look)
    try:
        build_site(tmp_path / "plain", PLUGINS=plugins_without_fastbuild())
    finally:
        signals.article_generator_pretaxonomy.disconnect(look)
    assert seen == [(True, True, True)]


def done_and_nice(item: int, folder: Path) -> tuple[int, int]:
    (folder / f"{item}.done").touch()
    return item, os.nice(0)


def test_work_started_ahead_runs_at_once_at_a_lower_priority(tmp_path):
    """``work_ahead`` starts the work before any result is asked for, in
    workers that yield to the build's own processes; results come in order,
    and a pool whose results were never taken ends with the build."""
    build = SimpleNamespace(settings=dict(WITH_WORKERS))
    apply_defaults(build.settings)
    workmap.install(build)
    try:
        results = work_ahead(partial(done_and_nice, folder=tmp_path), range(6))
        assert results is not None
        deadline = time.monotonic() + 120  # an event awaited, not a time measured
        while len(list(tmp_path.glob("*.done"))) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(list(tmp_path.glob("*.done"))) == 6  # none taken yet
        lower = min(os.nice(0) + workmap.AHEAD_NICENESS, 19)
        assert list(results) == [(item, lower) for item in range(6)]
        assert workmap._started == []

        work_ahead(partial(done_and_nice, folder=tmp_path), range(6))
        assert len(workmap._started) == 1
    finally:
        workmap.remove()
    assert workmap._started == []
    assert work_ahead(partial(done_and_nice, folder=tmp_path), range(6)) is None


def test_the_next_build_stops_the_workers_a_failed_build_left(tmp_path):
    """A build that fails never reaches ``finalized``: its pool started
    ahead was left running in the process (``make serve``), holding what
    it inherited open (the search service's input among them), until the
    process ended. The next build stops it as it starts, fastbuild in it
    or not."""
    build = SimpleNamespace(settings=dict(WITH_WORKERS))
    apply_defaults(build.settings)
    workmap.install(build)
    results = work_ahead(partial(done_and_nice, folder=tmp_path), range(6))
    assert results is not None and len(workmap._started) == 1
    (pool,) = workmap._started
    workers = list(pool._processes.values())  # the pool's own, to see them end
    assert workers and all(worker.is_alive() for worker in workers)

    fastbuild.register()  # connects each receiver once, whenever called
    connected = [
        receiver() if isinstance(receiver, weakref.ref) else receiver
        for receiver in signals.initialized.receivers.values()
    ]
    assert fastbuild.stop_what_a_failed_build_left in connected
    fastbuild.stop_what_a_failed_build_left(SimpleNamespace(settings={}))

    assert workmap._started == []
    assert not any(worker.is_alive() for worker in workers)
    assert work_ahead(partial(done_and_nice, folder=tmp_path), range(6)) is None


def test_work_ahead_can_be_switched_off(tmp_path):
    build = SimpleNamespace(settings={**WITH_WORKERS, "FASTBUILD_WORK_AHEAD": False})
    apply_defaults(build.settings)
    workmap.install(build)
    try:
        assert work_ahead(partial(done_and_nice, folder=tmp_path), range(6)) is None
    finally:
        workmap.remove()


def test_fastbuild_refuses_a_pelican_it_was_not_tested_with():
    with pytest.raises(
        SettingsError, match=r"tested with Pelican 4\.12\.0, not 4\.13\.0"
    ):
        check_pelican_version("4.13.0")
    check_pelican_version(TESTED_PELICAN[0])


@pytest.mark.parametrize(
    ("name", "value"),
    [("FASTBUILD_WORKERS", 0), ("FASTBUILD_WORKERS", "2"), ("FASTBUILD_RENDER", 1)],
)
def test_fastbuild_switches_are_checked_settings(name, value):
    with pytest.raises(SettingsError, match=f"setting {name} "):
        apply_defaults({name: value})


def test_a_post_that_is_not_utf8_names_itself_once_when_read_in_workers(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-01-01-latin.md").write_bytes(
        "Title: Café\nDate: 2026-01-01\n\nÉtude.\n".encode("latin-1")
    )
    result = run_pelican(
        content,
        tmp_path / "output",
        "-e",
        "FASTBUILD_WORKERS=2",
        "FASTBUILD_MIN_POSTS=1",
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert output.count("2026-01-01-latin.md: cannot read the file as UTF-8 text") == 1
    assert "Traceback" not in output


def test_two_posts_for_one_file_fail_the_build_even_with_workers(tmp_path):
    content = copy_content(tmp_path / "content")
    source = read(
        content / "posts" / "2026-06-14-coffee-with-an-engineering-manager.md"
    )
    (content / "posts" / "2026-06-15-copy.md").write_text(
        source.replace("Date: 2026-06-14", "Date: 2026-06-15"), encoding="utf-8"
    )
    with pytest.raises(OutputPathError):  # naming both, before any page is written
        build_site(tmp_path / "output", content=content, **WITH_WORKERS)
    assert not (tmp_path / "output").exists()


def test_a_killed_render_worker_is_named_and_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(
        read(article).replace(
            "{% block content %}", "{% block content %}{{ kill() }}", 1
        ),
        encoding="utf-8",
    )
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *\n"
        f"THEME = {str(theme)!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        "import os, signal\n"
        "def _kill():\n"
        "    os.kill(os.getpid(), signal.SIGKILL) if os.getpid() != PARENT else None\n"
        "    return ''\n"
        "PARENT = os.getpid()\n"
        "JINJA_GLOBALS = {'kill': _kill}\n"
        "FASTBUILD_WORKERS = 2\nFASTBUILD_MIN_POSTS = 1\n"
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "pelican"),
            str(content),
            "-o",
            str(tmp_path / "output"),
            "-s",
            str(conf),
            "--fatal",
            "errors",
            "--ignore-cache",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "COLUMNS": "200",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": checkout_pythonpath(),
        },
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "rendering article pages was killed by SIGKILL" in output
    assert "Traceback" not in output


END_WITHOUT_TAKING = """
import sys, time
sys.path[:0] = [{plugins!r}, {tools!r}]
from types import SimpleNamespace
from fastbuild import workmap
from sitekit.work import work_ahead
from pelican_child import end_without_teardown

settings = {{"FASTBUILD_WORKERS": 2, "FASTBUILD_MIN_POSTS": 1}}
workmap.install(SimpleNamespace(settings=settings))
started = work_ahead(time.sleep, [0.01] * 4)
assert started is not None
end_without_teardown(3)  # a build stopped by an error: no finalized, no teardown
"""


def test_work_started_ahead_ends_with_a_build_that_stops_on_an_error():
    """A build that stopped on an error (a template that fails) never sent
    ``finalized``, and its process ends without Python's teardown: the idle
    workers of work started ahead were never told to stop, and
    multiprocessing's exit handler waited for them for ever."""
    code = END_WITHOUT_TAKING.format(
        plugins=str(ROOT / "plugins"), tools=str(ROOT / "tools")
    )
    ended = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30
    )
    assert ended.returncode == 3, ended.stderr
