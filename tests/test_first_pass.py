"""`make serve`'s first pass, as docs/publishing.md describes it: a build that
reads the whole site but writes only the pages open in a browser (the
openpages plugin, with ``SELECTED_PAGES``), each the whole build's page byte
for byte, with no search index, preview image, feed or data file of its own;
and what the preview server makes of it (tools/preview_events.py)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pelican.settings import read_settings
from sitebuild import PELICAN, ROOT, copy_project, run_pelican

sys.path.insert(0, str(ROOT / "tools"))

import preview_server
from build import Build, BuildTimes  # tools/build.py
from build_error import BuildError
from preview_events import BuildEvents, FirstPass, page_name
from preview_loop import rebuild
from preview_server import PreviewServer

from sitekit.outputfolder import OutputRule

POST = "2025/two-levels-up/index.html"
SITE_PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def first_pass_options(pages: list[str], plugins=SITE_PLUGINS) -> list[str]:
    """Pelican's ``-e`` for a first pass, as tools/pelican_child.py adds it."""
    return [
        "-e",
        f"PLUGINS={json.dumps([*plugins, 'openpages'])}",
        f"SELECTED_PAGES={json.dumps(pages)}",
    ]


def site_files(output: Path) -> set[str]:
    """The files a build wrote itself: not the theme's static files or the
    content's images, which Pelican copies in any build."""
    return {
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file()
        and path.relative_to(output).parts[0] not in ("theme", "images")
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project the module's builds read: the whole build and
    each first pass are compared byte for byte, so an edit of the project's
    own content, theme or plugins between them (a merge, another person at
    work) must not reach them."""
    return copy_project(tmp_path_factory.mktemp("first-pass") / "project")


def build_copy(project: Path, output: Path, *options: str):
    """``run_pelican`` on the copy, with the copy's settings."""
    conf = str(project / "pelicanconf.py")
    return run_pelican(project / "content", output, *options, conf=conf)


@pytest.fixture(scope="module")
def whole(tmp_path_factory, project) -> Path:
    output = tmp_path_factory.mktemp("whole") / "output"
    assert build_copy(project, output).returncode == 0
    return output


@pytest.mark.parametrize("fastbuild", [True, False], ids=["fastbuild", "plain"])
def test_a_first_pass_writes_only_the_open_pages_as_the_whole_build_does(
    tmp_path, project, whole, fastbuild
):
    plugins = [name for name in SITE_PLUGINS if fastbuild or name != "fastbuild"]
    output = tmp_path / "first-pass"
    done = build_copy(
        project, output, *first_pass_options([POST, "about/index.html"], plugins)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert site_files(output) == {POST, "about/index.html"}
    for page in (POST, "about/index.html"):
        assert (output / page).read_bytes() == (whole / page).read_bytes()
    # A page not open, the search index, preview images, feeds and data
    # files are the whole build's work.
    assert (whole / "pagefind").is_dir() and (whole / "feeds/all.atom.xml").is_file()
    assert (whole / "2025/two-levels-up/preview.png").is_file()


def test_an_open_home_page_is_written_with_the_pages_of_its_list(
    tmp_path, project, whole
):
    """A paginated list is written whole when one of its pages is open: its
    neighbours are what that page links to."""
    output = tmp_path / "first-pass"
    done = build_copy(project, output, *first_pass_options(["page/2/index.html"]))
    assert done.returncode == 0, done.stdout + done.stderr
    assert site_files(output) == {"index.html", "page/2/index.html"}
    for page in site_files(output):
        assert (output / page).read_bytes() == (whole / page).read_bytes()


def test_a_page_that_is_no_page_of_the_site_writes_nothing(tmp_path, project):
    output = tmp_path / "first-pass"
    done = build_copy(project, output, *first_pass_options(["no-such-post/index.html"]))
    assert done.returncode == 0, done.stdout + done.stderr
    assert site_files(output) == set()


def test_the_first_pass_and_the_whole_build_share_the_content_cache(tmp_path, project):
    """The openpages plugin changes which files are written, not what a file
    reads as: the whole build after a first pass trusts the cache it wrote."""
    cache = tmp_path / "cache"

    def build(output: Path, *options: str) -> str:
        subprocess.run(
            [str(PELICAN), str(project / "content"), "-o", str(output), "-s",
             str(project / "pelicanconf.py"), "--cache-path", str(cache), *options],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads((cache / ".cache-key.json").read_text())["key"]

    whole_key = build(tmp_path / "whole")
    assert build(tmp_path / "first", *first_pass_options([POST])) == whole_key


# What the preview server does with a first pass


def test_a_requested_path_names_the_page_file_it_serves():
    assert page_name("/") == "index.html"
    assert page_name("/2025/two-levels-up/") == POST
    assert page_name("/2025/two-levels-up/index.html") == POST
    assert page_name("/theme/css/site.css") == "theme/css/site.css"
    assert page_name("/../etc/passwd") is None


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/2026/caf%C3%A9-au-lait/", "2026/café-au-lait/index.html"),
        ("/%E6%97%A5%E6%9C%AC/x.html", "日本/x.html"),
        ("/images/My%20Photo.jpg", "images/My Photo.jpg"),
        ("/%2e%2e/etc/passwd", None),
        ("/%2E%2E%2Fetc%2Fpasswd", None),
        ("/2025/%2e%2e/%2e%2e/etc/passwd", None),
        ("/images/%2e/x.png", "images/x.png"),
    ],
)
def test_a_requested_path_is_decoded_before_it_names_a_file(path, name):
    assert page_name(path) == name


def test_the_overlay_serves_only_the_files_it_wrote_until_the_whole_build(
    tmp_path,
):
    overlay, site = tmp_path / "overlay", tmp_path / "site"
    for folder, text in ((overlay, "new"), (site, "old")):
        for page in (POST, "index.html"):
            (folder / page).parent.mkdir(parents=True, exist_ok=True)
            (folder / page).write_text(text)
    events = BuildEvents()
    events.publish(site)
    whole = events.current().build
    events.show_first_pass(FirstPass(overlay, frozenset({POST}), frozenset({POST})))
    first = events.current()
    assert first.pages == (POST,)
    assert events.page_source(POST) == (overlay / POST, first.build)
    assert events.page_source("index.html") == (None, whole)

    (site / POST).write_text("new")  # the whole build made what was shown
    events.publish(site)
    after = events.current()
    assert (after.follows, after.unchanged) == (first.build, (POST,))
    assert events.page_source(POST) == (None, after.build)


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@contextlib.contextmanager
def serving(site: Path, events: BuildEvents) -> Iterator[str]:
    """The preview server of ``site`` (make serve's), on a free port."""
    server = PreviewServer("127.0.0.1", 0, site, events)
    server.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_an_image_the_first_pass_wrote_is_served_with_its_page(tmp_path):
    """A post saved with a new image, or with an image replaced under the
    same name, shows it from the first pass: the whole build then leaves
    the page as shown, so the page would never reload to fetch it."""
    site = write_files(
        tmp_path / "site",
        {POST: b"<body>old</body>", "images/replaced.png": b"old image",
         "images/kept.png": b"kept image"},
    )  # fmt: skip
    wrote = {POST: b"<body>new</body>", "images/new.png": b"new image",
             "images/replaced.png": b"new image"}  # fmt: skip
    overlay = write_files(tmp_path / "overlay", wrote)
    events = BuildEvents()
    events.publish(site)
    with serving(site, events) as url:
        assert fetch(f"{url}/images/new.png")[0] == 404
        events.show_first_pass(FirstPass(overlay, frozenset({POST}), frozenset(wrote)))
        assert events.current().pages == (POST,)  # only the page reloads
        for image in ("new.png", "replaced.png"):
            assert fetch(f"{url}/images/{image}") == (200, "image/png", b"new image")
        assert fetch(f"{url}/images/kept.png") == (200, "image/png", b"kept image")
        status, kind, page = fetch(f"{url}/2025/two-levels-up/")
        assert (status, kind) == (200, "text/html; charset=utf-8")
        assert page.startswith(b"<body>new") and b"reload.js" in page

        write_files(site, wrote)  # the whole build, swapped in
        events.publish(site)
        (overlay / "images/new.png").write_bytes(b"the overlay, no longer shown")
        assert fetch(f"{url}/images/new.png") == (200, "image/png", b"new image")


def test_a_page_whose_address_is_percent_encoded_is_served_and_counted_open(
    tmp_path,
):
    page, photo = "2026/café-au-lait/index.html", "images/My Photo.jpg"
    site = write_files(tmp_path / "site", {page: b"<body>old</body>"})
    write_files(tmp_path, {"secret.html": b"<body>outside the site</body>"})
    wrote = {page: b"<body>new</body>", photo: b"a photo"}
    overlay = write_files(tmp_path / "overlay", wrote)
    events = BuildEvents()
    events.publish(site)
    with serving(site, events) as url:
        events.show_first_pass(FirstPass(overlay, frozenset({page}), frozenset(wrote)))
        status, _, body = fetch(f"{url}/2026/caf%C3%A9-au-lait/")
        assert status == 200 and body.startswith(b"<body>new")
        assert 'data-page="2026/café-au-lait/index.html"'.encode() in body
        assert fetch(f"{url}/images/My%20Photo.jpg") == (200, "image/jpeg", b"a photo")
        for outside in ("/%2e%2e/secret.html", "/2026/%2E%2E/%2e%2e/secret.html"):
            assert b"outside the site" not in fetch(url + outside)[2]

        # The reload script sends the name its tag gives, encoded once.
        query = urllib.parse.urlencode({"page": page})
        with urllib.request.urlopen(f"{url}/.preview/events?{query}", timeout=30):
            deadline = time.monotonic() + 30
            while events.open_pages() != {page}:
                assert time.monotonic() < deadline, events.open_pages()
                time.sleep(0.05)


def test_a_first_pass_records_every_file_it_wrote(tmp_path):
    content = (tmp_path / "content").resolve()
    content.mkdir()
    rule = OutputRule(content, (("content folder", content),), ())

    def first_pass(pelican: list[str], output: Path, pages: list[str]) -> int:
        write_files(output, {POST: b"page", "images/new.png": b"image"})
        return 0

    build = Build(tmp_path / "output", rule, [], first_pass_runner=first_pass)
    shown = build.first_pass([POST, "about/index.html"])
    assert shown.pages == {POST}
    assert shown.files == {POST, "images/new.png"}
    assert shown.site.parent.name.startswith(".output.preview-")


def interrupted(signal_name: str):
    """A first pass stopped as ``make serve`` is: Ctrl-C, or SIGTERM (which
    tools/build.py turns into ``sys.exit``)."""

    def run(pelican: list[str], output: Path, pages: list[str]) -> int:
        write_files(output, {POST: b"half written"})
        raise KeyboardInterrupt if signal_name == "SIGINT" else SystemExit(143)

    return run


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_first_pass_stopped_halfway_leaves_no_overlay(tmp_path, signal_name):
    content = (tmp_path / "content").resolve()
    content.mkdir()
    rule = OutputRule(content, (("content folder", content),), ())
    runner = interrupted(signal_name)
    build = Build(tmp_path / "output", rule, [], first_pass_runner=runner)
    with pytest.raises((KeyboardInterrupt, SystemExit)):
        build.first_pass([POST])
    assert list(tmp_path.glob(".output.preview-*")) == []


def test_a_whole_build_that_differs_from_the_first_pass_reloads_the_page(tmp_path):
    overlay, site = tmp_path / "overlay", tmp_path / "site"
    for folder, text in ((overlay, "first"), (site, "whole")):
        (folder / POST).parent.mkdir(parents=True)
        (folder / POST).write_text(text)
    events = BuildEvents()
    events.show_first_pass(FirstPass(overlay, frozenset({POST}), frozenset({POST})))
    events.publish(site)
    assert events.current().unchanged == ()


def test_open_pages_are_those_whose_stream_is_open():
    events = BuildEvents()
    with events.open_page(POST), events.open_page(POST):
        with events.open_page("index.html"):
            assert events.open_pages() == {POST, "index.html"}
        assert events.open_pages() == {POST}
    assert events.open_pages() == frozenset()


class WholeBuildOnly:
    """A build whose first pass fails and whose whole build succeeds."""

    first_pass_runner = staticmethod(lambda *_: 1)
    target = Path("/nonexistent/output")

    def __init__(self) -> None:
        self.whole_builds: list[object] = []

    def first_pass(self, pages: list[str]):
        raise BuildError(f"the first pass of {pages} stopped; the whole build follows")

    def once(self, swapped, shown=None) -> None:
        self.whole_builds.append(shown)
        swapped(BuildTimes(1.0, 2.0, 3.0))


class FirstPassThenFailure:
    """A build whose first pass writes ``shown`` and whose whole build then
    fails (once ``meanwhile`` has seen the first pass shown)."""

    first_pass_runner = staticmethod(lambda *_: 0)
    target = Path("/nonexistent/output")

    def __init__(self, overlay: Path, shown: dict[str, bytes], meanwhile=None):
        self.overlay, self.shown, self.meanwhile = overlay, shown, meanwhile

    def first_pass(self, pages: list[str]) -> FirstPass:
        write_files(self.overlay / "site", self.shown)
        files = frozenset(self.shown)
        return FirstPass(self.overlay / "site", files.intersection(pages), files)

    def once(self, swapped, shown=None) -> None:
        if self.meanwhile is not None:
            self.meanwhile()
        raise BuildError(
            "Pelican stopped (exit 1); the last good site is left as it was"
        )


def test_a_whole_build_that_fails_after_a_first_pass_announces_the_site_again(
    tmp_path, capsys
):
    """The pages that showed the first pass show an edit the site does not
    have: the site in place is announced again, under its own name, so
    they reload and the pages that show it already do not."""
    site = write_files(tmp_path / "site", {POST: b"<body>old</body>"})
    events = BuildEvents()
    events.publish(site, swapped=1.0)
    whole = events.current()
    build = FirstPassThenFailure(tmp_path / "overlay", {POST: b"<body>new</body>"})
    with events.open_page(POST):
        rebuild(build, events, first_pass=True)
    assert "Pelican stopped" in capsys.readouterr().err
    assert events.current() == whole
    assert events.page_source(POST) == (None, whole.build)
    assert not (tmp_path / "overlay").exists()


def test_dropping_no_first_pass_announces_nothing():
    events = BuildEvents()
    announced = events.current()
    events.drop_first_pass()
    assert events.next_after(announced.build, timeout=0) is None


@pytest.mark.browser
def test_a_page_that_showed_a_failed_builds_first_pass_reloads_to_the_site(
    tmp_path, chromium
):
    site = write_files(
        tmp_path / "site",
        {"a.html": b"<body>site a</body>", "b.html": b"<body>site b</body>"},
    )
    events = BuildEvents()
    events.publish(site, swapped=1.0)
    with serving(site, events) as url:
        context = chromium.new_context()
        shown, other = context.new_page(), context.new_page()
        shown.goto(f"{url}/a.html")
        other.goto(f"{url}/b.html")
        other_loads: list[str] = []
        other.on("load", lambda: other_loads.append(other.url))
        deadline = time.monotonic() + 60
        while events.open_pages() != {"a.html", "b.html"}:
            assert time.monotonic() < deadline, events.open_pages()
            time.sleep(0.05)

        def first_pass_is_shown() -> None:
            shown.wait_for_function(
                "document.body.innerText.includes('first pass a')", timeout=60_000
            )

        build = FirstPassThenFailure(
            tmp_path / "overlay",
            {"a.html": b"<body>first pass a</body>"},
            meanwhile=first_pass_is_shown,
        )
        rebuild(build, events, first_pass=True)
        shown.wait_for_function(
            "document.body.innerText.includes('site a')", timeout=60_000
        )
        other.wait_for_timeout(1500)  # a reload, had one been sent, would be in
        assert other_loads == []
        context.close()


def test_a_failed_first_pass_is_said_and_the_whole_build_runs(capsys):
    build, events = WholeBuildOnly(), BuildEvents()
    with events.open_page(POST):
        rebuild(build, events, first_pass=True)
    assert build.whole_builds == [None]
    said = capsys.readouterr().err.splitlines()
    assert said == [
        f"build: the first pass of {[POST]} stopped; the whole build follows"
    ]
    announced = events.current()
    assert announced.pages is None and announced.follows is None
    assert announced.times["swapped"] == 3.0


def test_an_edit_saved_while_the_watcher_starts_gets_a_first_pass_too(
    tmp_path, monkeypatch
):
    """The watcher starts after the first build; an edit saved before it was
    ready is found by its time at the watcher's first idle turn. It is an
    edit like any other: content alone gets a first pass, and a theme file
    among what was saved gets the whole build only."""
    import preview_loop
    import preview_server
    import watchfiles

    content, theme = tmp_path / "content", tmp_path / "theme"
    content.mkdir()
    theme.mkdir()
    post = content / "post.md"
    post.write_text("Title: A post\n", encoding="utf-8")
    rebuilds: list[bool] = []

    class Server:
        port = 0

        def __init__(self, *_):
            pass

        def start(self):
            pass

        def stop(self):
            pass

    def fake_rebuild(build, events, seen=None, first_pass=False):
        if not rebuilds:
            # The first build takes a while: files saved after it began have
            # later times even on a file system's coarse clock.
            time.sleep(0.05)
        rebuilds.append(first_pass)

    def idle_turn_after(saved: list[Path]):
        def watch(*_, **__):
            for path in saved:  # saved after the first build began
                path.write_text("Title: Saved early\n", encoding="utf-8")
            yield set()  # the watcher's first idle turn: no event for them

        return watch

    monkeypatch.setattr(preview_server, "PreviewServer", Server)
    monkeypatch.setattr(preview_loop, "rebuild", fake_rebuild)
    build = Build.__new__(Build)
    build.output = tmp_path / "output"
    for saved, expected in (([post], True), ([post, theme / "base.html"], False)):
        rebuilds.clear()
        monkeypatch.setattr(watchfiles, "watch", idle_turn_after(saved))
        preview_loop.serve(build, "127.0.0.1", 0, [content, theme], content)
        assert rebuilds == [False, expected]  # the first build, then the edit


# What the browser sends a page as it enters and leaves the back-forward cache.
PERSISTED = "dispatchEvent(new PageTransitionEvent('{kind}', {{persisted: true}}))"


def wait_for_open_pages(events: BuildEvents, expected: set[str]) -> None:
    """Until the server counts ``expected`` open (a generous deadline, not a
    timing: the heartbeat, the only other way out, is set past it)."""
    deadline = time.monotonic() + 60
    while events.open_pages() != expected:
        assert time.monotonic() < deadline, events.open_pages()
        time.sleep(0.05)


def test_a_stream_closed_stops_counting_its_page_before_any_heartbeat(
    tmp_path, monkeypatch
):
    """A tab closed (its stream's connection ended) is no longer open: the
    server sees the connection end, not only the next heartbeat's write."""
    monkeypatch.setattr(preview_server, "HEARTBEAT_SECONDS", 3600.0)
    site = write_files(tmp_path / "site", {POST: b"<body>a post</body>"})
    events = BuildEvents()
    events.publish(site)
    with serving(site, events) as url:
        query = urllib.parse.urlencode({"page": POST})
        with urllib.request.urlopen(f"{url}/.preview/events?{query}", timeout=30):
            wait_for_open_pages(events, {POST})
        wait_for_open_pages(events, set())


@pytest.mark.browser
def test_a_closed_tab_stops_counting_and_a_restored_one_counts_again(
    tmp_path, monkeypatch, chromium
):
    """Closing a tab unregisters its page at once; a page left for another
    and kept in the back-forward cache counts as closed while it is hidden,
    and as open again once it is shown (``pageshow`` with ``persisted``)."""
    monkeypatch.setattr(preview_server, "HEARTBEAT_SECONDS", 3600.0)
    other = "index.html"
    site = write_files(
        tmp_path / "site",
        {POST: b"<body>a post</body>", other: b"<body>the home page</body>"},
    )
    events = BuildEvents()
    events.publish(site)
    with serving(site, events) as url:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(f"{url}/{POST}")
        wait_for_open_pages(events, {POST})

        page.evaluate(PERSISTED.format(kind="pagehide"))
        wait_for_open_pages(events, set())
        page.evaluate(PERSISTED.format(kind="pageshow"))
        wait_for_open_pages(events, {POST})

        page.close()
        wait_for_open_pages(events, set())
        context.close()
