"""Run one Pelican build in this process and print its figures as JSON.

The benchmark runs each build in a fresh process (so peak memory is the
build's own) through this script. With ``--plugin-time`` it wraps the
project plugins' entry points in timers, from the outside, so the plugins
carry no benchmarking code of their own.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import logging
import resource
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent

# (module, class or None, attribute): the plugins' own work, that is, the
# work stock Pelican does not do. Nested calls are counted once (see Timer).
# Handlers connected to signals are wrapped in the plugin package's namespace,
# where register() looks them up, before Pelican calls register().
PLUGIN_ENTRY_POINTS = (
    ("reflections.generator", "ReflectionsGenerator", "generate_context"),
    ("reflections.generator", "ReflectionsGenerator", "generate_output"),
    ("reflections.callouts", "CalloutPreprocessor", "run"),
    ("reflections.callouts", "CalloutBlockProcessor", "run"),
    ("reflections.callouts", "CalloutNoteTreeprocessor", "run"),
    ("reflections.reader", None, "metadata_lines"),
    ("reflections.reader", None, "parse_lessons_field"),
    ("comments", None, "attach_comments"),
    ("comments.generator", "CommentsGenerator", "generate_output"),
    ("feeds.generator", "FeedsGenerator", "generate_context"),
    ("feeds.generator", "FeedsGenerator", "generate_output"),
    ("feeds.writer", "FeedWriter", "_create_new_feed"),
    ("feeds.writer", "FeedWriter", "_add_item_to_the_feed"),
    ("feeds", None, "feed_links"),
    ("presentation", None, "annotate_articles"),
    ("presentation", None, "page_meta"),
)
# Work inside a plugin that stock Pelican does too, so it is not counted:
# parsing a callout's note is the same Markdown work as parsing the
# blockquote it would otherwise be.
STOCK_WORK = (("markdown.blockparser", "BlockParser", "parseChunk"),)


class Timer:
    """Total time spent inside any wrapped function, outermost calls only."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.depth = 0
        self.excluding = False

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

    def exclude(self, function):
        """Inside counted work, take this function's time back out, once:
        calls nested in an excluded call are already taken out with it."""

        @functools.wraps(function)
        def paused(*args, **kwargs):
            if not self.depth or self.excluding:
                return function(*args, **kwargs)
            self.excluding = True
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds -= time.perf_counter() - started
                self.excluding = False

        return paused


def instrument(timer: Timer) -> None:
    for wrap, entry_points in (
        (timer.wrap, PLUGIN_ENTRY_POINTS),
        (timer.exclude, STOCK_WORK),
    ):
        for module_name, class_name, attribute in entry_points:
            module = importlib.import_module(module_name)
            owner = getattr(module, class_name) if class_name else module
            setattr(owner, attribute, wrap(getattr(owner, attribute)))


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
        instrument(timer)
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
    cpu_started = time.process_time()
    settings = read_settings(str(arguments.conf), override=overrides)
    Pelican(settings).run()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "plugin_seconds": timer.seconds,
                "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                # The largest worker process, when posts were converted in workers.
                "worker_peak_rss_kib": resource.getrusage(
                    resource.RUSAGE_CHILDREN
                ).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    main()
