"""Settings for the published site (`make publish`).

`make publish SITEURL=https://example.org/blog` overrides SITEURL (subpaths
work); everything derived from it, such as feed links, follows.
"""

import importlib.util
from pathlib import Path

# pelicanconf.py beside this file, loaded by its path: Pelican keeps the
# settings files it reads in sys.modules by name, so `from pelicanconf
# import *` could pick up another site's pelicanconf read earlier in the
# same process.
_spec = importlib.util.spec_from_file_location(
    "_local_settings", Path(__file__).with_name("pelicanconf.py")
)
_local = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_local)
globals().update(
    {name: value for name, value in vars(_local).items() if name.isupper()}
)

SITEURL = "https://reflections.example.org"
RELATIVE_URLS = False
# A Webmention is this site's when its wm-target is on SITEURL or on one of
# these; `make publish SITEURL=https://example.org/blog` (a copy elsewhere)
# still shows the mentions sent to the address above.
WEBMENTION_SITE_URLS = ["https://reflections.example.org"]

# Drafts are previews for the writer: a local build (`make html`, `make serve`)
# writes them under drafts/ with a robots noindex; the published site has
# none at all, in any language: WITHHOLD_LOCAL_ONLY below empties every
# DRAFT_*SAVE_AS (sitekit.withheld.withhold_drafts).

# Near misses, ad-hoc lessons and bad comment files are build errors on the
# published site.
REFLECTIONS_STRICT = True
COMMENTS_STRICT = True
SERIES_STRICT = True
DESK_STRICT = True
SOCIAL_IMAGE_STRICT = True
# A symbolic link to outside the content folder, or a broken one, is a build
# error on the published site (locally it is left out with a warning).
SOURCE_LINKS_STRICT = True
# Local-only fields (the desk's follow-ups, introductions, next contacts)
# and local-only stories stay on the writer's machine: every reader drops
# them from the published site, and no desk is written. An absolute SITEURL
# alone would do it; this says so.
WITHHOLD_LOCAL_ONLY = True

# Feeds are pelicanconf.py's (every feed, so that local builds preview
# them); here SITEURL is absolute, and so are their addresses.
