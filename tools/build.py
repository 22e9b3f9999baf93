"""Build the site into a scratch folder and swap it in whole, under a lock.

``make html``, ``make publish`` and ``make serve`` run this. Pelican writes
into a new folder beside the output (``.output.build-*``); only when Pelican
(and every plugin, search indexing included) has succeeded does that folder
take the output's place, in one atomic exchange of the two names. So:

* the output folder is checked before anything is touched, by the same code
  the sourceguard plugin runs for a plain ``pelican``
  (``sitekit.outputfolder``): not the content folder, the project, the
  theme, the plugins, home or ``/``, nothing holding or (for the sources)
  around them, and, if it holds anything, a folder an earlier build of this
  site made. A mount point is refused too: a rename cannot replace it;
* a failed or interrupted build never removes or truncates the last good
  ``output/``, and a reader or a deploy never sees half a site;
* ``output/`` holds exactly what the build wrote: no files of deleted posts,
  no hidden leftovers; its marker (``.output.marker.json``) lies beside it;
* an output that is a symbolic link (a web server's document root) stays a
  link: the folder it points to is the one replaced, atomically;
* ``make clean`` (``clean``) removes the output folder by the same checks,
  under the same lock, with its marker and scratch folders;
* one build at a time per output folder: a second waits for the lock
  (``BUILD_LOCK_WAIT`` seconds, 600 by default), then refuses with a clear
  message;
* Pelican and every process it starts die with this command, however it
  ends (Ctrl-C, SIGTERM, SIGHUP, even SIGKILL: ``tools/pelican_child.py``),
  and the next build removes the scratch folder of one that was killed.
  An interrupted build removes its own whole: the signals that stop it wait
  while a scratch folder is made or removed (``signals_held``).

``serve`` holds the lock while it runs, rebuilds the same way whenever the
content, theme, plugins or settings change (``tools/preview_loop.py``), and
serves the output folder (``tools/preview_server.py``), reloading the pages
open in a browser after each rebuild. Its builds are forked from a warm builder process
(``tools/warm_pelican.py``) instead of started afresh: the same build,
without Python's start and the imports. After an edit of the content,
with pages open in a browser, a *first pass* comes before the whole build:
Pelican reads and generates the whole site but writes only those pages
(the ``openpages`` plugin, loaded for that pass only), into an overlay folder
beside the output (``.output.preview-*``) that the server shows them from
until the whole build is swapped in. An edit of the theme, a plugin or the
settings changes the whole site: no first pass.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_error import BuildError  # tools/build_error.py
from pelican_child import (  # tools/pelican_child.py
    PelicanChild,
    PelicanEnded,
    SettingsUnreadable,
    libc_function,
    run_pelican,
)

from sitekit.diagnostics import SiteError
from sitekit.outputfolder import (
    Marker,
    OutputRule,
    check_output_contents,
    check_output_folder,
    check_output_place,
    files_under,
    marker_path,
    real,
    write_marker,
)
from sitekit.writeerrors import describe_os_error

if TYPE_CHECKING:
    from preview_events import FirstPass

SCRATCH_PREFIX = ".output.build-"
#: make serve's first passes write the pages open in a browser here.
OVERLAY_PREFIX = ".output.preview-"
RENAME_EXCHANGE = 2  # linux/fs.h


#: The settings the build command reads: where the sources and the cache
#: are (``OutputRule.from_settings``) and the plugin folders (``serve``).
SETTINGS_READ = ("PATH", "THEME", "PLUGIN_PATHS", "CACHE_PATH")


def read_site_settings(settings_file: Path, child: PelicanChild) -> dict[str, Any]:
    """The settings Pelican will build with (``-e`` and ``--cache-path``
    among its options included), read by Pelican's own code in the
    Pelican process ``child``, which has imported it for the build anyway."""
    try:
        return child.settings(SETTINGS_READ)
    except SettingsUnreadable as error:
        raise BuildError(f"{settings_file} cannot be read ({error})") from None


def refuse_before_touching(output: Path, rule: OutputRule) -> None:
    """Refuse what can be refused before the lock file is made: a folder
    the rule names, a mount point (no rename can replace it), and, unless
    another build may be swapping a new site in right now, a folder no
    build of this site made. ``Build.once`` checks again under the lock."""
    check_output_place(output, rule)
    target = real(output)
    if os.path.ismount(target):
        raise BuildError(
            f"the output folder {output} is a mount point: a build puts the new "
            "site in place by renaming a folder, which cannot replace a mount "
            f"point; build into a folder inside it (OUTPUTDIR={output}/site)"
        )
    if not lock_path(target).exists():
        check_output_contents(output, rule)


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def build_lock(target: Path, wait: float) -> Iterator[None]:
    """Hold ``.<output>.lock`` beside the output for this build; wait for
    another build's."""
    lock = lock_path(target)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Another build of {target}/ is running; waiting for it to finish…",
                file=sys.stderr,
                flush=True,
            )
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildError(
                            f"another build of {target}/ has held its lock for over "
                            f"{wait:.0f} s (a `make serve`?); stop it or try again"
                        ) from None
                    time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


#: The signals that stop a build (Ctrl-C, ``kill``, a closed terminal).
STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold the signals that stop a build until the block is done, then
    act on the first that came: a scratch folder is made or removed whole,
    not left half removed beside the output by a Ctrl-C (or a second one)
    that lands while ``rmtree`` runs. Only the main thread handles signals;
    elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda signum, _: held.append(signum))
        for sig in STOPPING_SIGNALS
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if held:  # the handler there was, at once: Ctrl-C's KeyboardInterrupt
            handler = previous[held[0]]
            if callable(handler):
                handler(held[0], None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(held[0])


@contextlib.contextmanager
def scratch_folder(prefix: str, beside: Path) -> Iterator[Path]:
    """A new folder beside the output, named ``prefix…``, removed whole when
    the block ends, however it ends."""
    work = None
    try:
        with signals_held():
            work = Path(tempfile.mkdtemp(prefix=prefix, dir=beside))
        yield work
    finally:
        if work is not None:
            with signals_held():
                shutil.rmtree(work, ignore_errors=True)


def remove_stale_scratch(target: Path, keep: Path | None = None) -> None:
    """Scratch folders (and first passes' overlays) of builds that were
    killed: nobody holds them now, but ``keep`` (the overlay ``make
    serve`` shows while its whole build runs)."""
    for prefix in (SCRATCH_PREFIX, OVERLAY_PREFIX):
        for stale in target.parent.glob(f"{prefix}{target.name}-*"):
            if stale != keep:
                shutil.rmtree(stale, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where unsupported."""
    renameat2 = libc_function("renameat2")
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), RENAME_EXCHANGE
    )
    return result == 0


def swap_in(scratch: Path, target: Path) -> None:
    """Put the finished site in the output's place; the old one goes where
    the scratch folder was (and is removed with it)."""
    if target.is_dir() and exchange(scratch, target):
        return
    if target.is_dir():
        target.rename(scratch.with_name(scratch.name + ".old"))
    scratch.rename(target)


#: How a build runs Pelican: (Pelican's arguments, output folder) -> exit code.
PelicanRunner = Callable[[list[str], Path], int]
#: How a first pass runs Pelican: (Pelican's arguments, output folder, the
#: pages to write) -> exit code.
FirstPassRunner = Callable[[list[str], Path, list[str]], int]


@dataclass(frozen=True)
class BuildTimes:
    """When a build started, Pelican finished and the site was swapped in
    (seconds since the epoch)."""

    started: float
    built: float
    swapped: float


class Build:
    """One output folder, the rule it is checked by, Pelican's command and
    how it is run (a fresh child process unless ``runner`` says otherwise)."""

    def __init__(
        self,
        output: Path,
        rule: OutputRule,
        pelican: list[str],
        runner: PelicanRunner = run_pelican,
        first_pass_runner: FirstPassRunner | None = None,
    ):
        self.output = output
        self.target = real(output)
        self.rule = rule
        self.pelican = pelican
        self.runner = runner
        self.first_pass_runner = first_pass_runner

    def first_pass(self, pages: list[str]) -> FirstPass:
        """Write only ``pages`` (paths in the site) of the site as it is
        now, into an overlay folder beside the output; call it under the
        lock. The overlay holds only this pass's files; ``drop`` it. A pass
        that fails or is interrupted leaves no overlay behind."""
        from preview_events import FirstPass

        if self.first_pass_runner is None:
            raise BuildError("this build has no first pass")
        check_output_folder(self.output, self.rule)
        remove_stale_scratch(self.target)
        work = Path(
            tempfile.mkdtemp(
                prefix=f"{OVERLAY_PREFIX}{self.target.name}-", dir=self.target.parent
            )
        )
        site = work / self.target.name
        try:
            site.mkdir()
            code = self.first_pass_runner(self.pelican, site, sorted(pages))
            if code != 0:
                raise BuildError(
                    f"the first pass, the pages open in a browser only, stopped "
                    f"(exit {code}); the whole build follows"
                )
            files = frozenset(files_under(site))
        except BaseException:  # a failure, Ctrl-C or SIGTERM: no overlay left
            with signals_held():
                shutil.rmtree(work, ignore_errors=True)
            raise
        return FirstPass(site, files.intersection(pages), files)

    def once(
        self,
        swapped: Callable[[BuildTimes], None] | None = None,
        shown: FirstPass | None = None,
    ) -> None:
        """One build into a scratch folder, swapped in on success. Call it
        under the lock. ``swapped`` is called once the new site is in
        place, before the old one is removed; the first pass ``shown``
        meanwhile is left in place."""
        started = time.time()
        check_output_folder(self.output, self.rule)
        remove_stale_scratch(self.target, keep=shown.site.parent if shown else None)
        with scratch_folder(
            f"{SCRATCH_PREFIX}{self.target.name}-", self.target.parent
        ) as work:
            scratch = work / self.target.name
            scratch.mkdir()
            code = self.runner(self.pelican, scratch)
            if code != 0:
                raise BuildError(
                    f"Pelican stopped (exit {code}); the last good site is left "
                    "as it was"
                )
            built = time.time()
            files = files_under(scratch)
            site = str(self.rule.site)
            # Until the swap is done, either folder may be in place: both are
            # this site's.
            write_marker(self.target, Marker(site))
            swap_in(scratch, self.target)
            write_marker(self.target, Marker(site, files))
            if swapped is not None:
                swapped(BuildTimes(started, built, time.time()))


def clean(output: Path, rule: OutputRule, wait: float) -> None:
    """``make clean``'s removal of the output folder, checked as a build
    checks it: never the content, the project or a folder no build of this
    site made, whatever ``OUTPUTDIR`` says (a shell's ``rm -rf`` would
    remove them all, and split a path with a space into two). The marker,
    the lock and the scratch folders beside it go with it. An output that
    is a link loses the link only: the folder it points to (a web server's
    document root) keeps the site."""
    target = real(output)
    if not output.is_symlink() and not target.exists():
        return
    with build_lock(target, wait):
        check_output_folder(output, rule)
        remove_stale_scratch(target)
        if output.is_symlink():
            output.unlink()
            return
        shutil.rmtree(target)
        marker_path(target).unlink(missing_ok=True)
    lock_path(target).unlink(missing_ok=True)


def local_folders(settings_file: Path, settings: dict[str, Any]) -> list[Path]:
    """The project's folders, whose modules a warm builder never imports."""
    plugin_paths = [Path(path) for path in settings.get("PLUGIN_PATHS", [])]
    return [settings_file.absolute().parent, *plugin_paths]


def _exit_on(signum: int, *_: Any) -> None:
    sys.exit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "serve", "clean"))
    parser.add_argument("--input", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000", help="0: a free port")
    parser.add_argument(
        "--network",
        action="store_true",
        help="serve: let another machine read the preview (the desk too) when "
        "--host is not this machine's alone",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="serve: also answer requests addressed to NAME (a tunnel's or a "
        "cloud editor's forwarded port); repeat for more",
    )
    parser.add_argument(
        "--fresh-process",
        action="store_true",
        help="serve: each rebuild in a fresh Pelican process, as `build` does "
        "(slower; for comparison)",
    )
    parser.epilog = "Options after -- go to pelican as they are."
    ours, pelican_options = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :])
        if "--" in argv
        else (argv, [])
    )
    args = parser.parse_args(ours)
    output = args.output.absolute()
    pelican = [
        str(args.input),
        "-s",
        str(args.settings),
        "--fatal",
        "errors",
        *pelican_options,
    ]
    wait = float(os.environ.get("BUILD_LOCK_WAIT", "600"))
    signal.signal(signal.SIGTERM, _exit_on)
    signal.signal(signal.SIGHUP, _exit_on)
    if args.command == "serve":
        from preview_loop import port_number
        from preview_reach import allowed_names, refuse_network_host

        try:  # before Pelican starts: a refused address costs no build
            port = port_number(args.port)
            refuse_network_host(args.host, args.network)
            allowed = allowed_names(args.allow_host)
        except BuildError as error:
            print(f"build: {error}", file=sys.stderr)
            return 1
    # Pelican's process starts now: while it imports Pelican, this one
    # goes on; it reads the settings for the checks below, then builds.
    child = PelicanChild(pelican)
    try:
        settings = read_site_settings(args.settings, child)
        rule = OutputRule.from_settings(
            settings, projects=[args.settings.absolute().parent]
        )
        if args.command == "clean":
            child.close()
            clean(output, rule, wait)
            return 0
        refuse_before_touching(output, rule)
        if args.command == "build":
            build = Build(output, rule, pelican, child.run)
            with build_lock(build.target, wait):
                build.once()
        else:
            child.close()  # each of serve's builds has a process of its own
            from preview_loop import first_pass_in, serve, watched_paths
            from warm_pelican import WarmPelican

            warm = WarmPelican(local_folders(args.settings, settings))
            runner = run_pelican if args.fresh_process else warm.run
            build = Build(
                output,
                rule,
                pelican,
                runner,
                None if args.fresh_process else first_pass_in(warm),
            )
            try:
                with build_lock(build.target, wait):
                    serve(
                        build,
                        args.host,
                        port,
                        watched_paths(args.input, args.settings, settings),
                        args.input,
                        allowed,
                    )
            finally:
                warm.close()
    except PelicanEnded as ended:
        return ended.code  # Pelican said why (its command line, say)
    except (BuildError, SiteError) as error:
        print(f"build: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"build: {describe_os_error(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "build: interrupted; the last good site is left as it was", file=sys.stderr
        )
        return 130
    finally:
        child.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
