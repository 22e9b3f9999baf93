"""What each plugin declares about itself, and the order of ``PLUGINS``.

A plugin package names itself in ``PLUGIN = Declaration(...)``:

* ``needs``: the plugins whose results it reads (``article.lessons``, the
  reflection index). They must be in ``PLUGINS``, listed before it; a build
  whose ``PLUGINS`` breaks that stops at start-up with one line naming the
  order to use, so the plugin reads those results directly and a missing
  stage can never leave a quietly emptier site;
* ``settings`` (its ``Setting`` table), and ``prepare_settings``, what else
  it sets up in the settings when a build starts (sourceguard excludes the
  folders it refuses), so that a command reads the site as a build does;
* ``rules`` (every rule its checks report, see ``sitekit.rules``) and
  ``strict_setting``, the setting that puts those rules at their publish
  level;
* ``cache_inputs``: files Pelican's content caches must be keyed on though
  they are not read through them (``sitekit.cachekey``);
* ``local_only_fields``: metadata fields that belong on the writer's
  machine only (a follow-up date, who introduced whom). Every reader
  withholds them from a build that sets ``WITHHOLD_LOCAL_ONLY``, as it
  withholds a private field (``sitekit.withheld``); a local build keeps
  them for the plugin;
* ``unpublished_sources``: given the settings, the files in the content
  folder (relative to ``PATH``) the plugin reads and keeps out of the
  output (the desk's review log). ``UNPUBLISHED_SOURCES`` gathers them
  with the site's own; sourceguard drops them from the static files in
  the build and ``reflect`` leaves them out of what it checks as
  published, so the two cannot disagree. A plugin that declares them
  needs ``sourceguard``, which keeps them out;
* ``read_sources``: given the settings, the files or folders (relative
  to ``PATH``, or absolute) the plugin reads itself, not through Pelican's
  walk (the comments folder). ``READ_SOURCES`` gathers them with every
  ``cache_inputs``; the start-up guards walk them as they walk what
  Pelican reads, so a named pipe there stops the build as one in
  ``posts/`` does (``sitekit.sourcewalk``);
* ``keys_caches``: False for a plugin that changes only which files a build
  writes, never what any file reads as (``openpages``, loaded by ``make
  serve`` for a pass that writes the open pages only): the content caches
  are not keyed on its code or its settings, so that pass and the whole
  build after it share them (``sitekit.cachekey``);
* ``content_stage``: what it does with the site's content once every file
  is read (annotate posts, return what it found). The build runs it at the
  plugin's own moment; ``reflect`` runs every plugin's, in ``PLUGINS``
  order, on the same files, so the command and the build cannot disagree.

Declaring is one line in the package, plus ``signals.initialized.connect(
check_plugin_order)`` in ``register()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from .diagnostics import Diagnostic, SettingsError, log_and_raise
from .rules import Finding, Rule
from .rules import diagnostics as at_levels
from .settingnames import unknown_plugin_settings
from .settings import Setting, apply_defaults
from .sourcepaths import UNPUBLISHED_SOURCES
from .sourcewalk import READ_SOURCES
from .withheld import LOCAL_ONLY_FIELDS

logger = logging.getLogger(__name__)

#: What a plugin does with the site's content: given a Pelican context (the
#: settings, ``articles``, ``drafts``, ``pages``...), it annotates the content
#: and returns what its checks found.
ContentStage = Callable[[dict[str, Any]], list[Finding | Diagnostic]]


class PluginOrderError(SettingsError):
    """``PLUGINS`` misses a plugin another needs, or lists it too late."""


@dataclass(frozen=True)
class Declaration:
    name: str
    needs: tuple[str, ...] = ()
    settings: tuple[Setting, ...] = ()
    prepare_settings: Callable[[MutableMapping[str, Any]], Any] | None = None
    rules: tuple[Rule, ...] = ()
    strict_setting: str | None = None
    cache_inputs: Callable[[Mapping[str, Any]], Iterable[Path]] | None = None
    content_stage: ContentStage | None = None
    local_only_fields: tuple[str, ...] = ()
    unpublished_sources: Callable[[Mapping[str, Any]], Iterable[str]] | None = None
    read_sources: Callable[[Mapping[str, Any]], Iterable[str]] | None = None
    keys_caches: bool = True

    def prepare(self, settings: MutableMapping[str, Any]) -> None:
        """The settings as the plugin leaves them when a build starts: its
        defaults filled in and checked, and what else it sets up."""
        apply_defaults(self.settings, settings)
        if self.prepare_settings is not None:
            self.prepare_settings(settings)

    def strict(self, settings: Mapping[str, Any]) -> bool:
        """Whether the settings put this plugin's rules at their publish level."""
        return bool(self.strict_setting and settings[self.strict_setting])

    def diagnostics(
        self, findings: Iterable[Finding | Diagnostic], settings: Mapping[str, Any]
    ) -> list[Diagnostic]:
        """Findings at the levels of the rule table; a ``Diagnostic`` has
        its level already, which a check took from the table with
        ``level_of`` (a comment feed's name, measured where a ``Finding``
        cannot be reported)."""
        strict = self.strict(settings)
        return [
            found if isinstance(found, Diagnostic) else found.at_level(strict)
            for found in findings
        ]


def gather_local_only_fields(
    declarations: Iterable[Declaration], settings: MutableMapping[str, Any]
) -> None:
    """Add every declared local-only field to ``LOCAL_ONLY_FIELDS``, where
    the readers' field rules find them (``sitekit.withheld``)."""
    fields = [name.lower() for name in settings.get(LOCAL_ONLY_FIELDS) or ()]
    for declared in declarations:
        fields += [name.lower() for name in declared.local_only_fields]
    settings[LOCAL_ONLY_FIELDS] = list(dict.fromkeys(fields))


def gather_unpublished_sources(
    declarations: Iterable[Declaration], settings: MutableMapping[str, Any]
) -> None:
    """Add every file a plugin keeps out of the output to
    ``UNPUBLISHED_SOURCES`` (paths relative to ``PATH``). A plugin's own
    settings are filled in first: this runs before the plugin's checks."""
    names = [str(name) for name in settings.get(UNPUBLISHED_SOURCES) or ()]
    for declared in declarations:
        if declared.unpublished_sources is not None:
            apply_defaults(declared.settings, settings)
            names += [str(name) for name in declared.unpublished_sources(settings)]
    settings[UNPUBLISHED_SOURCES] = list(dict.fromkeys(names))


def gather_read_sources(
    declarations: Iterable[Declaration], settings: MutableMapping[str, Any]
) -> None:
    """Set ``READ_SOURCES`` to every file or folder a plugin reads itself
    (``read_sources``, and the ``cache_inputs`` its caches are keyed on),
    relative to ``PATH`` or absolute: the start-up guards walk them as
    they walk what Pelican reads (``sitekit.sourcewalk``)."""
    names: list[str] = []
    for declared in declarations:
        reads = [
            read for read in (declared.read_sources, declared.cache_inputs) if read
        ]
        if reads:
            apply_defaults(declared.settings, settings)
        for read in reads:
            names += [str(name) for name in read(settings)]
    settings[READ_SOURCES] = list(dict.fromkeys(names))


def gather_declared(
    declarations: Iterable[Declaration], settings: MutableMapping[str, Any]
) -> None:
    """What the plugins declare for every reader and every front end: the
    local-only fields, the files kept out of the output and the files
    read outside Pelican's walk."""
    declarations = tuple(declarations)
    gather_local_only_fields(declarations, settings)
    gather_unpublished_sources(declarations, settings)
    gather_read_sources(declarations, settings)


def declaration_of(plugin: ModuleType) -> Declaration | None:
    """The plugin's declaration; None for a plugin from elsewhere
    (pelican-sitemap), which needs nothing of ours."""
    declared = vars(plugin).get("PLUGIN")
    return declared if isinstance(declared, Declaration) else None


def plugin_order_problem(
    names: Sequence[str], declarations: Mapping[str, Declaration]
) -> str | None:
    """What is wrong with ``names`` (the PLUGINS order), in one line, or None."""
    missing = sorted(
        {
            need
            for name in names
            if name in declarations
            for need in declarations[name].needs
            if need not in names
        }
    )
    late = [
        (name, need)
        for position, name in enumerate(names)
        if name in declarations
        for need in declarations[name].needs
        if need in names and names.index(need) > position
    ]
    if not missing and not late:
        return None
    reasons = [
        f"{user} needs {need}, which is not in PLUGINS"
        for need in missing
        for user in names
        if user in declarations and need in declarations[user].needs
    ]
    if late:
        pairs = "; ".join(f"{need} before {user}" for user, need in late)
        reasons.append(f"a plugin comes after those whose results it reads ({pairs})")
    order = ", ".join(repr(name) for name in ordered(names, declarations))
    return f"PLUGINS is out of order: {'; '.join(reasons)}; use PLUGINS = [{order}]"


def ordered(names: Sequence[str], declarations: Mapping[str, Declaration]) -> list[str]:
    """``names`` with every plugin after those it needs, missing ones added:
    the order of ``names`` wherever the needs allow it."""
    result: list[str] = []

    def place(name: str, visiting: tuple[str, ...]) -> None:
        if name in result or name in visiting:
            return
        declared = declarations.get(name)
        for need in declared.needs if declared else ():
            place(need, (*visiting, name))
        result.append(name)

    for name in names:
        place(name, ())
    return result


def check_plugin_order(pelican: Any) -> None:
    """At ``initialized``: stop the build if ``PLUGINS`` is out of order.

    Pelican has loaded the plugins by then (``pelican.plugins``), so their
    declarations, and those of the plugins they need, can be read.
    """
    names, declarations = _names_and_declarations(pelican.plugins)
    problem = plugin_order_problem(names, declarations)
    if problem:
        raise log_and_raise(PluginOrderError(problem))
    typos = misspelt_settings(pelican.settings, declarations.values())
    for typo in typos:
        (logger.error if typo.level == "error" else logger.warning)(
            typo.location_message()
        )
    if any(typo.level == "error" for typo in typos):
        raise SettingsError(f"{len(typos)} setting(s) no plugin declares; see above")


def misspelt_settings(
    settings: Mapping[str, Any], declarations: Iterable[Declaration]
) -> list[Diagnostic]:
    """Settings no plugin declares under a name a plugin owns
    (``sitekit.settingnames``), at the level of ``unknown-setting``: its
    publish level where a plugin's strict setting is on (a publish build),
    as a typo may publish what a setting was meant to keep back."""
    declarations = list(declarations)
    strict = any(
        declared.strict_setting and settings.get(declared.strict_setting)
        for declared in declarations
    )
    return at_levels(
        unknown_plugin_settings(
            settings,
            [(declared.name, declared.settings) for declared in declarations],
        ),
        strict,
    )


def _names_and_declarations(
    plugins: Iterable[ModuleType],
) -> tuple[list[str], dict[str, Declaration]]:
    names: list[str] = []
    declarations: dict[str, Declaration] = {}
    for plugin in plugins:
        names.append(plugin.__name__)
        declared = declaration_of(plugin)
        if declared is not None:
            declarations[plugin.__name__] = declared
    return names, declarations


def check_order_of(plugins: Iterable[ModuleType]) -> None:
    """``check_plugin_order`` for a command that loads the plugins itself."""
    problem = plugin_order_problem(*_names_and_declarations(plugins))
    if problem:
        raise PluginOrderError(problem)
