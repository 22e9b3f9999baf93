"""Plugins say what they need; a wrong PLUGINS order stops the build in one line.

A plugin that reads another's results (``article.lessons``, the reflection
index, readers' answers) declares it (``PLUGIN.needs``, see
``sitekit.declaration``), and reads them without a fallback: a build whose
PLUGINS lacks a plugin another needs, or lists it too late, stops before
anything is read, naming the order to use, instead of making a site whose
search filters, preview cards or lesson feeds are quietly empty.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from pelican.settings import read_settings
from sitebuild import CONTENT, ROOT, run_pelican

from reflect.cli import main
from sitekit.declaration import Declaration, ordered, plugin_order_problem

SITE_PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def declarations() -> dict[str, Declaration]:
    from reflect.site import load_site

    return {plugin.name: plugin for plugin in load_site(ROOT).plugins}


def test_the_sites_own_order_is_one_the_needs_allow():
    assert plugin_order_problem(SITE_PLUGINS, declarations()) is None
    assert ordered(SITE_PLUGINS, declarations()) == SITE_PLUGINS


def test_reflections_needs_postseries_listed_before_it():
    problem = plugin_order_problem(
        ["comments", "reflections", "postseries"], declarations()
    )
    assert "postseries before reflections" in problem
    problem = plugin_order_problem(["comments", "reflections"], declarations())
    assert "reflections needs postseries, which is not in PLUGINS" in problem


def test_every_plugin_that_reads_lessons_or_the_index_needs_reflections():
    """Whoever mentions ``.lessons`` or ``reflection_index`` declares it."""
    needs = {name: set(plugin.needs) for name, plugin in declarations().items()}
    for folder in (ROOT / "plugins").iterdir():
        if folder.name in ("reflections", "sitekit") or not folder.is_dir():
            continue
        source = "\n".join(p.read_text("utf-8") for p in folder.rglob("*.py"))
        tree = ast.parse(source)
        reads = {
            node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
        } | {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        if "lessons" in reads or "reflection_index" in reads:
            assert "reflections" in needs[folder.name], folder.name


@pytest.mark.parametrize(
    ("plugins", "named"),
    [
        (
            ["sourceguard", "reflections", "comments", "search"],
            "comments before reflections",
        ),
        (["comments", "search", "reflections"], "reflections before search"),
        (["sourceguard", "reflections", "search"], "reflections needs comments"),
    ],
)
def test_a_wrong_order_is_named_with_the_order_to_use(plugins, named):
    problem = plugin_order_problem(plugins, declarations())

    assert named in problem
    fixed = ordered(plugins, declarations())
    assert f"use PLUGINS = {fixed!r}".replace('"', "'") in problem
    assert plugin_order_problem(fixed, declarations()) is None


def test_a_build_with_plugins_out_of_order_stops_with_one_line(tmp_path):
    wrong = ["search", *(name for name in SITE_PLUGINS if name != "search")]

    result = run_pelican(
        CONTENT, tmp_path / "output", "-e", f"PLUGINS={json.dumps(wrong)}"
    )

    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "PLUGINS is out of order" in said
    assert "reflections before search" in said
    assert "Traceback" not in said
    assert not (tmp_path / "output").exists()


def test_reflect_refuses_a_site_whose_plugins_are_out_of_order(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nPLUGINS = ["reflections", "comments"]\n'
    )
    Path(tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)

    assert main(["lint"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "PLUGINS is out of order" in line
    assert "comments before reflections" in line
