"""Where a build's CPU goes, function by function: a profile of one build.

``python bench/profiled.py [--posts 1000] [--stock] [--fastbuild] [--lines 40]``
builds the benchmark corpus once in this process (the publish settings,
fastbuild out, fresh caches; or stock Pelican with ``--stock``; or with
fastbuild's work done in this one process, ``FASTBUILD_WORKERS = 1``, with
``--fastbuild``) under ``cProfile`` with a CPU-time clock, so other work on
the machine does not count, and prints the functions with the most CPU
below them. ``--save FILE`` keeps the
profile for ``python -m pstats FILE``.

The profiler slows Python code more than C code (Python-Markdown more than
zlib), so its shares are larger than the build's for Python-heavy work:
compare profiles with profiles, and measure a change by CPU time or
instructions, alternating before and after (docs/performance.md).
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import shutil
import time
from pathlib import Path

from corpus import write_corpus
from measure import SITE_CONF, STOCK_CONF, WORK, site_settings, without_fastbuild


def profiled_build(
    content: Path, stock: bool, fastbuild: bool = False
) -> cProfile.Profile:
    from pelican import Pelican
    from pelican.settings import read_settings

    name = "stock" if stock else "site"
    output, cache = WORK / f"profile-out-{name}", WORK / f"profile-cache-{name}"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
    }
    if fastbuild:
        overrides |= site_settings(FASTBUILD_WORKERS=1)
    elif not stock:
        overrides |= site_settings(**without_fastbuild())
    conf = STOCK_CONF if stock else SITE_CONF
    pelican = Pelican(read_settings(str(conf), override=overrides))
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    pelican.run()
    profile.disable()
    return profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--stock", action="store_true", help="stock Pelican")
    parser.add_argument(
        "--fastbuild", action="store_true", help="fastbuild in, in one process"
    )
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--save", type=Path, help="keep the profile in this file")
    arguments = parser.parse_args()

    logging.basicConfig(level=logging.ERROR)
    content = write_corpus(WORK / f"corpus-{arguments.posts}", arguments.posts)
    profile = profiled_build(content, arguments.stock, arguments.fastbuild)
    if arguments.save:
        profile.dump_stats(arguments.save)
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(arguments.lines)


if __name__ == "__main__":
    main()
