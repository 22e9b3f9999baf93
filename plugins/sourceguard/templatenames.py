"""A post's or page's ``Template:`` names a template the theme has.

Pelican looks the template up only as it writes the page: one the theme
does not have (a typo, ``../`` which Jinja refuses) stopped the build with
forty lines of Pelican's traceback, naming no source, and ``reflect lint``,
which writes nothing, passed it. Checked once every generator has its
content, before anything is written, and by ``reflect`` from the same
function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pelican.generators import PelicanTemplateNotFound

from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sitegenerator import site_generator
from sitekit.sourcelines import field_line

(UNKNOWN_TEMPLATE,) = declare_rules(
    Rule(
        "unknown-template",
        "a post's or page's `Template:` naming a template the theme does not have",
        "error",
        "error",
    ),
)


def unknown_templates(
    contents: Iterable[Any], get_template: Callable[[str], Any]
) -> list[Finding]:
    """An error for each post or page whose ``Template:`` the theme does not
    have. ``get_template`` is a generator's: it looks where the build looks
    (the theme, ``THEME_TEMPLATES_OVERRIDES``, ``!simple/``)."""
    found = []
    for content in contents:
        name = content.metadata.get("template")
        if not name:
            continue  # the default, the theme's own business
        try:
            get_template(str(name))
        except PelicanTemplateNotFound:
            found.append(
                Finding(
                    UNKNOWN_TEMPLATE.name,
                    f"Template: the theme has no template {str(name)!r}; name one "
                    "of its templates/ (without .html), or remove the line",
                    content.source_path,
                    field_line(content.source_path, "template", value=str(name)),
                )
            )
    return found


def theme_templates(settings: dict[str, Any]) -> Callable[[str], Any]:
    """The site's template look-up, as a generator of the build has it,
    for ``reflect``, which makes no generator of its own here."""
    return site_generator(settings).get_template
