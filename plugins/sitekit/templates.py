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


def theme_or_plugin_template(generator: Any, name: str, folder: Path) -> Template:
    """``generator.get_template(name)``, or else ``folder``'s ``name.html``."""
    try:
        return generator.get_template(name)
    except PelicanTemplateNotFound:
        fallback = generator.env.overlay(
            loader=ChoiceLoader([generator.env.loader, FileSystemLoader(str(folder))])
        )
        return fallback.get_template(f"{name}.html")
