"""Story and asked callouts: asides with stable ids, recorded as plain data.

A story is told in four labelled parts that may span paragraphs; an asked
question keeps the answer as its note; both may name the lessons they show
on a ``Lessons:`` line of their own. When stories are withheld (local-only,
in a build that is not local) they leave nothing behind, however written.
"""

from __future__ import annotations

import lxml.html
import markdown
import pytest
from pelican.settings import DEFAULT_CONFIG
from test_callouts import converter

from reflections.model import STORY_PARTS
from reflections.parse.callouts import CalloutExtension
from reflections.parse.kinds import KINDS
from reflections.parse.withheld import withheld_kinds
from sitekit.settings import slugifier
from sitekit.text import as_text

SLUGIFY = slugifier(DEFAULT_CONFIG)
HEADER = "Title: A mock panel\nDate: 2026-08-23\n\n"
STORY = """> [!story] The week the forecast broke
> Lessons: Tell stories with numbers; Practice answers out loud
> **Situation:** The weekly fill-rate report was *wrong*.
>
> It had been wrong for a month, and nobody had noticed.
> Task: Find the error before the quarterly review.
> **Action**: I rebuilt the report from the raw counts.
> Result: Fill rate was 91%, not 96%.
"""
ASKED = """> [!asked] What do you wish you had asked at my stage?
> She said: *who decides what I work on next*.
"""


def convert(text: str, withheld: frozenset[str] = frozenset()):
    extension = CalloutExtension(slugify=SLUGIFY, withheld=withheld)
    md = markdown.Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.meta", extension],
        output_format="html5",
    )
    return md.convert(text), extension.state


def test_a_story_renders_as_an_aside_with_its_four_parts_in_a_list():
    html, _ = convert(HEADER + STORY)

    assert (
        '<aside class="story-callout" id="story-the-week-the-forecast-broke">' in html
    )
    assert '<span class="story-callout__label">Story</span> The week' in html
    assert [part for part in STORY_PARTS if f"<dt>{part}</dt>" in html] == list(
        STORY_PARTS
    )
    assert "<em>wrong</em>" in html


def test_a_storys_parts_span_paragraphs_and_keep_their_labels_apart():
    _, state = convert(HEADER + STORY)

    [story] = state.stories
    situation, task, action, result = story.parts
    assert situation.text == (
        "The weekly fill-rate report was wrong. It had been wrong for a month, "
        "and nobody had noticed."
    )
    assert situation.html.count("<p>") == 2
    assert task.text == "Find the error before the quarterly review."
    assert action.text == "I rebuilt the report from the raw counts."
    assert result.text == "Fill rate was 91%, not 96%."
    assert story.line == 4


def test_a_storys_own_lessons_line_is_its_lessons_and_no_part_of_its_text():
    html, state = convert(HEADER + STORY)

    [story] = state.stories
    assert [(m.statement, m.line) for m in story.lessons] == [
        ("Tell stories with numbers", 5),
        ("Practice answers out loud", 5),
    ]
    assert "Lessons: Tell stories with numbers; Practice answers out loud" in html
    assert all("Lessons" not in part.text for part in story.parts)


def test_parts_may_come_in_any_case_and_order_and_keep_the_order_written():
    """A story that leads with its result is told that way."""
    body = "> [!story] Result first\n> RESULT: Done.\n> action: Did.\n"
    body += "> __Task__: Had to.\n> situation: There was.\n"
    html, state = convert(HEADER + body)

    [story] = state.stories
    assert [part.name for part in story.parts] == [
        "Result",
        "Action",
        "Task",
        "Situation",
    ]
    assert html.index("<dt>Result</dt>") < html.index("<dt>Situation</dt>")
    assert story.part("Task").text == "Had to." and story.missing_parts == ()
    assert state.findings == []


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("> Situation: A.\n> Action: B.\n> Result: C.\n", "has no Task part"),
        ("> Situation: A.\n", "has no Task, Action or Result part"),
        ("> It started badly.\n" + "".join(f"> {p}: x.\n" for p in STORY_PARTS), ""),
    ],
)
def test_a_story_missing_a_part_or_with_text_before_it_is_reported(body, says):
    html, state = convert(HEADER + "> [!story] A story\n" + body)

    assert {finding.rule for finding in state.findings} == {"incomplete-story"}
    messages = " ".join(finding.message for finding in state.findings)
    assert says in messages
    assert len(state.stories) == 1  # shown and recorded with what it has
    if "started badly" in body:
        assert "text before its first part" in messages
        assert '<div class="story-callout__lead">' in html
        assert state.findings[0].line == 5


def test_an_asked_question_keeps_its_answer_as_its_note():
    html, state = convert(HEADER + ASKED)

    [asked] = state.asked
    assert asked.question == "What do you wish you had asked at my stage?"
    assert asked.anchor == "asked-what-do-you-wish-you-had-asked-at-my-stage"
    assert asked.answer_text == "She said: who decides what I work on next."
    assert "<em>who decides what I work on next</em>" in asked.answer_html
    assert (
        '<p class="asked-callout__question"><span class="asked-callout__label">'
        "I asked</span> What do you wish" in html
    )
    assert 'id="asked-what-do-you-wish-you-had-asked-at-my-stage"' in html


def test_an_asked_question_without_an_answer_is_recorded_with_none():
    _, state = convert(HEADER + "> [!asked] Who else should I talk to?\n")

    assert state.asked[0].answer_text == "" and state.asked[0].answer_html == ""


def test_a_long_question_gets_a_short_stable_anchor():
    question = "What " + " ".join(["really"] * 30) + " matters?"
    _, state = convert(HEADER + f"> [!asked] {question}\n> Yes.\n")

    anchor = state.asked[0].anchor
    assert anchor.startswith("asked-what-really") and len(anchor) <= 66
    assert not anchor.endswith("-")


@pytest.mark.parametrize("kind", ["story", "asked"])
def test_a_callout_without_its_title_is_reported_and_shown_as_a_quote(kind):
    html, state = convert(HEADER + f"> [!{kind}]\n> Text.\n")

    assert [finding.rule for finding in state.findings] == ["callout-without-statement"]
    assert KINDS[kind].title_word in state.findings[0].message
    assert "<blockquote>" in html


def test_every_kind_shares_one_set_of_anchors_in_a_post():
    text = HEADER + "> [!story] Two\n> Situation: x\n\n> [!story] Two\n> Task: y\n"
    _, state = convert(text)

    assert [story.anchor for story in state.stories] == ["story-two", "story-two-2"]


def test_a_nested_story_is_shown_as_a_quote_with_a_warning():
    html, state = convert(HEADER + "- item\n\n    > [!story] Deep\n    > Task: x\n")

    assert "<blockquote>" in html and "aside" not in html
    assert state.stories == []
    assert [finding.rule for finding in state.findings] == ["nested-callout"]


WITHHELD = frozenset({"story"})


@pytest.mark.parametrize(
    "body",
    [
        STORY,
        STORY.replace("[!story]", "[!STORY]"),
        STORY.replace("[!story]", "[! story ]"),  # misspelt: withheld all the same
        "- a list\n\n    " + STORY.replace("\n>", "\n    >"),
        "> > [!story] Quoted twice\n> > Situation: zqxsecret\n",
        "Mid-sentence [!story] zqxsecret and the rest of its paragraph.\n",
    ],
)
def test_a_withheld_story_leaves_nothing_however_it_is_written(body):
    secret = body.replace("fill-rate", "zqxsecret")
    html, state = convert(HEADER + "Before.\n\n" + secret + "\nAfter.\n", WITHHELD)

    assert "zqxsecret" not in html and "forecast" not in html
    assert "story" not in html.lower()
    assert state.stories == [] and state.findings == []
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html


def test_withholding_stories_leaves_other_callouts_and_fenced_examples_alone():
    example = "```markdown\n> [!story] An example\n```\n"
    html, state = convert(HEADER + example + "\n" + ASKED, WITHHELD)

    assert "[!story] An example" in html
    assert len(state.asked) == 1


def test_withholding_never_hides_the_metadata():
    text = (
        "Title: A post\nSummary: I tell the [!story] often.\nDate: 2026-01-01\n\nX.\n"
    )
    extension = CalloutExtension(slugify=SLUGIFY, withheld=WITHHELD)
    md = markdown.Markdown(extensions=["markdown.extensions.meta", extension])
    md.convert(text)

    assert md.Meta["date"] == ["2026-01-01"]


@pytest.mark.parametrize(
    ("settings", "withheld"),
    [
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": False, "WITHHOLD_LOCAL_ONLY": True}, False),
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": True, "WITHHOLD_LOCAL_ONLY": False}, False),
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": True}, False),
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": True, "WITHHOLD_LOCAL_ONLY": True}, True),
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": True, "SITEURL": "https://x.org"}, True),
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": True, "SITEURL": " //x.org/blog"}, True),
        ({"REFLECTIONS_STORIES_LOCAL_ONLY": True, "SITEURL": "/blog"}, False),
    ],
)
def test_stories_are_withheld_by_a_build_that_withholds_local_only_things(
    settings, withheld
):
    """As every local-only field is (WITHHOLD_LOCAL_ONLY); and by any build
    whose links point at a host, whatever it says."""
    assert ("story" in withheld_kinds(settings)) is withheld


def test_a_story_named_like_a_known_lesson_keeps_its_own_anchor():
    known = {"Cross-train": "learn-adjacent-functions"}.get
    extension = CalloutExtension(slugify=SLUGIFY, known_slug=known)
    md = markdown.Markdown(extensions=[extension])
    md.convert("> [!story] Cross-train\n> Task: x.\n\n> [!lesson] Cross-train\n")

    assert extension.state.stories[0].anchor == "story-cross-train"
    assert extension.state.callouts[0].anchor == "lesson-learn-adjacent-functions"


def test_private_text_inside_a_story_is_hidden_with_the_lessons_line_it_marks():
    """Private blocks are hidden on Markdown's structure (sitekit.privateblocks),
    inside a story's parts too; a private Lessons: line names no lesson."""
    md, extension = converter()
    body = (
        "> [!story] A story with secrets\n"
        "> Lessons: [!private] Zqxsecretlesson\n"
        "> Situation: Public situation.\n>\n"
        "> [!private] zqxsecretpart in the middle.\n>\n"
        "> Task: t.\n> Action: a.\n> Result: r.\n"
    )
    html = md.convert(HEADER + body)

    assert "zqxsecret" not in html.lower()
    [story] = extension.state.stories
    assert story.lessons == ()
    assert "zqxsecret" not in " ".join(part.text for part in story.parts).lower()
    assert story.part("Situation").text == "Public situation."


# A callout's title is text with the body's typography: the post's own smarty
# (here with the site's MARKDOWN settings) curls it as it curls the body.
SITE_MARKDOWN = __import__("pelicanconf").MARKDOWN
TYPESET = [
    # (title as written, as the page shows it)
    ("The week I said 'no'", "The week I said ‘no’"),
    ("Don't rebuild what you can't measure", "Don’t rebuild what you can’t measure"),
    ('What\'s the "real" deadline?', "What’s the “real” deadline?"),
    ("He said \"call it 'done' today\"", "He said “call it ‘done’ today”"),
    (
        "Two weeks -- then the audit --- and after",
        "Two weeks – then the audit — and after",
    ),
    ("Wait for it...", "Wait for it…"),
    ("'90s systems, 2010's budget", "’90s systems, 2010’s budget"),
    ('"<b>Bold</b>" claims', "“Bold” claims"),
    ('"*Not* emphasis" and `code`', "“*Not* emphasis” and `code`"),
    ('Q&amp;A: "&lt;none&gt;"', "Q&A: “<none>”"),
    ('""', "“”"),
    ("'\"'", "‘”’"),  # smarty's own reading, as in the body
]


def typeset(text: str, smarty: bool = True):
    extensions = ["markdown.extensions.extra", "markdown.extensions.meta"]
    configs = {}
    if smarty:
        # The site's own smarty, under whatever name pelicanconf gives it.
        [name] = [k for k in SITE_MARKDOWN["extension_configs"] if "smarty" in k]
        extensions.append(name)
        configs = SITE_MARKDOWN["extension_configs"]
    extension = CalloutExtension(slugify=SLUGIFY)
    md = markdown.Markdown(
        extensions=[*extensions, extension],
        extension_configs={k: v for k, v in configs.items() if k in extensions},
        output_format="html5",
    )
    return md.convert(text), extension.state


def shown(html: str, kind: str) -> str:
    """The text of a callout's title paragraph, after its label."""
    tree = lxml.html.fromstring(html)
    [title] = tree.cssselect(f"aside.{kind}-callout > p:first-child")
    [label] = title.cssselect("span")
    return " ".join(title.text_content().removeprefix(label.text).split())


@pytest.mark.parametrize(("written", "expected"), TYPESET)
def test_a_story_title_and_a_question_have_the_bodys_quotes_and_dashes(
    written, expected
):
    story = f"> [!story] {written}\n> Situation: s.\n> Task: t.\n> Action: a.\n"
    story += "> Result: r.\n\n"
    html, state = typeset(
        HEADER + story + f"> [!asked] {written}\n> An answer.\n\n"
        f"> [!lesson] {written}\n> A note.\n"
    )

    assert shown(html, "story") == expected
    if not any(mark in written for mark in "*`<&"):  # the body reads those
        # Exactly what the post's smarty makes of the same words after a
        # label in a paragraph of the body.
        body, _ = typeset(HEADER + f"Label {written}\n")
        assert as_text(body).removeprefix("Label ") == expected
    assert shown(html, "asked") == expected
    assert shown(html, "lesson") == expected  # shown as the body; matched as written
    [told], [asked] = state.stories, state.asked
    # Recorded as HTML, as a post's title is: every page makes it text once.
    assert as_text(told.title) == as_text(asked.question) == expected
    assert state.callouts[0].statement == " ".join(written.split())
    # Anchors come from what was written, so curling moves no link.
    _, plain = typeset(HEADER + story, smarty=False)
    assert told.anchor == plain.stories[0].anchor


def test_a_callouts_lessons_line_has_the_bodys_typography_too():
    html, _ = typeset(
        HEADER + '> [!asked] Why?\n> Lessons: Don\'t wait; Say "yes" -- later\n'
        "> Because.\n"
    )

    [line] = lxml.html.fromstring(html).cssselect("p.asked-callout__lessons")
    assert line.text_content() == "Lessons: Don’t wait; Say “yes” – later"


def test_without_smarty_a_title_stays_as_written_like_the_body():
    html, state = typeset(
        HEADER + '> [!asked] Isn\'t it "done" -- yet?\n> No.\n', smarty=False
    )

    assert shown(html, "asked") == 'Isn\'t it "done" -- yet?'
    assert as_text(state.asked[0].question) == 'Isn\'t it "done" -- yet?'


def test_a_title_is_curled_in_context_of_the_body_around_it_never_its_neighbours():
    """Each title is curled on its own: an opening quote in one callout never
    pairs with a closing one in the body or the next callout."""
    html, state = typeset(
        HEADER + 'Before "the callout\n\n> [!asked] "Why\n> Because.\n\n'
        '> [!asked] now?"\n> Later.\n\nafter" it.\n'
    )

    assert [as_text(q.question) for q in state.asked] == ["“Why", "now?”"]
    assert "Before “the callout" in html and "after” it." in html
