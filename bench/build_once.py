"""Run one Pelican build in this process, for the benchmark.

The benchmark runs each build in a fresh process through this script and
measures it from outside (bench/measure.py): wall time, the CPU time of
this process and of every process it starts (fastbuild's workers,
Pagefind's), and the peak memory of the largest. This process reports only
its own peak memory, on its last line, as JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", type=Path, required=True)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument(
        "--use-cache",
        action="store_true",
        help="write and load Pelican's content cache, as `make html` does",
    )
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
    Pelican(read_settings(str(arguments.conf), override=overrides)).run()
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"own_peak_kib": own_peak}))


if __name__ == "__main__":
    main()
