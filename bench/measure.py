"""Running a build in a fresh process and measuring it from outside.

``os.wait4`` gives the CPU time of the process and of every process it
started and waited for (fastbuild's workers, Pagefind's), and the peak
memory of the largest of them; ``build_once.py`` adds its own peak, the
Pelican process's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: Where corpora, builds and caches go; ``BENCH_WORK`` moves it (the test
#: that runs the bench on a tiny corpus puts it in its own folder), named
#: from where the bench is started: the builds start in ROOT.
WORK = Path(os.environ.get("BENCH_WORK") or HERE / "work").resolve()
STOCK_CONF = HERE / "stock_pelicanconf.py"
SITE_CONF = ROOT / "publishconf.py"


@dataclass(frozen=True)
class Figures:
    """One build (or a sequence of processes, for the peer) from outside."""

    wall: float  # seconds
    cpu: float  # seconds, every process
    peak_mib: float  # the largest process
    pelican_mib: float = 0.0  # the Pelican process, as build_once.py says

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.peak_mib, other.peak_mib),
            max(self.pelican_mib, other.pelican_mib),
        )


class BuildFailed(Exception):
    pass


def measured(command: list[str]) -> Figures:
    """Run ``command`` and measure it and every process it waited for."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        said = out.read().decode(errors="replace")
        if process.returncode != 0:
            said += err.read().decode(errors="replace")
            raise BuildFailed(f"{' '.join(command[:4])}…\n{said[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Figures(wall, cpu, usage.ru_maxrss / 1024, _own_peak(said))


def _own_peak(said: str) -> float:
    """The peak build_once.py reports for its own process, in MiB."""
    for line in reversed(said.splitlines()):
        if line.startswith("{"):
            return json.loads(line).get("own_peak_kib", 0) / 1024
    return 0.0


def pelican_build(
    conf: Path,
    content: Path,
    name: str,
    settings: dict | None = None,
    keep_cache: bool = False,
) -> Figures:
    """One Pelican build in a fresh process, into a fresh output folder; a
    fresh cache folder unless ``keep_cache`` (then the content cache is on
    and loaded, as ``make html`` has it)."""
    output = WORK / f"out-{name}"
    cache = WORK / f"cache-{name}"
    shutil.rmtree(output, ignore_errors=True)
    if not keep_cache:
        shutil.rmtree(cache, ignore_errors=True)
    command = [
        sys.executable, str(HERE / "build_once.py"),
        "--conf", str(conf), "--content", str(content),
        "--output", str(output), "--cache", str(cache),
    ]  # fmt: skip
    if keep_cache:
        command.append("--use-cache")
    for setting, value in (settings or {}).items():
        command += ["--setting", f"{setting}={json.dumps(value)}"]
    return measured(command)


def site_settings(**more) -> dict:
    return {"SITEURL": "https://e.org", **more}


def site_plugins() -> list[str]:
    from pelican.settings import read_settings

    return list(read_settings(str(SITE_CONF))["PLUGINS"])


def without_fastbuild() -> dict:
    return {"PLUGINS": [p for p in site_plugins() if p != "fastbuild"]}
