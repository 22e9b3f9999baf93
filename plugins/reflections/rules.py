"""Every rule the reflections plugin checks a post, a page or lessons.yml
against, with its level in each kind of build.

Checks report findings that name a rule (``sitekit.rules``); the level comes
from here, in the build and in ``reflect lint`` alike, so a post that lint
passes is a post that builds, and a post that ``lint --strict`` passes is a
post ``make publish`` (``REFLECTIONS_STRICT``) accepts. When a rule is an
error the build stops; when it is a warning the build goes on and does what
the message says: a post without a title or a readable date is left out, a
broken callout is shown as a plain quote, a lesson without letters is
dropped, an unreadable lessons.yml makes every lesson ad hoc.
"""

from __future__ import annotations

from sitekit.rules import Rule, declare_rules
from sitekit.statuses import BAD_STATUS
from sitekit.titles import NO_TITLE

RULES: tuple[Rule, ...] = declare_rules(
    NO_TITLE,  # sourceguard tells it for every other reader
    Rule(
        "bad-date",
        "a post without a `Date`, or a date that cannot be read (it is left out)",
        "error",
        "error",
    ),
    Rule(
        "modified-before-date",
        "a `Modified` date earlier than the post's `Date` (a slip in one of "
        "them: feeds and the page show both as they are)",
        "warning",
        "warning",
    ),
    BAD_STATUS,  # sourceguard tells it for every other reader
    Rule(
        "repeated-field",
        "a field read as one value (`Title:`, `Who:`, `Date:`, `Tags:`...) "
        "given twice in a post or page (the first is kept)",
        "warning",
        "error",
    ),
    Rule(
        "not-utf8",
        "a post or page that is not UTF-8 text (it is left out)",
        "error",
        "error",
    ),
    Rule(
        "costly-markup",
        "a post or page Markdown would read in time beyond its length: "
        "thousands of openers read on to the end, again for each: `<` followed "
        "by a letter, or `</`, with no `>` after (nor a quote closing a value), "
        "`<![CDATA[` with no `]]>`, `<?` at a line's start with no `?>`, or `[` "
        "with no `]` to close it in its paragraph (nor `)` to close its link's "
        "target) (it is left out)",
        "error",
        "error",
    ),
    Rule(
        "callout-without-statement",
        "a `> [!lesson]`, `[!story]` or `[!asked]` callout with no statement, "
        "title or question",
        "error",
        "error",
    ),
    Rule(
        "lesson-without-letters",
        "a lesson with no letters or digits for its URL",
        "error",
        "error",
    ),
    Rule(
        "lesson-too-long",
        "a lesson whose URL, page or feed (made of its slug by the LESSON_* "
        "settings) would be named with more bytes than a file system holds",
        "error",
        "error",
    ),
    Rule(
        "malformed-vocabulary", "a `lessons.yml` that cannot be read", "error", "error"
    ),
    Rule(
        "too-many-lessons",
        "a post naming more lessons than `REFLECTIONS_MAX_LESSONS` (it is left "
        "out; of a reST or HTML post, the lessons past the limit)",
        "error",
        "error",
    ),
    Rule(
        "near-miss",
        "a lesson close to, but not, one in `lessons.yml`",
        "warning",
        "error",
    ),
    Rule("ad-hoc-lesson", "a lesson that is not in `lessons.yml`", "warning", "error"),
    Rule(
        "merged-lesson-spelling",
        "a lesson not in `lessons.yml` spelt unlike where it was first named, "
        "in words that make the same slug (case, accents, punctuation): one "
        "lesson, shown as first spelt",
        "warning",
        "warning",
    ),
    Rule("placeholder", "a prompt left over from `reflect new`", "warning", "error"),
    Rule(
        "nested-callout",
        "a lesson, story or asked callout inside a list, a table, a definition "
        "or another quote, or right after one with no blank line between",
        "warning",
        "warning",
    ),
    Rule(
        "toc-without-headings",
        "a `[TOC]` in a post or page with no heading of the levels the table "
        "of contents lists (`##` and `###`): nothing is shown in its place",
        "warning",
        "warning",
    ),
    Rule(
        "callout-in-raw-html",
        "a lesson, story or asked callout inside a raw HTML block that Markdown "
        "does not read (it is shown as written)",
        "warning",
        "error",
    ),
    Rule(
        "incomplete-story",
        "a `> [!story]` callout without one of its four parts (Situation, Task, "
        "Action, Result), or with text before the first",
        "warning",
        "warning",
    ),
    Rule(
        "empty-lessons-item",
        "an empty item (a stray `;`) in `Lessons:`",
        "warning",
        "warning",
    ),
    Rule("no-lessons", "a post that teaches no lessons", "warning", "warning"),
    Rule(
        "private-lessons-field",
        "a `Lessons:` field withheld whole for a private marker on one of its "
        "lessons, taking lessons written to be seen with it",
        "warning",
        "warning",
    ),
    Rule(
        "near-duplicate-lessons",
        "two entries in `lessons.yml` that are nearly the same",
        "warning",
        "warning",
    ),
)
