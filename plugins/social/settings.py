"""Every setting of the social plugin: its default, type and meaning."""

from __future__ import annotations

from pathlib import Path

from sitekit.settings import Setting, settings_checker

from .glyphs import FontTableError, font_characters

FONTS = Path(__file__).parent / "fonts"


def font_file(value) -> str | None:
    """A font the cards can draw with and tell what it cannot draw
    (``glyphs.py``), checked as the build starts rather than as the first
    card is drawn."""
    try:
        font_characters(Path(value))
    except (OSError, FontTableError):
        return (
            "the path of a TrueType or OpenType font file with a Unicode character map"
        )
    return None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SOCIAL_IMAGE_SAVE_AS",
        "{date:%Y}/{slug}/preview.png",
        (str, type(None)),
        "Where each post's preview image is written, next to the post by "
        "default; None draws no post images.",
        needs_slug=True,
    ),
    Setting(
        "SOCIAL_IMAGE_DEFAULT_SAVE_AS",
        "preview.png",
        (str, type(None)),
        "Where the image for every other page is written; None for none.",
    ),
    Setting(
        "SOCIAL_IMAGE_TITLE_FONT",
        str(FONTS / "DejaVuSans-Bold.ttf"),
        (str,),
        "TrueType font for the title on preview images.",
        check=font_file,
    ),
    Setting(
        "SOCIAL_IMAGE_TEXT_FONT",
        str(FONTS / "DejaVuSans.ttf"),
        (str,),
        "TrueType font for the site name and lessons on preview images.",
        check=font_file,
    ),
    Setting(
        "SOCIAL_IMAGE_STRICT",
        False,
        (bool,),
        "Preview image problems are checked at their publish level "
        "(publishconf.py sets it).",
    ),
)

check_settings = settings_checker(SETTINGS)
