"""A plain Pelican generator over the site's settings.

What every generator of a build does alike, finding the content files
(``get_files``), reading them (``readers``) and looking a template up where
the build looks (``get_template``: the theme, ``THEME_TEMPLATES_OVERRIDES``,
``!simple/``), is done by Pelican's base ``Generator``. Code that needs it
outside a build (``reflect``, or a check run before the generators exist)
makes it here, so every such copy sees the paths and theme the build sees.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator


def site_generator(
    settings: dict[str, Any], context: dict[str, Any] | None = None
) -> Generator:
    """A generator of the site; ``context`` is the settings unless given."""
    return Generator(
        context=settings if context is None else context,
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=settings["OUTPUT_PATH"],
    )
