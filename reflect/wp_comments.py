"""What an imported comment file may say: only what the comments plugin
accepts in a published build.

The plugin refuses a comment (``bad-comment``, an error in ``make
publish``) whose Author: shows nothing or holds a private marker, one
whose body shows no text, and one whose Reply-To: closes a loop of
replies. An export can hold them all: a commenter may call themselves
anything (a zero-width space, ``<i></i>``, ``[!private]``) and write
nothing (an empty comment, a lone image, markup a page draws nothing of),
and a hostile or damaged export can make two comments answer each other.
Written as they were, the import gave a site that ``make publish``
refused to build.
"""

from __future__ import annotations

import functools

from comments.sanitize import CommentRenderer, shows_text
from sitekit.drawn import as_read
from sitekit.markers import has_private_marker
from sitekit.text import shows_nothing

from .wordpress import WpComment
from .wp_markdown import html_to_markdown

ANONYMOUS = "Anonymous"


def shown_author(author: str) -> str:
    """The commenter's name as the comment file gives it: ``Anonymous``
    for a name that shows nothing, as for none."""
    return ANONYMOUS if shows_nothing(author) else author


def holds_private_marker(field: str) -> bool:
    """Would a private marker in a one-line field hide what it names? In a
    commenter's name the plugin leaves the comment out, and in a title the
    build refuses the post: a published build stops at either."""
    return has_private_marker(field) or has_private_marker(as_read(field))


def replies_without_loops(parents: dict[str, str | None]) -> dict[str, str | None]:
    """Each comment's parent (our comment ids, in the comments' order), but
    none for a comment whose reply would close a loop: those before it in
    the loop keep theirs, and the one that closes it is a new comment, as
    the plugin would have shown it (WordPress never makes a loop)."""
    kept: dict[str, str | None] = {}
    for comment, parent in parents.items():
        ancestor, seen = parent, set()
        while ancestor is not None and ancestor != comment and ancestor not in seen:
            seen.add(ancestor)
            ancestor = kept.get(ancestor)
        kept[comment] = None if ancestor == comment else parent
    return kept


def shows_no_text(comment: WpComment) -> bool:
    """Would the comment, written as the import writes it, show no text on
    its page? Its body is read by the plugin's own renderer and test, so
    the import leaves out exactly the comments the plugin would."""
    return not shows_text(_renderer().render(html_to_markdown(comment.html)).html)


@functools.cache
def _renderer() -> CommentRenderer:
    return CommentRenderer()
