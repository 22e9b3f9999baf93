"""A plugin setting whose value cannot work is named at the settings file
and line that gave it that value, as every other problem a writer must fix
is (``sitekit.settings.validate`` through ``sitekit.settingsource``)."""

from __future__ import annotations

import pytest
import test_setting_source
from sitebuild import CONTENT, copy_project, run_pelican

from sitekit.diagnostics import SettingsError
from sitekit.settings import Setting, at_least, validate

DEPTH = Setting("COMMENTS_MAX_DEPTH", 5, (int,), "Deepest replies.", check=at_least(1))
#: The fixture that loads a settings file as Pelican does, shared.
load_settings = test_setting_source.load_settings

SAVE_AS = Setting("LESSON_SAVE_AS", "lessons/{slug}.html", (str,), "", needs_slug=True)


@pytest.mark.parametrize(
    ("text", "setting", "line", "says"),
    [
        ('A = 1\nCOMMENTS_MAX_DEPTH = "five"\n', DEPTH, 2, "must be int, not str"),
        ("COMMENTS_MAX_DEPTH = True\n", DEPTH, 1, "must be int, not bool"),
        ("if 1:\n    COMMENTS_MAX_DEPTH = 0\n", DEPTH, 2, "must be 1 or more"),
        (
            '\n\nLESSON_SAVE_AS = "lessons/all.html"\n',
            SAVE_AS,
            3,
            "must contain {slug}",
        ),
    ],
    ids=["wrong type", "a bool for an int", "a failed check", "no slug"],
)
def test_a_setting_that_cannot_work_is_named_at_its_line(
    load_settings, text, setting, line, says
):
    file = load_settings(text)
    module_value = {}
    exec(text, module_value)
    with pytest.raises(SettingsError) as raised:
        validate([setting], {setting.name: module_value[setting.name]})
    assert (raised.value.path, raised.value.line) == (str(file), line)
    assert raised.value.location_message().startswith(f"{file}:{line}: setting ")
    assert says in raised.value.message


def test_a_value_given_on_the_command_line_has_no_place(load_settings):
    load_settings("COMMENTS_MAX_DEPTH = 3\n")
    with pytest.raises(SettingsError) as raised:
        validate([DEPTH], {"COMMENTS_MAX_DEPTH": "five"})  # as ``-e`` gives it
    assert raised.value.path is None and raised.value.line is None
    assert raised.value.location_message().startswith("setting COMMENTS_MAX_DEPTH")


def test_a_good_value_raises_nothing(load_settings):
    load_settings("COMMENTS_MAX_DEPTH = 3\n")
    validate([DEPTH], {"COMMENTS_MAX_DEPTH": 3})


def test_a_published_build_names_pelicanconf_and_its_line(tmp_path):
    """publishconf.py loads pelicanconf.py; the line is pelicanconf's."""
    project = copy_project(tmp_path / "project")
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + '\nCOMMENTS_MAX_DEPTH = "five"\n', encoding="utf-8")
    line = text.count("\n") + 2
    result = run_pelican(
        CONTENT, tmp_path / "out", conf=str(project / "publishconf.py")
    )
    assert result.returncode != 0
    said = [
        entry
        for entry in (result.stdout + result.stderr).splitlines()
        if "COMMENTS_MAX_DEPTH" in entry
    ]
    assert said and f"pelicanconf.py:{line}: setting COMMENTS_MAX_DEPTH" in said[0]
    assert "Traceback" not in result.stderr


def test_a_file_holding_an_equal_value_of_another_type_is_not_its_place(
    load_settings,
):
    """``True == 1`` in Python: a file setting ``True`` did not give the
    ``1`` a command line gave."""
    load_settings("COMMENTS_STRICT = True\n")
    strict = Setting("COMMENTS_STRICT", False, (bool,), "Fail on warnings.")
    with pytest.raises(SettingsError) as raised:
        validate([strict], {"COMMENTS_STRICT": 1})
    assert raised.value.path is None


def test_a_none_is_looked_for_only_where_a_file_sets_the_name(
    load_settings, monkeypatch
):
    """A module without the name does not hold ``None``: every one of the
    hundreds of modules loaded was parsed for it (9 s for one message)."""
    from sitekit import settingsource

    load_settings("COMMENTS_STRICT = False\n")  # a settings file without it
    parsed = []
    real = settingsource.assignment_line

    def counted(path, name, value=None):
        parsed.append(path)
        return real(path, name, value)

    monkeypatch.setattr(settingsource, "assignment_line", counted)
    path = Setting("COMMENTS_PATH", "comments", (str,), "Folder of comment files.")
    with pytest.raises(SettingsError) as raised:
        validate([path], {"COMMENTS_PATH": None})
    assert (raised.value.path, raised.value.line) == (None, None)  # as ``-e`` gives
    assert parsed == []


def list_settings() -> list[Setting]:
    """Every plugin setting that holds a list, of every plugin the site
    loads and of the one only ``make serve`` adds."""
    from sitebuild import ROOT

    from openpages.settings import SETTINGS as OPEN_PAGES
    from reflect.site import load_site

    declared = [s for plugin in load_site(ROOT).plugins for s in plugin.settings]
    return [s for s in [*declared, *OPEN_PAGES] if list in s.kinds]


@pytest.mark.parametrize("setting", list_settings(), ids=lambda setting: setting.name)
@pytest.mark.parametrize("item", [3, "", None], ids=["a number", "empty", "None"])
def test_a_list_setting_refuses_an_item_it_cannot_use_at_its_line(
    load_settings, setting, item
):
    """An item of the wrong kind in a list setting went on to the code
    that reads it: a traceback (a number among ``LOCAL_ONLY_FIELDS``,
    ``COMMENTS_AUTHOR_NAMES`` or ``ALLOWED_OUTSIDE_PATHS``), or nothing
    said at all (``UNPUBLISHED_SOURCES``). Each is named at its line."""
    value = [*(setting.default or ()), item]
    file = load_settings(f"\n{setting.name} = {value!r}\n")
    with pytest.raises(SettingsError) as raised:
        validate([setting], {setting.name: value})
    assert (raised.value.path, raised.value.line) == (str(file), 2)
    assert repr(item) in raised.value.message
    validate([setting], {setting.name: setting.default})  # the default is fine


def cache_input_settings() -> list[tuple[str, Setting]]:
    """Each setting of each plugin that names files its cache depends on
    (``cache_inputs``), which ``sitekit.cachekey`` reads as the build starts,
    before the plugins' own checks have run."""
    from sitebuild import ROOT

    from reflect.site import load_site

    return [
        (plugin.name, setting)
        for plugin in load_site(ROOT).plugins
        if plugin.cache_inputs is not None
        for setting in plugin.settings
    ]


@pytest.mark.parametrize(
    ("plugin", "setting"),
    cache_input_settings(),
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_a_setting_read_for_the_cache_key_is_checked_before_it_is_read(
    load_settings, plugin, setting
):
    """``REFLECTIONS_VOCABULARY = -1`` was a traceback: the cache key named
    its file from it before the reflections plugin checked it."""
    import importlib
    import types

    from pelican.settings import DEFAULT_CONFIG

    from sitekit import cachekey

    wrong = b"bytes" if bytes not in setting.kinds else 1.5
    file = load_settings(f"\n\n{setting.name} = {wrong!r}\n")
    settings = {**DEFAULT_CONFIG, "PATH": str(file.parent), setting.name: wrong}
    pelican = types.SimpleNamespace(
        settings=settings, plugins=[importlib.import_module(plugin)]
    )
    with pytest.raises(SettingsError) as raised:
        cachekey.guard_caches(pelican)
    assert (raised.value.path, raised.value.line) == (str(file), 3)
    assert setting.name in raised.value.message


def path_settings() -> list[Setting]:
    """The list settings that name files or folders."""
    paths = ("ALLOWED_OUTSIDE_PATHS", "UNPUBLISHED_SOURCES")
    return [setting for setting in list_settings() if setting.name in paths]


@pytest.mark.parametrize("setting", path_settings(), ids=lambda setting: setting.name)
def test_a_list_of_paths_may_hold_pathlib_paths(setting):
    """``ALLOWED_OUTSIDE_PATHS = [Path.home() / "My Photos"]`` is what a
    settings file written in Python writes, and the code that reads the
    setting joins it as a path; only an item that is no path is refused."""
    from pathlib import Path, PurePosixPath

    value = (Path.home() / "My Photos", PurePosixPath("notes/é.md"), "desk log.md")
    validate([setting], {setting.name: value})
    with pytest.raises(SettingsError):
        validate([setting], {setting.name: [Path("ok"), b"bytes"]})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOCAL_ONLY_FIELDS", ("née", "follow_up", "Ära")),
        ("COMMENTS_AUTHOR_NAMES", ("Zoë Brontë", "李雷")),
    ],
)
def test_a_list_of_names_may_be_a_tuple_of_unicode_names(name, value):
    (setting,) = [setting for setting in list_settings() if setting.name == name]
    validate([setting], {name: value})
