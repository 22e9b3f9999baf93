"""A preview image's name that a file system cannot hold.

``SOCIAL_IMAGE_SAVE_AS`` names each post's image by the post's slug; a
setting that makes more of it (``{slug}/{slug}-{slug}.png``) can give a
name too long to write, though the post's own page keeps it short enough.
One check, for the build (before any image is drawn) and for ``reflect
lint`` (which draws none) alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitekit.outputpaths import overlong_path
from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sourcelines import field_line, shorter_slug_advice

(IMAGE_NAME_TOO_LONG,) = declare_rules(
    Rule(
        "image-name-too-long",
        "a preview image whose file name (`SOCIAL_IMAGE_SAVE_AS` made of a "
        "post's slug) is longer than a file system holds",
        "error",
        "error",
    ),
)


def posts_with_images(context: dict[str, Any]) -> Iterator[Any]:
    """Every post with a page of its own, and so an image, once: Pelican
    lists two posts of one slug and language each as the other's
    translation."""
    seen: set[int] = set()
    for article in context.get("articles", ()):
        for post in (article, *article.translations):
            if id(post) not in seen:
                seen.add(id(post))
                yield post
    yield from (a for a in context.get("hidden_articles", ()) if id(a) not in seen)


def overlong_image_name(save_as: str, source: str | None) -> Finding | None:
    """An error when the image's name ``save_as`` (of the post at
    ``source``; None, the site's default image) is longer than a file system
    holds, naming the post and its ``Slug`` line."""
    setting = "SOCIAL_IMAGE_SAVE_AS" if source else "SOCIAL_IMAGE_DEFAULT_SAVE_AS"
    overlong = overlong_path([(setting, save_as)])
    if overlong is None:
        return None
    return Finding(
        IMAGE_NAME_TOO_LONG.name,
        "the preview image's name is too long for a file name: "
        f"{overlong.describe()}"
        + (f"; {shorter_slug_advice(source)}" if source else ""),
        source,
        field_line(source, "slug", "title") if source else None,
    )


def overlong_image_names(context: dict[str, Any]) -> list[Finding]:
    """The social plugin's content stage, as ``reflect`` runs it: the check
    the build makes of each image's name before it draws any."""
    found = []
    post_path = context.get("SOCIAL_IMAGE_SAVE_AS")
    if post_path:
        for article in posts_with_images(context):
            save_as = post_path.format(**article.url_format)
            problem = overlong_image_name(save_as, article.source_path)
            if problem is not None:
                found.append(problem)
    default_path = context.get("SOCIAL_IMAGE_DEFAULT_SAVE_AS")
    problem = overlong_image_name(default_path, None) if default_path else None
    return [*found, *([problem] if problem else [])]
