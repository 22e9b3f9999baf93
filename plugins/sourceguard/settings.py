"""Every setting of the sourceguard plugin: its default, type and meaning."""

from __future__ import annotations

from functools import partial

from sitekit import settings as declared
from sitekit.localonly import SETTINGS as LOCAL_ONLY_SETTINGS
from sitekit.settings import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "ALLOWED_OUTSIDE_PATHS",
        (),
        (list, tuple),
        "Folders outside PATH (absolute, or relative to PATH) whose files may "
        "be published through symbolic links in the content folder.",
    ),
    Setting(
        "SOURCE_LINKS_STRICT",
        False,
        (bool,),
        "A symbolic link to outside the content folder, or a broken one, stops "
        "the build instead of being left out with a warning.",
    ),
    # Its readers' local-only fields are withheld (lastcheck).
    *LOCAL_ONLY_SETTINGS,
)

apply_defaults = partial(declared.apply_defaults, SETTINGS)
