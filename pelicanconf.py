"""Settings for local builds (`make html`, `make serve`).

Every REFLECTIONS_* and LESSON_* setting is described in README.md under
"Settings"; the plugin validates them when the build starts.
"""

AUTHOR = "Priya"
SITENAME = "Conversations Worth Keeping"
SITESUBTITLE = "What I learn from career conversations, one reflection at a time"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = ["comments"]
PAGE_EXCLUDES = ["comments"]
STATIC_PATHS = ["images"]  # content/images/ is copied as it is
IGNORE_FILES = [".#*", ".gitkeep"]

TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
DEFAULT_PAGINATION = 10

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# fastbuild is optional: it makes the build use every core and changes no
# output byte; take it out and the site is the same.
PLUGINS = [
    "sourceguard",
    "reflections",
    "comments",
    "feeds",
    "presentation",
    "fastbuild",
]

# Readers reply by email; set COMMENTS_FORM_ACTION to a comment receiver's
# URL to show a form instead.
COMMENTS_EMAIL = "priya.reflections@example.org"

# Clean, folder-style URLs.
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"

# Feeds are off in local builds, as in any Pelican project; publishconf.py
# turns them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pelican's content cache makes a rebuild after editing one post cheap; the
# output is the same as a cold build's.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
GZIP_CACHE = False  # a larger cache that loads faster

INDEX_URL = ""
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404"]
LESSON_FEED_ATOM = None
