"""Run one Pelican build in this process and print its figures as JSON.

The benchmark runs each build in a fresh process through this script, so
that peak memory and CPU time are the build's own: wall time, CPU time of
this process and of every worker it started, and the peak memory of this
process and of its largest worker.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", type=Path, required=True)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--use-cache", action="store_true")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=JSON")
    arguments = parser.parse_args()

    logging.basicConfig(level=logging.ERROR)
    overrides = {
        "PATH": str(arguments.content),
        "OUTPUT_PATH": str(arguments.output),
        "CACHE_PATH": str(arguments.cache),
        "CACHE_CONTENT": arguments.use_cache,
        "LOAD_CONTENT_CACHE": arguments.use_cache,
    }
    for setting in arguments.setting:
        name, _, value = setting.partition("=")
        overrides[name] = json.loads(value)
    started = time.perf_counter()
    cpu_started = cpu_seconds(resource.RUSAGE_SELF)
    settings = read_settings(str(arguments.conf), override=overrides)
    Pelican(settings).run()
    seconds = time.perf_counter() - started
    cpu = (
        cpu_seconds(resource.RUSAGE_SELF)
        - cpu_started
        + cpu_seconds(resource.RUSAGE_CHILDREN)
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                # The largest worker process (fastbuild's, Pagefind's).
                "worker_peak_rss_kib": resource.getrusage(
                    resource.RUSAGE_CHILDREN
                ).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    main()
