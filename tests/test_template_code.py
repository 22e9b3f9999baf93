"""fastbuild's shared template code: environments configured alike compile
a template once between them; any difference the compiler reads keeps
each environment's code its own, and every page renders as without it."""

from __future__ import annotations

from unittest import mock

import pytest
from jinja2 import DictLoader, Environment, pass_context
from outputs import differences
from sitebuild import build_site

from fastbuild.templatecode import SharedTemplateCode

TEMPLATES = {
    "base.html": "<title>{% block title %}{% endblock %}</title>\n"
    "{% if site %}{{ site | shout }}{% endif %}",
    "page.html": "{% extends 'base.html' %}{% block title %}{{ title }}{% endblock %}",
}


def shout(text):
    return str(text).upper()


@pass_context
def shout_in_context(context, text):
    return str(text).upper() + "!"


def environment(cache, **options):
    """As Pelican makes one per generator: the same options, its own
    filter objects."""
    env = Environment(
        loader=DictLoader(TEMPLATES), trim_blocks=True, bytecode_cache=cache, **options
    )
    env.filters["shout"] = lambda text: shout(text)
    return env


def compiles(environments):
    """How many times Jinja compiled a template while each environment
    rendered page.html, and what each rendered."""
    real_compile = Environment.compile
    count = 0

    def counting(self, *args, **kwargs):
        nonlocal count
        count += 1
        return real_compile(self, *args, **kwargs)

    with mock.patch.object(Environment, "compile", counting):
        rendered = [
            env.get_template("page.html").render(title="T", site="s")
            for env in environments
        ]
    return count, rendered


#: Options of an environment that change what Jinja's compiler makes.
COMPILER_OPTIONS = [
    {"lstrip_blocks": True},
    {"variable_start_string": "[[", "variable_end_string": "]]"},
    {"autoescape": True},
    {"optimized": False},
    {"extensions": ["jinja2.ext.do"]},
]


def test_environments_configured_alike_compile_each_template_once():
    cache = SharedTemplateCode()
    count, rendered = compiles([environment(cache) for _ in range(5)])
    alone, expected = compiles([environment(None)])
    assert count == alone == 2  # page.html and the base it extends
    assert rendered == expected * 5


@pytest.mark.parametrize("difference", COMPILER_OPTIONS)
def test_an_option_the_compiler_reads_keeps_code_apart(difference):
    cache = SharedTemplateCode()
    count, rendered = compiles([environment(cache), environment(cache, **difference)])
    _, expected = compiles([environment(None), environment(None, **difference)])
    assert count == 4
    assert rendered == expected


def test_a_filter_passed_something_else_keeps_code_apart():
    cache = SharedTemplateCode()
    plain, in_context = environment(cache), environment(cache)
    in_context.filters["shout"] = shout_in_context
    count, rendered = compiles([plain, in_context])
    assert count == 4
    assert rendered == ["<title>T</title>\nS", "<title>T</title>\nS!"]


def test_a_changed_source_is_compiled_again():
    cache = SharedTemplateCode()
    first = environment(cache)
    compiles([first])
    changed = environment(cache)
    changed.loader = DictLoader({**TEMPLATES, "page.html": "{{ title }} again"})
    count, rendered = compiles([changed])
    assert count == 1 and rendered == ["T again"]


def kept_in(folder, *, load=True, save=True):
    """The cache of one build (one process) whose settings keep caches in
    ``folder`` (``CACHE_CONTENT``) and load them (``LOAD_CONTENT_CACHE``)."""
    return SharedTemplateCode(
        folder, {"LOAD_CONTENT_CACHE": load, "CACHE_CONTENT": save}
    )


def test_a_later_build_reads_the_kept_code_and_compiles_nothing(tmp_path):
    compiles([environment(kept_in(tmp_path))])
    count, rendered = compiles([environment(kept_in(tmp_path))])
    _, expected = compiles([environment(None)])
    assert count == 0 and rendered == expected


@pytest.mark.parametrize("difference", COMPILER_OPTIONS)
def test_kept_code_serves_only_an_environment_configured_alike(tmp_path, difference):
    compiles([environment(kept_in(tmp_path))])
    count, rendered = compiles([environment(kept_in(tmp_path), **difference)])
    _, expected = compiles([environment(None, **difference)])
    assert count == 2 and rendered == expected


def test_kept_code_serves_no_filter_passed_something_else(tmp_path):
    compiles([environment(kept_in(tmp_path))])
    in_context = environment(kept_in(tmp_path))
    in_context.filters["shout"] = shout_in_context
    count, rendered = compiles([in_context])
    assert count == 2 and rendered == ["<title>T</title>\nS!"]


def test_a_template_changed_since_its_code_was_kept_is_compiled_again(tmp_path):
    compiles([environment(kept_in(tmp_path))])
    changed = environment(kept_in(tmp_path))
    changed.loader = DictLoader({**TEMPLATES, "page.html": "{{ title }} again"})
    count, rendered = compiles([changed])
    assert count == 1 and rendered == ["T again"]


def test_code_is_kept_and_read_only_as_the_caches_settings_say(tmp_path):
    compiles([environment(kept_in(tmp_path, save=False))])
    assert not list(tmp_path.rglob("*.code"))
    compiles([environment(kept_in(tmp_path))])
    assert len(list(tmp_path.rglob("*.code"))) == 2
    count, _ = compiles([environment(kept_in(tmp_path, load=False))])
    assert count == 2


def test_a_damaged_kept_file_is_compiled_again(tmp_path):
    compiles([environment(kept_in(tmp_path))])
    for kept in tmp_path.rglob("*.code"):
        kept.write_bytes(kept.read_bytes()[:-7])
    count, rendered = compiles([environment(kept_in(tmp_path))])
    _, expected = compiles([environment(None)])
    assert count == 2 and rendered == expected


def test_a_rebuild_of_the_site_compiles_no_template_and_equals_a_cold_build(tmp_path):
    cached = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    build_site(tmp_path / "first", **cached)
    count = 0
    real_compile = Environment.compile

    def counting(self, *args, **kwargs):
        nonlocal count
        count += 1
        return real_compile(self, *args, **kwargs)

    with mock.patch.object(Environment, "compile", counting):
        build_site(tmp_path / "again", **cached)
    assert count == 0
    assert differences(build_site(tmp_path / "cold"), tmp_path / "again") == []
