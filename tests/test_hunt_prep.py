"""Hunting defects in stories, questions and the desk with writer input
that is odd but plausible: code inside a callout, and so on.

A label (``Task:``) or a ``Lessons:`` line means something only where
Markdown reads a paragraph: inside a code block, fenced or indented, it is
an example of the syntax, shown as code like any other.
"""

from __future__ import annotations

from test_story_callouts import HEADER, convert

STORY_WITH_INDENTED_CODE = """> [!story] The script that wrote the report
> Situation: The report came from a script whose output looked like this:
>
>     Task: refresh counts
>     Result: 96%
>
> Task: Find out why it was wrong.
> Action: I read the script.
> Result: Fill rate was 91%.
"""

STORY_WITH_FENCED_CODE = """> [!story] The fenced example
> Situation: The log said:
>
> ```
> Result: fake
> ```
>
> Task: Find the cause.
> Action: I read the log.
> Result: It was the timezone.
"""


def parts(story) -> dict[str, str]:
    return {part.name: part.text for part in story.parts}


def test_a_label_in_an_indented_code_block_of_a_story_stays_code():
    html, state = convert(HEADER + STORY_WITH_INDENTED_CODE)

    [story] = state.stories
    assert parts(story)["Task"] == "Find out why it was wrong."
    assert parts(story)["Result"] == "Fill rate was 91%."
    assert "<pre><code>Task: refresh counts\nResult: 96%\n</code></pre>" in html


def test_a_label_inside_fenced_code_of_a_story_is_no_label():
    _, state = convert(HEADER + STORY_WITH_FENCED_CODE)

    [story] = state.stories
    assert parts(story)["Result"] == "It was the timezone."
    assert "Result: fake" in parts(story)["Situation"]
    assert not state.findings


def test_a_lessons_line_in_an_indented_code_block_of_an_answer_stays_code():
    asked = (
        "> [!asked] How do you tag a story?\n"
        "> With a line of its own:\n>\n"
        ">     Lessons: Lead with the result\n"
    )
    html, state = convert(HEADER + asked)

    [question] = state.asked
    assert question.lessons == ()
    assert "<pre><code>Lessons: Lead with the result\n</code></pre>" in html
