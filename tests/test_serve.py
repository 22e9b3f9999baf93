"""`make serve` as docs/publishing.md describes it: each rebuild is a whole
build swapped in, the same bytes as `make html`'s, and a page open in the
browser reloads by itself once the rebuild is in place. After an edit of
the content, the pages open are shown first, from a first pass that writes
only them, each the whole build's page byte for byte; a page the whole
build then leaves as shown does not reload again."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from outputs import differences
from pelican.settings import read_settings
from preview import ROOT, OpenPage, Preview, is_whole_build
from sitebuild import copy_project
from test_build_command import build_command

sys.path.insert(0, str(ROOT / "tools"))
from preview_loop import content_only, watched_paths  # tools/preview_loop.py

POST = "posts/2025-09-14-two-levels-up.md"
POST_URL = "/2025/two-levels-up/"
POST_FILE = "2025/two-levels-up/index.html"
REBUILT = re.compile(r"^Done: Processed")
REFUSED = re.compile(r"^build: ")
SHOWN_FIRST = re.compile(r"^Shown first: ")
FIRST_PASS_FAILED = re.compile(
    r"^build: the first pass.* stopped .*the whole build follows"
)
WHOLE_BUILD_FAILED = re.compile(r"^build: Pelican stopped")
RELOAD_TAG = re.compile(rb'<script src="/\.preview/reload\.js"[^>]*></script>')


def add_sentence(content: Path, sentence: str) -> None:
    """Save the post with ``sentence`` as the first paragraph of its body."""
    path = content / POST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", f"\n\n{sentence}\n\n", 1), encoding="utf-8")


def cold_build(content: Path, output: Path) -> Path:
    subprocess.run(
        build_command(content, output), cwd=ROOT, check=True, capture_output=True
    )
    return output


@pytest.fixture
def preview(tmp_path):
    """`make serve` of a copy of the project: it watches the copy's theme,
    plugins and settings, so an edit of the project's own files while the
    test runs (a merge, a helper at work) is no edit of the test's site."""
    project = copy_project(tmp_path / "project")
    content = project / "content"
    conf = str(project / "pelicanconf.py")
    with Preview(content, tmp_path / "output", conf=conf) as running:
        running.content = content
        yield running


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_a_rebuild_is_make_htmls_site_byte_for_byte_without_the_reload_script(
    preview, tmp_path
):
    """The warm builder's rebuild (forked, libraries already imported) and
    a cold `make html` of the same edited content write the same files."""
    seen = len(preview.lines)
    add_sentence(preview.content, "A sentence saved during the preview.")
    preview.wait_for_line(REBUILT, after=seen)
    deadline = time.monotonic() + 60
    while preview.current_build()["build"].endswith("-1"):  # until swapped in
        assert time.monotonic() < deadline
        time.sleep(0.2)
    page = (preview.output / POST_URL.strip("/") / "index.html").read_bytes()
    assert b"A sentence saved during the preview." in page
    cold = cold_build(preview.content, tmp_path / "cold")
    assert differences(preview.output, cold) == []
    for path in preview.output.rglob("*"):
        if path.is_file():
            assert b".preview/" not in path.read_bytes(), path


def test_pages_get_the_reload_script_and_every_other_file_is_served_as_built(
    preview,
):
    status, headers, body = fetch(preview.url + POST_URL)
    built = (preview.output / POST_URL.strip("/") / "index.html").read_bytes()
    build = preview.current_build()["build"]
    tag = (
        f'<script src="/.preview/reload.js" data-build="{build}" '
        f'data-page="{POST_FILE}"></script>'
    )
    assert status == 200
    assert body == built.replace(b"</body>", tag.encode() + b"</body>")
    assert headers["Cache-Control"] == "no-store"

    for path in ("theme/css/article.css", "feeds/all.atom.xml", "reflections.json"):
        status, headers, body = fetch(f"{preview.url}/{path}")
        assert (status, body) == (200, (preview.output / path).read_bytes())
        assert headers["Cache-Control"] == "no-cache"

    status, headers, body = fetch(f"{preview.url}/no-such-post/")
    assert status == 404
    assert body.startswith((preview.output / "404.html").read_bytes()[:200])
    assert tag.replace(POST_FILE, "no-such-post/index.html").encode() in body

    status, headers, body = fetch(f"{preview.url}/.preview/reload.js")
    assert status == 200
    assert headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert body == (ROOT / "tools" / "preview_reload.js").read_bytes()


def test_a_failed_rebuild_is_said_and_the_last_good_site_stays_served(preview):
    seen = len(preview.lines)
    before = preview.current_build()["build"]
    shutil.copy(preview.content / POST, preview.content / "posts" / "a-copy.md")
    preview.wait_for_line(REFUSED, after=seen)
    assert preview.current_build()["build"] == before
    status, _, _ = fetch(preview.url + POST_URL)
    assert status == 200


def test_an_open_page_is_shown_first_then_the_whole_site_follows(preview, tmp_path):
    """The open page shows the edit from the first pass, before the whole
    build; the whole build's page is the same bytes, so the page need not
    reload again; and the site is then a cold build's, with no overlay."""
    with OpenPage(preview.url, POST_FILE) as page:
        page.wait_for(is_whole_build)
        seen = len(page.events)
        add_sentence(preview.content, "Shown before the whole site.")
        first = page.wait_for(lambda event: True, after=seen)
        assert first["pages"] == [POST_FILE]
        _, _, shown = fetch(preview.url + POST_URL)
        assert b"Shown before the whole site." in shown
        assert f'data-build="{first["build"]}"'.encode() in shown
        _, _, home = fetch(preview.url + "/")  # not open: the site in place
        assert f'data-build="{first["build"]}"'.encode() not in home
        whole = page.wait_for(is_whole_build, after=seen)
    assert (whole["follows"], whole["unchanged"]) == (first["build"], [POST_FILE])
    assert RELOAD_TAG.sub(b"", shown) == (preview.output / POST_FILE).read_bytes()
    assert preview.wait_for_line(SHOWN_FIRST)
    cold = cold_build(preview.content, tmp_path / "cold")
    assert differences(preview.output, cold) == []
    assert not list(tmp_path.glob(".output.preview-*"))
    for path in preview.output.rglob("*"):
        if path.is_file():
            assert b".preview/" not in path.read_bytes(), path


def test_make_serve_stopped_during_a_first_pass_leaves_no_overlay(preview, tmp_path):
    with OpenPage(preview.url, POST_FILE) as page:
        page.wait_for(is_whole_build)
        add_sentence(preview.content, "Saved just before make serve stops.")
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".output.preview-*")):  # the pass began
            assert time.monotonic() < deadline, "no first pass began"
            time.sleep(0.01)
        preview.stop()
    assert preview.process.returncode == 128 + signal.SIGTERM
    assert list(tmp_path.glob(".output.preview-*")) == []


def test_a_page_whose_address_is_not_ascii_is_shown_first(tmp_path):
    """Its address is percent-encoded; the first pass writes, and the
    server serves, the file it names."""
    project = copy_project(tmp_path / "project")
    content = project / "content"
    post = content / POST
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("Slug: two-levels-up", "Slug: deux-niveaux-à-côté"))
    name = "2025/deux-niveaux-à-côté/index.html"
    with (
        Preview(
            content, tmp_path / "output", conf=project / "pelicanconf.py"
        ) as running,
        OpenPage(running.url, name) as page,
    ):
        address = f"{running.url}/2025/deux-niveaux-%C3%A0-c%C3%B4t%C3%A9/"
        assert f'data-page="{name}"'.encode() in fetch(address)[2]
        page.wait_for(is_whole_build)
        seen = len(page.events)
        add_sentence(content, "Shown first, whatever the address.")
        first = page.wait_for(lambda event: True, after=seen)
        assert first["pages"] == [name]
        assert b"Shown first, whatever the address." in fetch(address)[2]
        page.wait_for(is_whole_build, after=seen)


def test_without_an_open_page_there_is_no_first_pass(preview):
    seen = len(preview.lines)
    add_sentence(preview.content, "Nobody is looking.")
    preview.wait_for_line(REBUILT, after=seen)
    assert not [line for line in preview.lines[seen:] if SHOWN_FIRST.search(line)]
    assert "follows" not in preview.current_build()


def test_a_settings_edit_rebuilds_the_whole_site_without_a_first_pass(tmp_path):
    project = copy_project(tmp_path / "project")
    settings = project / "pelicanconf.py"
    with (
        Preview(project / "content", tmp_path / "output", conf=str(settings)) as run,
        OpenPage(run.url, POST_FILE) as page,
    ):
        page.wait_for(is_whole_build)
        seen, lines = len(page.events), len(run.lines)
        settings.write_text(
            settings.read_text(encoding="utf-8") + '\nSITESUBTITLE = "Edited"\n',
            encoding="utf-8",
        )
        event = page.wait_for(lambda event: True, after=seen)
        assert is_whole_build(event) and "follows" not in event
        assert not [line for line in run.lines[lines:] if SHOWN_FIRST.search(line)]


@pytest.mark.parametrize(
    ("edited", "first_pass"),
    [
        (["content/posts/a.md"], True),
        (["content/posts/a.md", "content/lessons.yml"], True),
        (["theme/templates/article.html"], False),
        (["plugins/reflections/model.py"], False),
        (["pelicanconf.py"], False),
        (["content/posts/a.md", "theme/static/css/site.css"], False),
        ([], False),
    ],
)
def test_only_an_edit_of_the_content_gets_a_first_pass(tmp_path, edited, first_pass):
    paths = [tmp_path / path for path in edited]
    assert content_only(paths, tmp_path / "content") is first_pass


def test_a_failed_first_pass_is_one_line_and_the_whole_build_still_runs(preview):
    """Its error is the whole build's to say: it comes next."""
    with OpenPage(preview.url, POST_FILE) as page:
        page.wait_for(is_whole_build)
        before = preview.current_build()["build"]
        seen = len(preview.lines)
        shutil.copy(preview.content / POST, preview.content / "posts" / "a-copy.md")
        failed = preview.wait_for_line(WHOLE_BUILD_FAILED, after=seen)
    said = preview.lines[seen:]
    first = [n for n, line in enumerate(said) if FIRST_PASS_FAILED.search(line)]
    assert len(first) == 1
    assert first[0] < said.index(failed.string)
    assert any("a-copy.md" in line for line in said[first[0] + 1 :])
    assert preview.current_build()["build"] == before


def test_warm_rebuilds_fail_on_a_warning_as_cold_ones_do(tmp_path):
    """`--fatal warnings`: the local build's warning about feeds without a
    SITEURL stops the first build and every warm rebuild alike (loggers
    made by imported libraries are Pelican's, as in a fresh process)."""
    project = copy_project(tmp_path / "project")
    content = project / "content"
    with Preview(
        content,
        tmp_path / "output",
        conf=project / "pelicanconf.py",
        pelican=("--fatal", "warnings"),
    ) as running:
        assert running.wait_for_line(REFUSED)
        for attempt in range(2):
            seen = len(running.lines)
            add_sentence(content, f"Edit number {attempt}.")
            refused = running.wait_for_line(REFUSED, after=seen)
            assert "Pelican stopped" in refused.string
        assert not running.output.exists() or not any(running.output.iterdir())


def test_the_warm_builder_dies_with_make_serve(preview):
    builders = [
        pid
        for pid, parent in processes()
        if parent == preview.process.pid and "warm_pelican" in command_line(pid)
    ]
    assert len(builders) == 1
    group = os.getpgid(builders[0])
    preview.process.send_signal(signal.SIGKILL)
    preview.process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while group_alive(group):
        assert time.monotonic() < deadline, "the warm builder outlived make serve"
        time.sleep(0.1)


def processes() -> list[tuple[int, int]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(") ", 1)[1].split()[:2]
            if state != "Z":
                found.append((int(entry.name), int(parent)))
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return any(_group_of(pid) == group for pid, _ in processes())


def _group_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, _, group = stat.rsplit(") ", 1)[1].split()[:3]
    return None if state == "Z" else int(group)


# In the browser


@pytest.mark.browser
def test_an_open_page_shows_a_saved_edit_without_a_manual_reload(preview, chromium):
    page, problems = open_watched(chromium, preview.url + POST_URL)
    add_sentence(preview.content, "A sentence the open page shows by itself.")
    page.wait_for_function(
        "document.body.innerText.includes('A sentence the open page shows by itself.')",
        timeout=120_000,
    )
    page.wait_for_load_state("load")
    add_sentence(preview.content, "And a second one, after the first reload.")
    page.wait_for_function(
        "document.body.innerText.includes('And a second one, after the first reload.')",
        timeout=120_000,
    )
    assert problems == []
    page.context.close()


@pytest.mark.browser
def test_an_open_page_reloads_once_for_an_edit(preview, chromium):
    """Once for the first pass; the whole build leaves it as shown."""
    page, problems = open_watched(chromium, preview.url + POST_URL)
    wait_until_open(preview, POST_FILE)
    loads = []
    page.on("load", lambda: loads.append(page.url))
    with OpenPage(preview.url, "") as watcher:  # a stream, not an open page
        watcher.wait_for(is_whole_build)
        seen, lines = len(watcher.events), len(preview.lines)
        add_sentence(preview.content, "Shown once.")
        page.wait_for_function(
            "document.body.innerText.includes('Shown once.')", timeout=120_000
        )
        watcher.wait_for(is_whole_build, after=seen)
    page.wait_for_timeout(1500)  # a second reload, had one been sent, would be in
    assert loads == [preview.url + POST_URL]
    assert preview.wait_for_line(SHOWN_FIRST, after=lines)
    assert problems == []
    page.context.close()


@pytest.mark.browser
def test_a_failed_rebuild_leaves_the_open_page_as_it_is(preview, chromium):
    page, problems = open_watched(chromium, preview.url + POST_URL)
    loads = []
    page.on("load", lambda: loads.append(time.monotonic()))
    seen = len(preview.lines)
    shutil.copy(preview.content / POST, preview.content / "posts" / "a-copy.md")
    preview.wait_for_line(REFUSED, after=seen)
    page.wait_for_timeout(1500)  # a reload, had one been sent, would be in
    assert loads == []
    (preview.content / "posts" / "a-copy.md").unlink()
    add_sentence(preview.content, "Fixed, and shown.")
    page.wait_for_function(
        "document.body.innerText.includes('Fixed, and shown.')", timeout=120_000
    )
    assert problems == []
    page.context.close()


@pytest.mark.browser
def test_an_open_page_reconnects_after_make_serve_restarts(tmp_path, chromium):
    project = copy_project(tmp_path / "project")
    content, conf = project / "content", project / "pelicanconf.py"
    output = tmp_path / "output"
    with Preview(content, output, conf=conf) as first:
        port = first.port
        page, problems = open_watched(chromium, first.url + POST_URL)
    assert first.process.returncode is not None
    add_sentence(content, "Written while make serve was stopped.")
    with Preview(content, output, conf=conf, port=port) as second:
        page.wait_for_function(
            "document.body.innerText.includes('Written while make serve was stopped.')",
            timeout=120_000,
        )
        add_sentence(content, "Written after it came back.")
        page.wait_for_function(
            "document.body.innerText.includes('Written after it came back.')",
            timeout=120_000,
        )
        assert second.url.endswith(f":{port}")
    # Only the browser's own lines about the refused connection while the
    # server was down; never a script error.
    assert [p for p in problems if "ERR_CONNECTION_REFUSED" not in p] == []
    page.context.close()


@pytest.mark.browser
def test_with_javascript_off_a_served_page_is_the_page_as_built(preview, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(preview.url + POST_URL)
    assert page.locator("h1").first.inner_text()
    assert page.locator(".post__body").inner_text()
    context.close()


@pytest.mark.browser
def test_many_tabs_share_one_stream_and_each_still_loads_and_reloads(preview, chromium):
    """A browser opens at most six connections to a host; with a stream per
    tab, the seventh tab of the preview never loaded. The tabs share one
    stream (a shared worker), so nine load, each counts as open while it
    is, and an edit reloads every tab that shows the post."""
    context = chromium.new_context()
    problems: list[str] = []
    context.on("weberror", lambda error: problems.append(str(error.error)))
    tabs = []
    for path in [POST_URL] * 8 + ["/"]:
        tab = context.new_page()
        tab.goto(preview.url + path, timeout=30_000)
        tab.wait_for_function(
            "document.querySelector('script[data-build]') !== null", timeout=30_000
        )
        tabs.append(tab)
    wait_until_open(preview, POST_FILE)
    wait_until_open(preview, "index.html")

    add_sentence(preview.content, "Every tab shows this.")
    for tab in tabs[:8]:
        tab.wait_for_function(
            "document.body.innerText.includes('Every tab shows this.')",
            timeout=120_000,
        )

    tabs[8].close(run_before_unload=True)
    deadline = time.monotonic() + 30
    while "index.html" in json.loads(fetch(f"{preview.url}/.preview/open")[2]):
        assert time.monotonic() < deadline, "a closed tab's page still counts as open"
        time.sleep(0.1)
    # The worker's stream is replaced by one naming the tabs still open.
    wait_until_open(preview, POST_FILE)
    assert problems == []
    context.close()


@pytest.mark.browser
def test_a_browser_without_shared_workers_reloads_on_its_own_stream(preview, chromium):
    """Some mobile browsers have no SharedWorker: the page holds its own
    stream, as every page did before, and still reloads for an edit."""
    context = chromium.new_context()
    context.add_init_script("delete window.SharedWorker;")
    page = context.new_page()
    page.goto(preview.url + POST_URL)
    assert page.evaluate("typeof SharedWorker") == "undefined"
    wait_until_open(preview, POST_FILE)
    add_sentence(preview.content, "Shown without a shared worker.")
    page.wait_for_function(
        "document.body.innerText.includes('Shown without a shared worker.')",
        timeout=120_000,
    )
    context.close()


def wait_until_open(preview: Preview, page: str) -> None:
    """Until the server counts ``page`` as open (its script has connected)."""
    deadline = time.monotonic() + 60
    while page not in json.loads(fetch(f"{preview.url}/.preview/open")[2]):
        assert time.monotonic() < deadline, f"{page} never registered as open"
        time.sleep(0.1)


def open_watched(chromium, url: str):
    """A page at ``url``, with every console error and page error kept."""
    context = chromium.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    page.wait_for_function("document.querySelector('script[data-build]') !== null")
    return page, problems


def test_make_serve_watches_the_theme_and_plugins_its_settings_file_names(tmp_path):
    """An edit of the theme or a plugin rebuilds the whole site: `make serve`
    watches the folders the build reads them from (``THEME`` and
    ``PLUGIN_PATHS``, beside the settings file), not the ones beside its own
    tools. A project elsewhere is watched, and a test's copy of the project
    is not rebuilt by an edit of the project it was copied from."""
    project = copy_project(tmp_path / "project")
    conf = project / "pelicanconf.py"

    watched = watched_paths(project / "content", conf, read_settings(str(conf)))

    assert sorted(watched) == sorted(
        [project / "content", conf, project / "theme", project / "plugins"]
    )


@pytest.mark.parametrize("watched", ["settings", "content"])
def test_a_preview_of_the_project_itself_is_refused(tmp_path, watched):
    """`make serve` watches the theme and plugins its settings file names,
    and the content folder: a test or the benchmark previewing the project's
    own would be disturbed by an edit of the project while it runs (a merge,
    another person at work). Each previews a copy of the project."""
    project = copy_project(tmp_path / "project")
    content = ROOT / "content" if watched == "content" else project / "content"
    conf = ROOT / "pelicanconf.py" if watched == "settings" else None
    with (
        pytest.raises(ValueError, match="a copy of the project"),
        Preview(content, tmp_path / "output", conf=conf or project / "pelicanconf.py"),
    ):
        pass


def test_every_rebuild_says_its_warnings_again(preview):
    """Pelican logs a message once per process (its LimitFilter): a
    rebuild in the process of an earlier one would keep quiet about a
    problem the writer fixed and then brought back. Each rebuild is a
    process of its own (``tools/warm_pelican.py``), so each says it."""
    broken = "See [the card]({static}/images/zq-nowhere-card.png)."

    def rebuilt_saying(sentence: str | None) -> list[str]:
        seen = len(preview.lines)
        path = preview.content / POST
        text = path.read_text(encoding="utf-8").replace(broken + "\n\n", "")
        path.write_text(text, encoding="utf-8")
        if sentence:
            add_sentence(preview.content, sentence)
        preview.wait_for_line(REBUILT, after=seen)
        return [line for line in preview.lines[seen:] if "zq-nowhere-card" in line]

    assert rebuilt_saying(broken)
    assert not rebuilt_saying(None)
    assert rebuilt_saying(broken)
