"""A setting no plugin declares, under a name a plugin owns: a typo.

Pelican keeps every upper-case name of a settings file and nothing reads a
name no plugin declares, so ``REFLECTIONS_MAX_LESONS = 3`` was ignored
without a word and the build ran on the default (a misspelt
``REFLECTIONS_STORIES_LOCAL_ONLY`` published what the writer meant to
keep). A name is checked only when a loaded plugin owns its first word:

* the plugin's own name (``REFLECTIONS_``, ``COMMENTS_``, ``SEARCH_``): any
  name there no plugin declares is reported, with the nearest declared one;
* the first word of a setting a plugin declares (``SERIES_``, ``HOME_``)
  and that none of Pelican's settings starts with: reported only when it is
  close to a declared name, so a theme's own ``HOME_BANNER`` stays the
  writer's.

Pelican's settings (``FEED_``, ``AUTHOR_``) are never reported, nor a name
no settings file sets (a plugin keeps what it works out in the settings,
``FEEDS_PLAN``; ``-e`` gives a value in no file).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from pelican.settings import DEFAULT_CONFIG

from .rules import Finding, Rule, declare_rules
from .settings import Setting
from .settingsource import setting_source
from .withheld import LOCAL_ONLY_FIELDS

(UNKNOWN_SETTING,) = declare_rules(
    Rule(
        "unknown-setting",
        "a setting under a name a plugin owns that no plugin declares, a typo "
        "(it is ignored)",
        "warning",
        "error",
    ),
)

#: How alike a name must be to a declared one to be taken for its typo.
CLOSE_ENOUGH = 0.8


def unknown_plugin_settings(
    settings: Mapping[str, Any],
    plugins: Iterable[tuple[str, tuple[Setting, ...]]],
) -> list[Finding]:
    """Every setting under a name a plugin owns that no plugin declares,
    naming the settings file and line; ``plugins`` are the loaded plugins'
    names and declared settings."""
    plugins = list(plugins)
    declared = {setting.name for _, tables in plugins for setting in tables}
    known = {
        *declared,
        *(f"{name}_URL" for name in declared),  # Pelican's pair for a path
        *DEFAULT_CONFIG,
        LOCAL_ONLY_FIELDS,
    }
    pelicans = {name.split("_")[0] for name in DEFAULT_CONFIG if "_" in name}
    own = {name.upper() for name, _ in plugins} - pelicans
    shared = {name.split("_")[0] for name in declared if "_" in name} - pelicans
    found = []
    for name in sorted(settings):
        first = name.split("_")[0]
        if name in known or "_" not in name or not name.isupper():
            continue
        if first not in own and first not in shared:
            continue
        close = difflib.get_close_matches(name, declared, n=1, cutoff=CLOSE_ENOUGH)
        if not close and first not in own:
            continue
        path, line = setting_source(name, settings[name])
        if path is None:  # set by a plugin as it runs, or on the command line
            continue
        hint = f"did you mean {close[0]}?" if close else "see docs/settings.md"
        found.append(
            Finding(
                UNKNOWN_SETTING.name,
                f"{name} is no plugin's setting and is ignored; {hint}",
                path,
                line,
            )
        )
    return found
