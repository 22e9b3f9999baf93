"""Social: a preview image for every post, for links shared on social and
professional networks.

Each post gets a 1200×630 PNG with its title, its lessons and the site name;
every other page shares one site image. The images are drawn with Pillow
and kept in a cache keyed on everything they depend on, so a build draws
only the cards whose inputs changed. The presentation plugin turns
``article.social_image`` and ``social_image_default`` into ``og:image`` and
``twitter:image`` tags.
"""

from __future__ import annotations

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order

from .generator import SocialImageGenerator, post_images
from .imagepaths import IMAGE_NAME_TOO_LONG, overlong_image_names
from .settings import SETTINGS, check_settings
from .sharedimages import SHARED_IMAGE_FILE, shared_image_files
from .undrawable import UNDRAWABLE_CARD_TEXT, undrawable_card_text


def social_stage(context: dict) -> list:
    """What ``reflect lint`` and the build find before any image is drawn:
    names too long for a file, two posts' images bound for one file, words
    the fonts cannot draw."""
    return [
        *overlong_image_names(context),
        *shared_image_files(image for _, image in post_images(context)),
        *undrawable_card_text(context),
    ]


# The cards show each post's lessons.
PLUGIN = Declaration(
    "social",
    needs=("reflections",),
    settings=SETTINGS,
    rules=(UNDRAWABLE_CARD_TEXT, IMAGE_NAME_TOO_LONG, SHARED_IMAGE_FILE),
    strict_setting="SOCIAL_IMAGE_STRICT",
    content_stage=social_stage,
)


def add_generator(pelican):
    return SocialImageGenerator


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(add_generator)
