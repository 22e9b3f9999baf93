"""One plain Pelican generator over the site, made in one place.

``reflect`` reads the content files as the build's generators find them, and
sourceguard looks a post's ``Template:`` up where the build looks; both need
a bare ``pelican.generators.Generator`` over the settings. It is made by
``sitekit.sitegenerator.site_generator`` alone, so the two cannot drift
apart (a path or theme setting passed to one and not the other).
"""

from __future__ import annotations

import ast
from pathlib import Path

from pelican.settings import read_settings
from sitebuild import ROOT

from sitekit.sitegenerator import site_generator

FOLDERS = (ROOT / "plugins", ROOT / "reflect")
FASTBUILD = ROOT / "plugins" / "fastbuild"
HELPER = ROOT / "plugins" / "sitekit" / "sitegenerator.py"


def generator_calls(path: Path) -> list[int]:
    """Lines where a file calls Pelican's bare ``Generator`` class."""
    tree = ast.parse(path.read_text("utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "pelican.generators"
        for alias in node.names
        if alias.name == "Generator"
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in imported)
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "Generator")
        )
    ]


def test_a_bare_generator_is_made_by_sitekit_alone():
    makers = {
        str(path.relative_to(ROOT)): lines
        for folder in FOLDERS
        for path in sorted(folder.rglob("*.py"))
        if FASTBUILD not in path.parents and (lines := generator_calls(path))
    }
    assert list(makers) == [str(HELPER.relative_to(ROOT))]


def test_the_scan_sees_a_bare_generator_however_it_is_imported(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import pelican.generators\n"
        "from pelican.generators import Generator as Base\n"
        "Base(context={})\n"
        "pelican.generators.Generator(context={})\n"
    )

    assert generator_calls(module) == [3, 4]


def settings_of(tmp_path: Path) -> dict:
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "a.md").write_text("Title: A\nDate: 2025-01-01\n\nx\n")
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About\n\nx\n")
    return read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output")},
    )


def test_the_site_generator_finds_the_content_files_the_build_reads(tmp_path):
    settings = settings_of(tmp_path)
    files = site_generator(settings)

    posts = files.get_files(settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])
    pages = files.get_files(settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"])

    assert sorted(posts) == ["posts/a.md"]
    assert sorted(pages) == ["pages/about.md"]


def test_the_site_generator_looks_templates_up_in_the_sites_theme(tmp_path):
    settings = settings_of(tmp_path)

    environment = site_generator(settings).env

    _, filename, _ = environment.loader.get_source(environment, "article.html")
    assert Path(filename).is_relative_to(Path(settings["THEME"]))
