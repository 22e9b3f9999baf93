"""Settings for local builds (`make html`, `make serve`).

Every plugin setting is described in docs/settings.md; each plugin validates
its settings when the build starts.
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

# Every build replaces what its output folder holds, a plain `pelican` run
# as much as `make html`: a deleted post's page never lingers. The
# sourceguard plugin makes this safe: it refuses an output folder that is,
# holds or lies in the content folder (or the project, the theme, home...),
# or that holds files no build of this site wrote.
DELETE_OUTPUT_DIRECTORY = True

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# A plugin comes after those whose results it reads (reflections quotes the
# comments and exports the series; feeds, social, presentation and search
# show the lessons); the build stops with the order to use if it does not.
# fastbuild is optional: it makes the build use every core and changes no
# output byte; take it out and the site is the same. desk writes /desk/ in
# builds that keep local-only fields (no WITHHOLD_LOCAL_ONLY) only.
PLUGINS = [
    "sourceguard",
    "comments",
    "postseries",
    "reflections",
    "feeds",
    "social",
    "presentation",
    "search",
    "desk",
    "crawlers",
    "fastbuild",
]

# sitemap.xml (pelican-sitemap's, dated by the crawlers plugin): every page
# a reader can land on (a URL ending in / or .html), not the 404 page, nor
# feeds, data files, images, stylesheets or robots.txt. Drafts are left out
# by their status. Only a build with an absolute SITEURL writes it.
SITEMAP = {
    "format": "xml",
    "exclude": [r"^404\.html$", r"^(?!.*(/|\.html)$).+$"],
}

# The author's profiles elsewhere: the About page's h-card links them with
# rel="me", so IndieWeb tools can tell the site and the profiles are one person.
AUTHOR_PROFILES = [
    ("Mastodon", "https://social.example.net/@priya"),
    ("Code", "https://code.example.com/priya-reflects"),
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
# A post in another language (Lang:; a translation has its original's slug)
# in a folder of its own, as every page here is, not Pelican's
# "{slug}-{lang}.html" at the site's top: 2025/two-levels-up-fr/.
ARTICLE_LANG_URL = "{date:%Y}/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "{date:%Y}/{slug}-{lang}/index.html"
DRAFT_LANG_URL = "drafts/{slug}-{lang}/"
DRAFT_LANG_SAVE_AS = "drafts/{slug}-{lang}/index.html"
PAGE_LANG_URL = "{slug}-{lang}/"
PAGE_LANG_SAVE_AS = "{slug}-{lang}/index.html"
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

# Pelican's Markdown defaults plus `[TOC]` (toc) and curly quotes and dashes
# (smarty); code is highlighted by Pygments with the classes code.css styles.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Python-Markdown's toc, making the list only where a post has a
        # [TOC] line (sitekit.toc): every heading's id as toc makes it.
        "sitekit.toc": {"title": "Contents", "toc_depth": "2-3"},
        # Python-Markdown's smarty, trying its patterns only on text that
        # holds a quote, "--" or "..." (sitekit.smarty): the same output.
        # As characters, not entities: "&rsquo;" is 7 bytes, "’" is 3.
        "sitekit.smarty": {
            "substitutions": {
                "left-single-quote": "‘",
                "right-single-quote": "’",
                "left-double-quote": "“",
                "right-double-quote": "”",
                "left-angle-quote": "«",
                "right-angle-quote": "»",
                "ndash": "–",
                "mdash": "—",
                "ellipsis": "…",
            }
        },
        # Each table in a box that scrolls when the table is too wide and
        # that the keyboard reaches in every browser (sitekit.tablescroll).
        "sitekit.tablescroll": {},
    },
    "output_format": "html5",
}

# Feeds are on in local builds too, so the feeds page and every feed can be
# previewed; publishconf.py repeats them for the published site, where
# FEED_DOMAIN follows SITEURL and the addresses become absolute.
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
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 20

# Pelican's content cache makes a rebuild after editing one post cheap; the
# output is the same as a cold build's.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
GZIP_CACHE = False  # a larger cache that loads faster
# A cached file is read again when its bytes change, not only its time: an
# edit that keeps the modification time (cp -p, a checkout) is seen too.
CHECK_MODIFIED_METHOD = "sha256"

INDEX_URL = ""
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

DIRECT_TEMPLATES = [
    *("index", "tags", "categories", "authors", "archives", "404", "robots"),
]
# robots.txt names the sitemap (theme/templates/robots.html).
ROBOTS_SAVE_AS = "robots.txt"
ROBOTS_URL = "robots.txt"

# This is the writer's own machine: local-only fields (Follow-up:,
# Introduced-by:, Introduced:, Next-contact:) are read, and the desk is
# written at /desk/. publishconf.py withholds them (WITHHOLD_LOCAL_ONLY);
# see docs/desk.md.
