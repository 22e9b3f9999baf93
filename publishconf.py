"""Settings for the published site (`make publish`).

`make publish SITEURL=https://example.org/blog` overrides SITEURL (subpaths
work); everything derived from it, such as feed links, follows.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: F403

SITEURL = "https://reflections.example.org"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts are previews for the writer: a local build (`make html`, `make serve`)
# writes them under drafts/ with a robots noindex; the published site has
# none at all.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Near misses, ad-hoc lessons and bad comment files are build errors on the
# published site.
REFLECTIONS_STRICT = True
COMMENTS_STRICT = True
# A symbolic link to outside the content folder, or a broken one, is a build
# error on the published site (locally it is left out with a warning).
SOURCE_LINKS_STRICT = True

# Feeds: Atom and RSS for the whole site, each category, each tag and each
# lesson, and a JSON Feed of the whole site. FEED_DOMAIN follows SITEURL.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
FEED_ALL_JSON = "feeds/all.json"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
LESSON_FEED_ATOM = "feeds/lessons/{slug}.atom.xml"
LESSON_FEED_RSS = "feeds/lessons/{slug}.rss.xml"
COMMENT_FEED_ATOM = "feeds/comments/{slug}.atom.xml"
COMMENTS_FEED_ATOM = "feeds/comments.atom.xml"
RSS_FEED_SUMMARY_ONLY = False

# Feeds carry the 20 newest entries, in full; readers poll far more often
# than a reflection is written.
FEED_MAX_ITEMS = 20
