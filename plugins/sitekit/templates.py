"""A plugin's own templates, used where the theme has none.

A plugin that writes a page of its own (the reflection index, the feeds
page, the search page) ships a plain template for it, so that the page
works with any theme, Pelican's built-in ones included; a theme's template
of the same name wins.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, Template
from pelican.generators import PelicanTemplateNotFound

from .text import add_text_filter


def theme_or_plugin_template(generator: Any, name: str, folder: Path) -> Template:
    """``generator.get_template(name)``, or else ``folder``'s ``name.html``.

    Either way the environment has the ``text`` filter (sitekit.text), which
    the plugins' templates use for every field they show.
    """
    add_text_filter(generator.env)
    try:
        return generator.get_template(name)
    except PelicanTemplateNotFound:
        fallback = generator.env.overlay(
            loader=ChoiceLoader([generator.env.loader, FileSystemLoader(str(folder))])
        )
        return fallback.get_template(f"{name}.html")
