"""fastbuild's shared template code: environments configured alike compile
a template once between them; any difference the compiler reads keeps
each environment's code its own, and every page renders as without it."""

from __future__ import annotations

from unittest import mock

import pytest
from jinja2 import DictLoader, Environment, pass_context

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


def test_environments_configured_alike_compile_each_template_once():
    cache = SharedTemplateCode()
    count, rendered = compiles([environment(cache) for _ in range(5)])
    alone, expected = compiles([environment(None)])
    assert count == alone == 2  # page.html and the base it extends
    assert rendered == expected * 5


@pytest.mark.parametrize(
    "difference",
    [
        {"lstrip_blocks": True},
        {"variable_start_string": "[[", "variable_end_string": "]]"},
        {"autoescape": True},
        {"optimized": False},
        {"extensions": ["jinja2.ext.do"]},
    ],
)
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
