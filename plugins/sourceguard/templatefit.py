"""A post's or page's ``Template:`` can show it.

``templatenames`` refuses a template the theme does not have. One it has
may still be made for another kind of page: ``Template: article`` on a page
("make it look like a post") needs the ``article`` a post's page is given,
``Template: index`` or ``tag`` the list of posts a listing is given. Jinja
failed in the theme's file ("'article' is undefined", at article.html's
line), and the line named neither the page nor its field.

Just before Pelican writes a post or page (its public
``article_generator_write_article`` and ``page_generator_write_page``
signals), one whose ``Template:`` is not its kind's own is shown once with
what Pelican will hand it; a template that fails is the
``template-mismatch`` rule, an error that stops the build at the
``Template:`` line, with the theme's file, line and reason (at a warning,
a changed table, the writer fails on its own). A post or page on its own
template is left to the writer: whatever fails there is the theme's, not
the field's.

``reflect lint`` does not tell it: whether a template can show a page
depends on what every plugin hands the theme as the build writes (each
post's lessons, the authors' cards, the head's ``page_meta`` reading
them), which lint, building nothing, does not make: rendered with what
lint reads, ``Template: page`` on a post crashed on the post's lessons,
which the build attaches before it writes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateError
from pelican.contents import Article
from pelican.generators import PelicanTemplateNotFound

from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sourcelines import field_line
from sitekit.templateerrors import describe_template_error

logger = logging.getLogger(__name__)

(TEMPLATE_MISMATCH,) = declare_rules(
    Rule(
        "template-mismatch",
        "a post's or page's `Template:` naming a template made for another "
        "kind of page, which cannot show it",
        "error",
        "error",
    ),
)


class TemplateMismatch(SiteError):
    """A post's or page's ``Template:`` cannot show it."""


def check_template_fits(generator: Any, content: Any) -> None:
    """At ``article_generator_write_article`` / ``page_generator_write_page``."""
    problem = template_mismatch(content, generator.get_template, generator.context)
    if problem is None:
        return
    found = problem.at_level(generator.settings["SOURCE_LINKS_STRICT"])
    if found.level == "error":
        raise log_and_raise(
            TemplateMismatch(found.message, found.path, found.line, found.rule)
        )
    # At a warning the writer renders the template, and fails on its own.
    logger.warning(found.location_message())


def template_mismatch(
    content: Any, get_template: Callable[[str], Any], context: dict[str, Any]
) -> Finding | None:
    """Why ``content``'s ``Template:``, not its kind's own, cannot show it
    with ``context`` and what Pelican hands a post's or page's template; or
    None. A template the theme lacks is ``unknown-template``'s."""
    name = content.metadata.get("template")
    if not name or name == content.default_template:
        return None
    kind = "post" if isinstance(content, Article) else "page"
    # What Pelican's generator hands the writer for this page, with what
    # the writer adds (``output_file``).
    given: dict[str, Any] = {"output_file": content.save_as}
    if kind == "post":
        given |= {
            "article": content,
            "category": getattr(content, "category", None),
            "blog": True,
        }
    else:
        given["page"] = content
    try:
        get_template(content.template).render({**context, **given})
    except PelicanTemplateNotFound:
        return None
    except TemplateError as error:
        reason = describe_template_error(error, sys.exc_info()[2])
        return Finding(
            TEMPLATE_MISMATCH.name,
            f"Template: {str(name)!r} cannot show this {kind} ({reason}); "
            f"name a template made for {kind}s, or remove the line",
            content.source_path,
            field_line(content.source_path, "template", value=str(name)),
        )
    return None
