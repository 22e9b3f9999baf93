"""Stock Pelican for the benchmark: Pelican's defaults, built-in theme, no plugins.

Only what the corpus needs to build at all is set: where posts are, that
comment files are not posts, and a timezone.
"""

AUTHOR = "Benchmark"
SITENAME = "Benchmark"
TIMEZONE = "UTC"
ARTICLE_PATHS = ["posts"]
ARTICLE_EXCLUDES = ["comments"]
PLUGINS = []
