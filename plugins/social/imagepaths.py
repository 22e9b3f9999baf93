"""Where each post's preview image is written, and a name a file system
cannot hold.

``SOCIAL_IMAGE_SAVE_AS`` names each post's image by the post's slug; a
translation (``Lang:`` other than ``DEFAULT_LANG``) shares its original's
slug, so where the setting does not name ``{lang}`` a translation's image
takes its language before the extension (``preview-fr.png``), as
Pelican's own ``{slug}-{lang}.html`` names a translation's page: each page
shows its own title. A setting that makes more of the slug
(``{slug}/{slug}-{slug}.png``) can give a name too long to write, though
the post's own page keeps it short enough. One path and one check, for the
build (before any image is drawn) and for ``reflect lint`` (which draws
none) alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
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


def post_image_save_as(post_path: str, article: Any) -> str:
    """Where ``SOCIAL_IMAGE_SAVE_AS`` (``post_path``) puts ``article``'s
    image: a translation's name ends with its language where the setting
    does not tell languages apart itself."""
    save_as = post_path.format(**article.url_format)
    if getattr(article, "in_default_lang", True) or "{lang" in post_path:
        return save_as
    image = PurePosixPath(save_as)
    return str(image.with_name(f"{image.stem}-{article.lang}{image.suffix}"))


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
            save_as = post_image_save_as(post_path, article)
            problem = overlong_image_name(save_as, article.source_path)
            if problem is not None:
                found.append(problem)
    default_path = context.get("SOCIAL_IMAGE_DEFAULT_SAVE_AS")
    problem = overlong_image_name(default_path, None) if default_path else None
    return [*found, *([problem] if problem else [])]
