"""Where a setting was written (``sitekit.settingsource``): a problem with a
setting's own value names the settings file and the line that gave it the
value the build uses, however the file sets it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sitekit.settingsource import setting_source

LONG = "x" * 300 + "/{slug}.html"


@pytest.fixture
def load_settings(tmp_path, monkeypatch):
    """Load a settings file as Pelican does: a module by its file's name,
    kept in ``sys.modules``."""

    def load(text: str, name: str = "settings_under_test") -> Path:
        file = tmp_path / f"{name}.py"
        file.write_text(text, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(name, file)
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, name, module)
        spec.loader.exec_module(module)
        return file

    return load


def test_a_setting_assigned_twice_is_found_at_the_assignment_that_counts(
    load_settings,
):
    file = load_settings(
        f'LESSON_SAVE_AS = "lessons/{{slug}}.html"\nLESSON_SAVE_AS = {LONG!r}\n'
    )
    assert setting_source("LESSON_SAVE_AS", LONG) == (str(file), 2)


def test_a_setting_built_by_an_expression_is_found_at_its_line(load_settings):
    file = load_settings(
        'SITENAME = "x"\nLESSON_SAVE_AS = "x" * 300 + "/{slug}.html"\n'
    )
    assert setting_source("LESSON_SAVE_AS", LONG) == (str(file), 2)


def test_a_setting_set_inside_an_if_is_found_at_its_line(load_settings):
    """``if os.environ.get(...):`` around a setting is a common pelicanconf."""
    file = load_settings(f"import os\n\nif True:\n    LESSON_SAVE_AS = {LONG!r}\n")
    assert setting_source("LESSON_SAVE_AS", LONG) == (str(file), 4)


def test_a_setting_set_in_both_branches_is_found_in_the_branch_that_gave_it(
    load_settings,
):
    file = load_settings(
        f"if True:\n    LESSON_SAVE_AS = {LONG!r}\n"
        'else:\n    LESSON_SAVE_AS = "lessons/{slug}.html"\n'
    )
    assert setting_source("LESSON_SAVE_AS", LONG) == (str(file), 2)


def test_settings_unpacked_together_are_found_at_their_line(load_settings):
    file = load_settings(f'SITENAME = "x"\nLESSON_SAVE_AS, OTHER = {LONG!r}, 1\n')
    assert setting_source("LESSON_SAVE_AS", LONG) == (str(file), 2)


def test_a_setting_given_on_the_command_line_has_no_place(load_settings):
    """``-e`` gives a value no settings file holds."""
    load_settings('LESSON_SAVE_AS = "lessons/{slug}.html"\n')
    assert setting_source("LESSON_SAVE_AS", LONG) == (None, None)


def test_a_name_inside_a_function_is_no_setting(load_settings):
    file = load_settings(
        f"def helper():\n    LESSON_SAVE_AS = 'other'\n    return 1\n\n"
        f"LESSON_SAVE_AS = {LONG!r}\n"
    )
    assert setting_source("LESSON_SAVE_AS", LONG) == (str(file), 5)
