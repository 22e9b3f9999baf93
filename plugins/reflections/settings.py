"""Every setting of the reflections plugin: its default, type and meaning.

The table is checked when Pelican starts (``sitekit.settings``).
"""

from __future__ import annotations

from sitekit.settings import Setting, at_least, settings_checker, within

#: A conversation teaches a handful of lessons; a post naming hundreds is a
#: mistake (or a hostile file), and every lesson costs a page and a feed.
MAX_LESSONS = 30

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "REFLECTIONS_VOCABULARY",
        "lessons.yml",
        (str, type(None)),
        "Lesson vocabulary, relative to PATH; a missing file means every "
        "lesson is ad hoc. None turns the vocabulary off.",
    ),
    Setting(
        "REFLECTIONS_STRICT",
        False,
        (bool,),
        "Make near-miss and ad-hoc lessons build errors (publishconf.py sets it).",
    ),
    Setting(
        "REFLECTIONS_RELATED_MAX",
        3,
        (int,),
        "How many related reflections each post lists.",
        check=at_least(0),
    ),
    Setting(
        "REFLECTIONS_MAX_LESSONS",
        MAX_LESSONS,
        (int,),
        "How many lessons one post may name (callouts and `Lessons:` items); "
        "a post with more is an error naming it, before any page is written.",
        check=at_least(1),
    ),
    Setting(
        "REFLECTIONS_NEAR_MISS_RATIO",
        0.85,
        (float,),
        "How similar (0 to 1) an ad-hoc lesson must be to a known one to be "
        "reported as a probable typo.",
        check=within(0, 1),
    ),
    Setting(
        "REFLECTIONS_INDEX_URL",
        "reflections/",
        (str,),
        "URL of the reflection index.",
    ),
    Setting(
        "REFLECTIONS_INDEX_SAVE_AS",
        "reflections/index.html",
        (str,),
        "Where the reflection index is written; empty to skip it.",
    ),
    Setting(
        "REFLECTIONS_JSON_SAVE_AS",
        "reflections.json",
        (str,),
        "Where the index is written as JSON; empty to skip it.",
    ),
    Setting(
        "REFLECTIONS_STORIES_URL",
        "stories/",
        (str,),
        "URL of the story bank.",
    ),
    Setting(
        "REFLECTIONS_STORIES_SAVE_AS",
        "stories/index.html",
        (str,),
        "Where the story bank is written; empty to skip it.",
    ),
    Setting(
        "REFLECTIONS_STORIES_LOCAL_ONLY",
        False,
        (bool,),
        "Keep stories for the writer: a build that withholds local-only "
        "things (WITHHOLD_LOCAL_ONLY, or an absolute SITEURL) leaves every "
        "story callout out as the post is read.",
    ),
    Setting(
        "REFLECTIONS_QUESTIONS_URL",
        "questions/",
        (str,),
        "URL of the question bank.",
    ),
    Setting(
        "REFLECTIONS_QUESTIONS_SAVE_AS",
        "questions/index.html",
        (str,),
        "Where the question bank is written; empty to skip it.",
    ),
    Setting(
        "LESSON_URL",
        "lessons/{slug}/",
        (str,),
        "URL of a lesson's page.",
        needs_slug=True,
    ),
    Setting(
        "LESSON_SAVE_AS",
        "lessons/{slug}/index.html",
        (str,),
        "Where a lesson's page is written; empty to skip lesson pages.",
        needs_slug=True,
    ),
    Setting(
        "LESSON_FEED_ATOM",
        "feeds/lessons/{slug}.atom.xml",
        (str, type(None)),
        "Atom feed per lesson, like CATEGORY_FEED_ATOM; None for no feed.",
        needs_slug=True,
    ),
    Setting(
        "LESSON_FEED_RSS",
        None,
        (str, type(None)),
        "RSS feed per lesson, like CATEGORY_FEED_RSS; None for no feed.",
        needs_slug=True,
    ),
)

check_settings = settings_checker(SETTINGS)
