"""A lesson's description links no file of the site by its source path.

In a post, ``[x]({filename}/posts/y.md)``, ``{static}`` and ``{attach}``
links are Pelican's: it turns each into the target's address as it writes
the post, and sourceguard checks first that the target is published. A
description in lessons.yml is no file Pelican reads: this plugin renders
its Markdown onto the lesson's page and into reflections.json, where such
a link stayed as written, a dead link naming the source file (a draft's
too). It is refused at its line rather than resolved: resolving it would
repeat sourceguard's judgement of what a published site has (a draft, a
post left out), which one plugin may not borrow from another, and the
target's own address (``/2025/my-post/``) says the same in a description.
"""

from __future__ import annotations

import functools

from markdown import Markdown

from sitekit.sitelinks import site_file_links

#: The words Pelican's link syntax names a file with: only a description
#: holding one of them is rendered to look for links.
_KINDS = ("filename", "static", "attach")


def site_file_link_in(description: str) -> str | None:
    """The first ``{filename}``, ``{static}`` or ``{attach}`` link the
    description's Markdown makes (Pelican's pattern, its older ``|filename|``
    spelling included), as written; None when it makes none. Decided on the
    HTML, so a code span showing the syntax is no link."""
    if not any(kind in description for kind in _KINDS):
        return None
    markdown = _markdown()
    markdown.reset()
    links = site_file_links(markdown.convert(description), {})
    return links[0][0] if links else None


@functools.cache
def _markdown() -> Markdown:
    """Markdown with the extensions a description may use for a link
    (reference links are core; raw HTML passes through)."""
    return Markdown(extensions=["markdown.extensions.extra"])
