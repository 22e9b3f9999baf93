"""`make html` and `make publish` (tools/build.py): a lock, a scratch folder
swapped in whole, and an output folder that holds exactly one build."""

from __future__ import annotations

import contextlib
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
from sitebuild import ROOT, copy_content, read, run_pelican

BUILD = [sys.executable, str(ROOT / "tools" / "build.py")]


def build_command(
    content: Path, output: Path, *options: str, conf="pelicanconf.py"
) -> list[str]:
    """``tools/build.py build`` as ``make html`` runs it, with its own
    cache folder beside ``output``, Pelican's ``options`` after ``--``."""
    return [
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
    ]


def build(
    content: Path,
    output: Path,
    *options: str,
    conf="pelicanconf.py",
    wait=None,
    env: dict[str, str] | None = None,
):
    env = {**os.environ, "COLUMNS": "200", **(env or {})}
    if wait is not None:
        env["BUILD_LOCK_WAIT"] = str(wait)
    return subprocess.Popen(
        build_command(content, output, *options, conf=conf),
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
    ) == [".output.lock", ".output.marker.json"]


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


def test_piped_build_messages_keep_a_long_path_on_one_line(tmp_path):
    """Pelican's console wraps at 80 columns when piped; the build's
    messages are written one to a line, so a long file path stays whole."""
    content = copy_content(tmp_path / "content")
    folder = content / "posts" / "a-folder-with-a-rather-long-name" / "and-another"
    folder.mkdir(parents=True)
    post = folder / "2026-11-01-a-post-whose-file-name-is-long-enough-to-wrap.md"
    post.write_text("Title: Broken\nDate: someday\n\nText.\n", encoding="utf-8")
    code, log = finished(build(content, tmp_path / "output", env={"COLUMNS": ""}))
    assert code != 0
    said = [line for line in log.splitlines() if "Date: 'someday'" in line]
    assert len(said) == 1, log
    assert f"{post.relative_to(content)}:2: Date: 'someday' is not a date" in said[0]
    assert len(said[0]) > 80


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


GATE_PLUGIN = """
import os
import subprocess
import time
from pathlib import Path

from pelican import signals


def hold(pelican):
    if "GATE_OPEN" in os.environ:
        # A process of Pelican's own, as its workers and Pagefind are.
        sleeper = subprocess.Popen(
            ["sleep", "600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        Path(os.environ["GATE_HELD"]).touch()
        while not Path(os.environ["GATE_OPEN"]).exists():
            time.sleep(0.05)
        sleeper.kill()
        sleeper.wait()


def register():
    signals.finalized.connect(hold)
"""


def gated_settings(folder: Path) -> Path:
    """pelicanconf.py plus a plugin that, given GATE_OPEN in the
    environment, holds the build at its very end until that file exists
    (with a child process of its own)."""
    (folder / "plugins" / "gate").mkdir(parents=True)
    (folder / "plugins" / "gate" / "__init__.py").write_text(GATE_PLUGIN)
    conf = folder / "gated.py"
    conf.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}, {str(folder / 'plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'gate']\n"
    )
    return conf


def held_build(folder: Path, content: Path, conf: Path) -> subprocess.Popen:
    """A build into ``folder/output`` held at its very end, once it is."""
    held = folder / "held"
    running = build(
        content,
        folder / "output",
        conf=conf,
        env={"GATE_HELD": str(held), "GATE_OPEN": str(folder / "open")},
    )
    deadline = time.monotonic() + 120
    while not held.exists():
        assert running.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    return running


def test_a_second_build_waits_for_the_first_and_the_site_is_whole(tmp_path):
    """Without the lock the second build would not wait: it would remove the
    first one's scratch folder as stale and swap its own site in."""
    content = copy_content(tmp_path / "content")
    conf = gated_settings(tmp_path)
    assert finished(build(content, tmp_path / "reference", conf=conf))[0] == 0
    output = tmp_path / "output"
    first = held_build(tmp_path, content, conf)

    second = build(content, output, conf=conf)
    said = second.stdout.readline()

    assert "is running; waiting for it to finish" in said, said
    assert second.poll() is None
    (tmp_path / "open").touch()
    assert finished(first)[0] == 0
    assert finished(second)[0] == 0
    assert listing(output) == listing(tmp_path / "reference")
    assert differences(tmp_path / "reference", output) == []
    assert not list(tmp_path.glob(".output.build-*"))


def test_an_output_that_is_a_link_stays_a_link_and_its_folder_gets_the_site(
    tmp_path,
):
    content = copy_content(tmp_path / "content")
    document_root = tmp_path / "www" / "html"
    document_root.mkdir(parents=True)
    output = tmp_path / "output"
    output.symlink_to(document_root)

    for _ in range(2):
        code, log = finished(build(content, output))
        assert code == 0, log

    assert output.is_symlink() and output.readlink() == document_root
    assert finished(build(content, tmp_path / "cold"))[0] == 0
    assert differences(tmp_path / "cold", document_root) == []
    assert sorted(p.name for p in document_root.parent.iterdir()) == [
        ".html.lock",
        ".html.marker.json",
        "html",
    ]
    assert not list(tmp_path.rglob("*.build-*"))


def pelican_children(pid: int) -> list[int]:
    return [group for group, parent, _ in processes() if parent == pid]


def processes() -> list[tuple[int, int, int]]:
    """(process group, parent, pid) of every live process, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
        except OSError:
            continue
        state, parent, group = rest.rsplit(") ", 1)[1].split()[:3]
        if state != "Z":
            found.append((int(group), int(parent), int(pid)))
    return found


def group_alive(group: int, within: float = 10.0) -> bool:
    """Is any process of the group still alive after ``within`` seconds?"""
    deadline = time.monotonic() + within
    while any(g == group for g, _, _ in processes()):
        if time.monotonic() > deadline:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP])
def test_pelican_dies_with_the_build_command_and_no_scratch_stays(tmp_path, sig):
    content = copy_content(tmp_path / "content")
    conf = gated_settings(tmp_path)
    output = tmp_path / "output"
    assert finished(build(content, output, conf=conf))[0] == 0
    before = listing(output)
    running = held_build(tmp_path, content, conf)
    group = pelican_children(running.pid)[0]
    assert len([g for g, _, _ in processes() if g == group]) == 2  # and its sleep

    running.send_signal(sig)
    code = running.wait(timeout=60)  # not its output: a live Pelican holds that

    try:
        assert not group_alive(group)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # what a failed test would leave
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + sig)
    assert listing(output) == before
    if sig == signal.SIGHUP:
        assert not list(tmp_path.glob(".output.build-*"))
    assert finished(build(content, output))[0] == 0  # removes a killed one's
    assert not list(tmp_path.glob(".output.build-*"))


def test_a_plain_pelican_run_leaves_no_page_of_a_deleted_post(tmp_path):
    """`pelican content -s pelicanconf.py` gives the site `make html` gives."""
    content = copy_content(tmp_path / "content")
    plain = tmp_path / "plain"
    assert run_pelican(content, plain).returncode == 0
    (content / "posts" / "2025-10-05-peer-product-manager.md").unlink()

    result = run_pelican(content, plain)

    assert result.returncode == 0, result.stdout + result.stderr
    assert finished(build(content, tmp_path / "made"))[0] == 0
    assert not [name for name in listing(plain) if "peer-product-manager" in name]
    assert listing(plain) == listing(tmp_path / "made")
    assert differences(tmp_path / "made", plain) == []


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


# --- The build command's own process stays small -----------------------------


def build_command_imports(content: Path, output: Path) -> tuple[int, set[str], str]:
    """Run the build command with Python's import report for its own process
    (``-X importtime`` is not passed on to Pelican's process): its exit code,
    the modules it imported, and everything it said."""
    command = build_command(content, output)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    imported = set(re.findall(r"^import time:.*\|\s*(\S+)$", result.stderr, re.M))
    return result.returncode, imported, result.stdout + result.stderr


def test_the_build_command_leaves_importing_pelican_to_pelicans_process(tmp_path):
    """Pelican is imported once per build, in the process that builds: the
    build command gets the settings for its checks from that process."""
    content = copy_content(tmp_path / "content")
    code, imported, said = build_command_imports(content, tmp_path / "output")
    assert code == 0, said
    assert "Done: Processed" in said
    assert "sitekit.outputfolder" in imported  # the report is the command's
    pelican = sorted(n for n in imported if n.split(".")[0] in ("pelican", "jinja2"))
    assert pelican == []
    assert not {"preview_server", "warm_pelican", "ctypes.util"} & imported


def live_processes_naming(text: str, within: float = 10.0) -> list[int]:
    """Processes (not zombies) whose command line holds ``text``, after
    waiting up to ``within`` seconds for them to end."""
    deadline = time.monotonic() + within
    while True:
        found = []
        for _, _, pid in processes():
            with contextlib.suppress(OSError):
                if text in Path(f"/proc/{pid}/cmdline").read_bytes().decode():
                    found.append(pid)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.mark.parametrize(
    ("settings_text", "said"),
    [
        ("SITENAME = (\n", "cannot be read (SyntaxError: "),
        ("raise RuntimeError('no settings today')\n", "(RuntimeError: no settings"),
    ],
)
def test_a_settings_file_that_cannot_be_read_is_named_and_pelican_ends(
    tmp_path, settings_text, said
):
    content = copy_content(tmp_path / "content")
    settings = tmp_path / "unreadable-settings.py"
    settings.write_text(settings_text, encoding="utf-8")
    process = build(content, tmp_path / "output", conf=settings)
    code, log = finished(process)
    assert code == 1
    lines = [line for line in log.splitlines() if said in line]
    assert len(lines) == 1, log
    assert lines[0].startswith(f"build: {settings} cannot be read (")
    assert "Traceback" not in log
    assert not (tmp_path / "output").exists()
    assert live_processes_naming(str(settings)) == []


def test_a_refused_output_folder_ends_pelicans_process_too(tmp_path):
    content = copy_content(tmp_path / "content")
    process = build(content, content / "site")
    code, log = finished(process)
    assert code == 1
    assert "lies inside the content folder" in log
    assert not (content / "site").exists()
    assert live_processes_naming(str(content)) == []


def test_an_option_pelican_refuses_is_said_by_pelican(tmp_path):
    content = copy_content(tmp_path / "content")
    code, log = finished(build(content, tmp_path / "output", "--no-such-option"))
    assert code == 2
    assert "pelican: error: unrecognized arguments: --no-such-option" in log
    assert "Traceback" not in log
    assert not (tmp_path / "output").exists()
