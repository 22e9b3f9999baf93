"""Every setting of the presentation plugin: its default, type and meaning."""

from __future__ import annotations

from pygments.styles import get_all_styles

from sitekit.settings import Setting, at_least, settings_checker

from .microformats import profile_links_problem


def pygments_style(value: str) -> str | None:
    styles = sorted(get_all_styles())
    return None if value in styles else "one of Pygments' styles: " + ", ".join(styles)


def a_file_path(value: str) -> str | None:
    """A file's path in the output folder. Pages with code load the code
    stylesheet, so it cannot be skipped: an empty value stopped the build as
    it wrote the file, saying that '' "leaves the output folder"."""
    if value.strip() and not value.endswith("/"):
        return None
    return "a file's path in the output folder, such as 'theme/css/code.css'"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "READING_SPEED",
        230,
        (int,),
        "Words read per minute, for 'N min read'.",
        check=at_least(1),
    ),
    Setting(
        "DESCRIPTION_MAX_LENGTH",
        200,
        (int,),
        "Longest meta description, in characters (search engines cut at ~160).",
        check=at_least(1),
    ),
    Setting(
        "HOME_ABOUT",
        None,
        (str, type(None)),
        "The home page's short about text; None takes the opening sentences "
        "of the HOME_ABOUT_PAGE page.",
    ),
    Setting(
        "HOME_ABOUT_PAGE",
        "about",
        (str, type(None)),
        "Slug of the About page the home page introduction links to.",
    ),
    Setting(
        "AUTHOR_PROFILES",
        (),
        (list, tuple),
        "The author's profiles elsewhere as (label, https address) pairs: "
        "linked with rel=me from the About page's h-card and the home page.",
        check=profile_links_problem,
    ),
    Setting(
        "HOME_RECURRING_LESSONS",
        3,
        (int,),
        "How many of the most recurring lessons the home page names.",
        check=at_least(0),
    ),
    Setting(
        "CODE_STYLE_LIGHT",
        "xcode",
        (str,),
        "Pygments style for code in the light scheme (xcode passes WCAG AA).",
        check=pygments_style,
    ),
    Setting(
        "CODE_STYLE_DARK",
        "monokai",
        (str,),
        "Pygments style for code in the dark scheme (monokai passes WCAG AA).",
        check=pygments_style,
    ),
    Setting(
        "CODE_STYLESHEET_SAVE_AS",
        "theme/css/code.css",
        (str,),
        "Where the code stylesheet is written; pages with code link to it.",
        check=a_file_path,
    ),
)

check_settings = settings_checker(SETTINGS)
