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
what Pelican will hand it; a template that fails stops the build at the
``Template:`` line, with the theme's file, line and reason. A post or page
on its own template is left to the writer: whatever fails there is the
theme's, not the field's.
"""

from __future__ import annotations

import sys
from typing import Any

from jinja2 import TemplateError
from pelican.contents import Article

from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.sourcelines import field_line
from sitekit.templateerrors import describe_template_error


class TemplateMismatch(SiteError):
    """A post's or page's ``Template:`` cannot show it."""


def check_template_fits(generator: Any, content: Any) -> None:
    """At ``article_generator_write_article`` / ``page_generator_write_page``."""
    name = content.metadata.get("template")
    if not name or name == content.default_template:
        return
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
        generator.get_template(content.template).render({**generator.context, **given})
    except TemplateError as error:
        reason = describe_template_error(error, sys.exc_info()[2])
        raise log_and_raise(
            TemplateMismatch(
                f"Template: {str(name)!r} cannot show this {kind} ({reason}); "
                f"name a template made for {kind}s, or remove the line",
                content.source_path,
                field_line(content.source_path, "template", value=str(name)),
            )
        ) from None
