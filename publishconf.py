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
