"""The Pelican versions this plugin was tested with.

The plugin reaches into Pelican's private parts (see ``writer.py``); a
Pelican it was not tested with may have moved them, and a silently wrong
site is worse than a clear refusal.
"""

from __future__ import annotations

from importlib.metadata import version

from sitekit.diagnostics import SettingsError

TESTED_PELICAN = ("4.12.0",)


def check_pelican_version(installed: str | None = None) -> None:
    installed = installed or version("pelican")
    if installed not in TESTED_PELICAN:
        raise SettingsError(
            f"the fastbuild plugin was tested with Pelican "
            f"{', '.join(TESTED_PELICAN)}, not {installed}: take 'fastbuild' out of "
            "PLUGINS (the site comes out the same, only slower), or test it "
            "with this Pelican and add the version to fastbuild/compat.py"
        )
