"""Run one Pelican build in this process and print its figures as JSON.

The benchmark runs each build in a fresh process (so peak memory is the
build's own) through this script. With ``--plugin-time`` it wraps the
project plugins' entry points in timers, from the outside, so the plugins
carry no benchmarking code of their own.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import resource
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent

# (module, class or None, attribute): the plugins' own work. Nested calls are
# counted once (see Timer), so a processor running inside the reader's
# convert is not counted twice.
PLUGIN_ENTRY_POINTS = (
    ("reflections.generator", "ReflectionsGenerator", "generate_context"),
    ("reflections.generator", "ReflectionsGenerator", "generate_output"),
    ("reflections.callouts", "CalloutPreprocessor", "run"),
    ("reflections.callouts", "CalloutBlockProcessor", "run"),
    ("reflections.callouts", "CalloutNoteTreeprocessor", "run"),
    ("reflections.reader", None, "metadata_lines"),
    ("reflections.reader", None, "parse_lessons_field"),
)


class Timer:
    """Total time spent inside any wrapped function, outermost calls only."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.depth = 0

    def wrap(self, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            if self.depth:
                return function(*args, **kwargs)
            self.depth += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.depth -= 1

        return timed


def instrument(timer: Timer, entry_points) -> None:
    import importlib

    for module_name, class_name, attribute in entry_points:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        owner = getattr(module, class_name) if class_name else module
        if hasattr(owner, attribute):
            setattr(owner, attribute, timer.wrap(getattr(owner, attribute)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", type=Path, required=True)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--use-cache", action="store_true")
    parser.add_argument("--plugin-time", action="store_true")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=JSON")
    arguments = parser.parse_args()

    sys.path.insert(0, str(ROOT / "plugins"))
    logging.basicConfig(level=logging.ERROR)
    timer = Timer()
    if arguments.plugin_time:
        instrument(timer, PLUGIN_ENTRY_POINTS)
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
    settings = read_settings(str(arguments.conf), override=overrides)
    Pelican(settings).run()
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "plugin_seconds": timer.seconds,
                "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    main()
