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

# Near misses and ad-hoc lessons are build errors on the published site.
REFLECTIONS_STRICT = True

# One feed per lesson, like Pelican's category feeds.
LESSON_FEED_ATOM = "feeds/lessons/{slug}.atom.xml"

# Feeds carry the 20 newest entries, in full; readers poll far more often
# than a reflection is written.
FEED_MAX_ITEMS = 20
