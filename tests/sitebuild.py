"""Build the site the way a user does, into a temporary folder.

``build_site`` goes through Pelican's own API: ``read_settings`` on the
project's settings file with overrides, then ``Pelican(settings).run()``.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gzip
import io
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from PIL import Image

# tools/warm_pelican.py, for run_pelican
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from warm_pelican import WarmPelican

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PELICAN = Path(sys.executable).parent / "pelican"
REFLECT = Path(sys.executable).parent / "reflect"


def build_site(
    output: Path,
    conf: str = "pelicanconf.py",
    content: Path = CONTENT,
    **overrides,
) -> Path:
    """Build ``content`` with the settings in ``conf`` into ``output``."""
    settings = read_settings(
        str(ROOT / conf),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
            "LOAD_CONTENT_CACHE": False,
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


def site_settings(content: Path, **override) -> dict:
    """The site's own settings (pelicanconf.py) over ``content``."""
    return read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(content), **override}
    )


def copy_content(destination: Path) -> Path:
    """A private copy of the sample content that a test may break."""
    shutil.copytree(CONTENT, destination)
    return destination


def copy_project(destination: Path, content: Path = CONTENT) -> Path:
    """A private copy of the whole project (settings, content, theme,
    plugins): a test that points a build at the project's own folders works
    on this copy, so a guard that failed could destroy only the copy.
    ``content`` is the folder copied as its content (the sample content
    unless given: the benchmark's generated corpus, say)."""
    ignore = shutil.ignore_patterns("__pycache__")
    destination.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, destination / name)
    shutil.copytree(content, destination / "content", ignore=ignore)
    for name in ("theme", "plugins"):
        shutil.copytree(ROOT / name, destination / name, ignore=ignore)
    return destination


def theme_with(destination: Path, template: str, after: str, added: str) -> Path:
    """A copy of the site's theme in ``destination``/theme whose
    ``templates/<template>`` has ``added`` written right after the first
    ``after`` in it: a theme broken, or carrying a note, on purpose."""
    theme = destination / "theme"
    shutil.copytree(ROOT / "theme", theme)
    changed = theme / "templates" / template
    text = changed.read_text(encoding="utf-8")
    assert after in text, f"{template} has no {after!r}"
    changed.write_text(text.replace(after, after + added, 1), encoding="utf-8")
    return theme


def run_make(
    target: str, env: dict[str, str] | None = None, **variables: str | Path
) -> subprocess.CompletedProcess:
    """Run ``make <target> NAME=value...`` in the project, as a user does;
    ``env`` adds variables to the environment."""
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            target,
            *(f"{name}={value}" for name, value in variables.items()),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "1000", **(env or {})},
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, Python's caches aside."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def checkout_pythonpath(*first: str) -> str:
    """``PYTHONPATH`` for a process a test starts: ``first``, then this
    checkout's folders as conftest.py sets them, so a build imports the
    ``sitekit`` beside the test, not the one the venv's editable install
    names (a git worktree shares the main checkout's .venv)."""
    return os.pathsep.join(filter(None, [*first, os.environ.get("PYTHONPATH")]))


def run_pelican(
    content: Path,
    output: Path,
    *args: str,
    conf: str = "pelicanconf.py",
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """Run the ``pelican`` command as ``make html`` does (``make publish``
    with ``conf="publishconf.py"``); ``env`` adds variables. A ``timeout``
    (generous: nothing is timed) turns a build that would hang into a
    failed test.

    The build runs in a process forked from one that has imported Pelican
    and its libraries (tests/warm_builder.py, as ``make serve`` builds),
    which halves the cost of the suite's many small builds; one that needs
    variables of its own or a timeout runs in a fresh process."""
    arguments = [
        str(content),
        "-s",
        str(ROOT / conf),
        "--fatal",
        "errors",
        "--ignore-cache",
        "--cache-path",
        str(output.parent / "cache"),
        *args,
    ]
    if env is None and timeout is None:
        return _warm_builds().run(arguments, output)
    return subprocess.run(
        [str(PELICAN), *arguments, "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**BUILD_ENVIRONMENT, "PYTHONPATH": checkout_pythonpath(), **(env or {})},
        timeout=timeout,
    )


#: What a test's build process sees. Wide enough that a message naming a
#: temporary folder stays on one line.
BUILD_ENVIRONMENT = {"COLUMNS": "1000", "PATH": "/usr/bin:/bin"}


@functools.cache
def _warm_builds() -> WarmBuilds:
    builds = WarmBuilds()
    atexit.register(builds.close)
    return builds


class WarmBuilds:
    """``run_pelican``'s builds, forked from one builder per test process."""

    def __init__(self) -> None:
        self.pelican = WarmPelican(
            [ROOT, ROOT / "plugins"],
            builder=Path(__file__).with_name("warm_builder.py"),
            environment={**BUILD_ENVIRONMENT, "PYTHONPATH": checkout_pythonpath()},
        )
        self.messages = Path(tempfile.mkdtemp(prefix="warm-builds-"))

    def run(self, arguments: list[str], output: Path) -> subprocess.CompletedProcess:
        said = (self.messages / "stdout", self.messages / "stderr")
        code = self.pelican.run(arguments, output, cwd=ROOT, messages=said)
        return subprocess.CompletedProcess(
            [str(PELICAN), *arguments, "-o", str(output)],
            code,
            said[0].read_text(),
            said[1].read_text(),
        )

    def close(self) -> None:
        self.pelican.close()
        shutil.rmtree(self.messages, ignore_errors=True)


def run_reflect(*args: str) -> subprocess.CompletedProcess:
    """Run the installed ``reflect`` command from the project folder."""
    return subprocess.run(
        [str(REFLECT), *args], cwd=ROOT, capture_output=True, text=True
    )


def lint_in_process(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``reflect *arguments`` (``lint`` and its options) run in ``cwd`` as
    ``run_reflect`` runs it, but in the test's own process: a fresh
    ``reflect`` process spends most of a lint importing Pelican and the
    plugins. It hands back what the process would have: its exit status,
    what it printed, Python's warnings printed to stderr as a fresh
    interpreter prints them (once per place, pytest's own filters and
    recording put aside) and a traceback with status 1 where the command
    raised. ``reflect.cli.main`` reads the settings and loads the plugins
    anew on every call; plugins are modules already imported, the same
    code a copy of the project holds. A test of the command itself (its
    entry point, its exit on a signal) runs ``reflect`` as a process."""
    from reflect.cli import main

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        sys.stderr.write(
            warnings.formatwarning(message, category, filename, lineno, line)
        )

    args = [str(REFLECT), *arguments]
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
        warnings.catch_warnings(),
    ):
        warnings.resetwarnings()
        warnings.simplefilter("default")  # each filter added goes before it
        for quiet in FRESH_INTERPRETER_IGNORES:
            warnings.simplefilter("ignore", quiet)
        warnings.showwarning = show
        try:
            status = main(args[1:])
        except SystemExit as leaving:
            code = leaving.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
        except Exception:
            traceback.print_exc()
            status = 1
    return subprocess.CompletedProcess(
        args, status, stdout.getvalue(), stderr.getvalue()
    )


# What a fresh interpreter started without -W hides (the documented defaults).
FRESH_INTERPRETER_IGNORES = (
    DeprecationWarning,
    PendingDeprecationWarning,
    ImportWarning,
    ResourceWarning,
)


def output_files(output: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file a build wrote, with its bytes; gzip-compressed files (a
    search index's fragments, say) decompressed."""
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def linted_and_built(project: Path, output: Path) -> tuple[str, str]:
    """What ``reflect lint`` printed for ``project``, and what a local build
    of its content into ``output`` said (which must pass): a problem must be
    told the same way by both."""
    linted = lint_in_process("lint", cwd=project)
    return linted.stdout, passing_build(project / "content", output)


def passing_build(content: Path, output: Path, **options) -> str:
    """What a local build of ``content`` into ``output`` said, the build
    having passed (``run_pelican``'s options)."""
    built = run_pelican(content, output, **options)
    said = built.stdout + built.stderr
    assert built.returncode == 0, said
    return said


def the_line_a_stopped_build_said(ran: subprocess.CompletedProcess, naming: str) -> str:
    """The one line a build that stopped (non-zero, no traceback) printed
    holding ``naming``: a problem is told once, in one line."""
    printed = (ran.stdout + ran.stderr).splitlines()
    assert ran.returncode != 0, printed
    assert "Traceback" not in ran.stderr, ran.stderr
    said = [line for line in printed if naming in line]
    assert len(said) == 1, printed
    return said[0]


def the_line_lint_said(project: Path, naming: str) -> str:
    """The one line ``reflect lint`` printed in ``project`` holding
    ``naming``."""
    linted = lint_in_process("lint", cwd=project)
    said = [line for line in linted.stdout.splitlines() if naming in line]
    assert len(said) == 1, linted.stdout
    return said[0]


def files_written_at(content: Path, saved_as: dict[str, bytes | None]) -> dict:
    """Settings that publish each of ``saved_as``'s files at its path in
    the site (``2026/a-post/chart.png``), as Pelican's
    ``EXTRA_PATH_METADATA`` places a static file: a post's plain links to
    them lead somewhere (a link to no written file is a broken link,
    ``sourceguard/writtenlinks.py``); None makes a small picture of the
    name's kind (``.png``, ``.jpeg``). The files are made in ``content``'s
    ``placed/`` folder; merge the returned overrides into the build's."""
    folder = content / "placed"
    placed = {}
    for number, (save_as, data) in enumerate(saved_as.items()):
        if data is None:  # an image of its ending's kind
            picture = io.BytesIO()
            Image.new("RGB", (2, 2), "teal").save(picture, Path(save_as).suffix[1:])
            data = picture.getvalue()
        name = f"{number}-{Path(save_as).name}"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        placed[f"placed/{name}"] = {"save_as": save_as, "url": save_as}
    static = read_settings(str(ROOT / "pelicanconf.py"))["STATIC_PATHS"]
    return {"STATIC_PATHS": [*static, "placed"], "EXTRA_PATH_METADATA": placed}


def pelican_with_cache(
    content: Path,
    output: Path,
    conf: Path,
    cache: Path,
    cwd: Path,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """The ``pelican`` command in a fresh process, as a rebuild runs it:
    ``--fatal errors``, the content cache in ``cache`` kept and read
    (unlike ``run_pelican``, which ignores it). ``env`` adds variables."""
    return subprocess.run(
        [
            str(PELICAN),
            str(content),
            *("-o", str(output), "-s", str(conf)),
            *("--fatal", "errors", "--cache-path", str(cache)),
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={
            "COLUMNS": "100000",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": checkout_pythonpath(),
            **(env or {}),
        },
    )
