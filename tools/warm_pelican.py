"""`make serve`'s builds, each forked from a process that has imported them.

A fresh Pelican process spends about half of a sample-site rebuild starting
Python and importing Pelican, Markdown, Jinja, Pygments, Pillow and the
rest before it reads a file. ``make serve`` keeps one *builder* process
instead: it has imported Pelican and the libraries the last build imported,
and for each build it forks a process that runs Pelican's command exactly
as ``tools/pelican_child.py`` does in a fresh one.

Why fork, rather than run Pelican again in a live process: a rebuild must
equal a cold build. The builder never builds, never logs and never imports
the project's own modules (plugins, settings, their helpers): it holds
library code as importing left it, nothing else. Each build starts from
that state, loads the project's plugins and settings from disk as a cold
build does (so an edited plugin counts at the next rebuild, with no
restart), and whatever a build changes (Pelican's signals, the plugins'
module state and caches, logging's filters and counters, worker pools)
ends with its process. Nothing is reset between builds because nothing a
build touched is reused.

Libraries are imported in the order the build imported them, after Pelican,
as in a cold build (loggers made after ``pelican.log`` is imported are the
ones ``--fatal`` counts). Before each build the builder checks that none of
their files changed (a ``pip install`` during a preview); if one did, it
exits and a fresh builder takes its place. The builder leads a process
group of its own that dies with the build command, as a cold child does.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from pelican_child import (  # tools/pelican_child.py
    run_pelican,
    run_pelican_here,
    stop_child_group,
    tie_to_parent,
    with_extras,
)

#: The builder's exit code when a library it imported has changed on disk.
EXIT_STALE = 75
LIBRARY_FOLDERS = tuple(
    {
        os.path.realpath(sysconfig.get_paths()[name])
        for name in ("stdlib", "platstdlib", "purelib", "platlib")
    }
)


class WarmPelican:
    """``run(pelican, output)`` does what ``run_pelican`` does, in a process
    forked from a builder started at the first call. ``local_paths`` are
    the project's folders (its own and ``PLUGIN_PATHS``): modules found
    there are never imported by the builder."""

    def __init__(
        self,
        local_paths: list[Path],
        *,
        builder: Path = Path(__file__),
        environment: dict[str, str] | None = None,
    ):
        """``builder`` is the script the builder process runs (this file, or
        one that runs each build differently after ``serve_builds``);
        ``environment`` is its environment, the current one by default."""
        self.local_paths = [str(path) for path in local_paths]
        self.builder = builder
        self.environment = environment
        self._builder: subprocess.Popen | None = None
        self._answers = None

    def run(
        self,
        pelican: list[str],
        output: Path,
        *,
        settings: dict[str, Any] | None = None,
        plugins: list[str] | None = None,
        quiet: bool = False,
        cwd: Path | None = None,
        messages: tuple[Path, Path] | None = None,
    ) -> int:
        """``settings`` and ``plugins`` are added to the site's
        (``pelican_child.with_extras``); ``quiet`` silences Pelican (a
        pass whose failure the caller reports in a line of its own).
        ``cwd`` is the folder the build runs in, and ``messages`` the two
        files its standard output and error go to (a caller that reads
        what each build said), the builder's own by default."""
        extras = {"settings": settings or {}, "plugins": plugins or [], "quiet": quiet}
        request = json.dumps(
            {
                "arguments": [*pelican, "-o", str(output)],
                "local": self.local_paths,
                "cwd": str(cwd) if cwd else None,
                "messages": [str(path) for path in messages] if messages else None,
                **extras,
            }
        )
        for _ in range(2):  # a builder that went stale or died: a fresh one
            try:
                code = self._ask(request)
            except BaseException:
                self.close()
                raise
            if code is not None:
                return code
            self.close()
        if settings or plugins:
            return 1  # a pass the caller can do without
        if cwd or messages:
            raise RuntimeError("the warm builder failed twice")
        print("build: the warm builder failed twice; a cold build instead")
        return run_pelican(pelican, output)

    def close(self) -> None:
        """Stop the builder (and a build it runs) and its whole group."""
        builder, self._builder = self._builder, None
        if builder is None:
            return
        with contextlib.suppress(OSError):
            builder.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            builder.wait(timeout=2)
        stop_child_group(builder)
        self._answers.close()

    def _ask(self, request: str) -> int | None:
        if self._builder is None:
            self._start()
        try:
            self._builder.stdin.write(request + "\n")
            self._builder.stdin.flush()
        except BrokenPipeError:
            return None
        answer = self._answers.readline()
        return json.loads(answer)["exit"] if answer else None

    def _start(self) -> None:
        answers, builder_end = os.pipe()
        self._builder = subprocess.Popen(
            [sys.executable, str(self.builder), str(os.getpid()), str(builder_end)],
            stdin=subprocess.PIPE,
            text=True,
            pass_fds=(builder_end,),
            start_new_session=True,
            env=self.environment,
        )
        os.close(builder_end)
        self._answers = os.fdopen(answers, encoding="utf-8")


class Libraries:
    """The library modules this process has imported, and their files as
    they were."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, int]] = {}
        self._library_roots: dict[str, bool] = {}

    def note_imported(self) -> None:
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None)
            if path and path not in self.files and in_library_folder(path):
                with contextlib.suppress(OSError):
                    self.files[path] = file_state(path)

    def changed(self) -> bool:
        for path, state in self.files.items():
            try:
                if file_state(path) != state:
                    return True
            except OSError:
                return True
        return False

    def import_like(self, names: list[str], local_paths: list[str]) -> None:
        """Import, in order, the library modules among ``names``: those
        whose top-level package is in a library folder, not the project's."""
        for name in names:
            if name in sys.modules or name == "__main__":
                continue
            if not self._is_library_root(name.partition(".")[0], local_paths):
                continue
            with contextlib.suppress(Exception):  # a module only its importer can load
                if is_library_spec(importlib.util.find_spec(name)):
                    importlib.import_module(name)

    def _is_library_root(self, name: str, local_paths: list[str]) -> bool:
        if name not in self._library_roots:
            local = importlib.machinery.PathFinder.find_spec(name, local_paths)
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):
                spec = None
            self._library_roots[name] = local is None and is_library_spec(spec)
        return self._library_roots[name]


def file_state(path: str) -> tuple[int, int]:
    stat = Path(path).stat()
    return stat.st_mtime_ns, stat.st_size


def in_library_folder(path: str) -> bool:
    real = os.path.realpath(path)
    return any(real.startswith(folder + os.sep) for folder in LIBRARY_FOLDERS)


def is_library_spec(spec: importlib.machinery.ModuleSpec | None) -> bool:
    if spec is None:
        return False
    if spec.origin in ("built-in", "frozen"):
        return True
    if spec.origin:
        return in_library_folder(spec.origin)
    locations = list(spec.submodule_search_locations or ())
    return bool(locations) and all(in_library_folder(p) for p in locations)


def serve_builds(parent: int, answers_fd: int) -> list[str]:
    """The builder's loop. It returns only in a forked build process, with
    the arguments for Pelican; the builder itself exits when its input
    closes or a library it imported changed."""
    tie_to_parent(parent)
    import pelican  # noqa: F401  (first, as in a cold child)

    answers = os.fdopen(answers_fd, "w", encoding="utf-8")
    libraries = Libraries()
    libraries.note_imported()
    report = Path(tempfile.mkdtemp(prefix="warm-pelican-")) / "modules.json"
    for line in sys.stdin:
        request = json.loads(line)
        if libraries.changed():
            remove_report(report)
            sys.exit(EXIT_STALE)
        report.unlink(missing_ok=True)
        build = os.fork()
        if build == 0:
            answers.close()
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            if request.get("quiet"):
                nowhere = os.open(os.devnull, os.O_WRONLY)
                os.dup2(nowhere, 1)
                os.dup2(nowhere, 2)
            for fd, path in zip((1, 2), request.get("messages") or (), strict=False):
                opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                os.dup2(opened, fd)
                os.close(opened)
            if request.get("cwd"):
                os.chdir(request["cwd"])
            atexit.register(report_modules, report)
            return with_extras(
                request["arguments"],
                request.get("settings") or {},
                request.get("plugins") or [],
            )
        _, status = os.waitpid(build, 0)
        answers.write(json.dumps({"exit": os.waitstatus_to_exitcode(status)}) + "\n")
        answers.flush()
        libraries.import_like(imported_by_build(report), request["local"])
        libraries.note_imported()
    remove_report(report)
    sys.exit(0)


def remove_report(report: Path) -> None:
    report.unlink(missing_ok=True)
    report.parent.rmdir()


def report_modules(report: Path) -> None:
    """At a build's exit: the modules it imported, in order."""
    with contextlib.suppress(OSError):
        report.write_text(json.dumps(list(sys.modules)), encoding="utf-8")


def imported_by_build(report: Path) -> list[str]:
    try:
        return json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


if __name__ == "__main__":
    arguments = serve_builds(int(sys.argv[1]), int(sys.argv[2]))
    sys.argv[1:] = arguments
    run_pelican_here(arguments)
