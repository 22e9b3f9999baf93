"""Hunting defects in stories, questions and the desk with writer input
that is odd but plausible: code inside a callout, and so on.

A label (``Task:``) or a ``Lessons:`` line means something only where
Markdown reads a paragraph: inside a code block, fenced or indented, it is
an example of the syntax, shown as code like any other.
"""

from __future__ import annotations

import json
import shutil

import lxml.html
import pytest
from icalendar import Calendar
from sitebuild import CONTENT, build_site, copy_content, output_files, read
from test_reflect_desk import SETTINGS as DESK_SETTINGS
from test_story_callouts import HEADER, convert

from reflect.cli import main

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


# A footnote belongs to its post: quoted on the banks, a callout's text
# keeps no reference to a note that is not there.
FOOTNOTED_POST = """Title: Footnotes {n}
Date: 2026-11-2{n} 10:00
Category: Mock interviews
Who: Zed{n}, a tester
Lessons: Tell stories with numbers

> [!story] Footnoted story {n}
> Situation: Stockouts doubled.[^a]
> Task: Find out why.
> Action: I compared the lead times.
> Result: Rush orders fell by 31%[^a] in a quarter.

> [!asked] Footnoted question {n}?
> She said it was fine.[^b]

[^a]: By the finance team's count.
[^b]: Later she said otherwise.
"""


@pytest.fixture(scope="module")
def footnoted_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("footnoted")
    content = copy_content(folder / "content")
    for n in (1, 2):
        post = content / "posts" / f"2026-11-2{n}-footnotes.md"
        post.write_text(FOOTNOTED_POST.format(n=n), encoding="utf-8")
    return build_site(folder / "output", content=content)


@pytest.mark.parametrize("bank", ["stories/index.html", "questions/index.html"])
def test_footnotes_in_callouts_leave_no_duplicate_ids_or_dead_links_on_the_banks(
    footnoted_site, bank
):
    page = lxml.html.fromstring(read(footnoted_site / bank))
    ids = page.xpath("//@id")
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    targets = {href[1:] for href in page.xpath("//a/@href") if href[0] == "#"}
    assert targets <= set(ids)


def test_a_footnote_number_is_no_part_of_a_callouts_text(footnoted_site):
    data = json.loads(read(footnoted_site / "reflections.json"))
    told = [s for s in data["stories"] if s["title"].startswith("Footnoted")]
    assert {story["result"] for story in told} == {
        "Rush orders fell by 31% in a quarter."
    }
    assert {story["situation"] for story in told} == {"Stockouts doubled."}
    assert "fine.2" not in read(footnoted_site / "reflections.json")


def test_a_callouts_footnote_still_works_in_its_post(footnoted_site):
    post = lxml.html.fromstring(read(footnoted_site / "2026/footnotes-1/index.html"))
    [aside] = post.xpath('//aside[@class="story-callout"]')
    refs = aside.xpath('.//a[@class="footnote-ref"]/@href')
    assert refs and all(post.xpath(f'//*[@id="{ref[1:]}"]') for ref in refs)


# A footnote that only a withheld story refers to is part of the story: a
# build that keeps stories to the writer keeps it too, as it keeps a
# private note's.
STORY_NOTE = "zqstorynotezq"
SHARED_NOTE = "zqsharednotezq"
STORY_WITH_FOOTNOTES = f"""Title: A story with footnotes
Date: 2026-11-24 10:00
Category: Mock interviews
Who: Zed, a tester
Lessons: Tell stories with numbers

The public part cites the shared note.[^shared]

> [!story] The quarter we cut rush freight
> Situation: Stockouts doubled.[^story]
> Task: Find out why.[^shared]
> Action: I compared the lead times.
> Result: Rush orders fell by 31%.

[^story]: {STORY_NOTE}, from the internal quarterly report.
[^shared]: {SHARED_NOTE}, public anyway.
"""


def test_a_footnote_only_a_withheld_story_refers_to_is_withheld_with_it(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2026-11-24-story-footnotes.md"
    post.write_text(STORY_WITH_FOOTNOTES, encoding="utf-8")
    site = build_site(
        tmp_path / "published",
        conf="publishconf.py",
        content=content,
        SITEURL="https://example.org/blog",
        REFLECTIONS_STORIES_LOCAL_ONLY=True,
    )

    leaks = [
        path.relative_to(site).as_posix()
        for path, data in output_files(site)
        if STORY_NOTE.encode() in data
    ]
    assert leaks == []
    page = lxml.html.fromstring(read(site / "2026/a-story-with-footnotes/index.html"))
    assert SHARED_NOTE in page.text_content()  # the public text still cites it
    ids = set(page.xpath("//@id"))
    assert {href[1:] for href in page.xpath("//a/@href") if href[0] == "#"} <= ids


# The calendar of `reflect due --ics` takes what a writer types in a
# follow-up as it is, and a calendar app must read it back as typed.
AWKWARD_FOLLOW_UPS = [
    "Send Graham the notes, the plan; and C:\\new\\folder\\n as typed",
    "Écrire à Graham: " + "été, 日本語; " * 12 + "😀" * 9,
    "Send Graham the notes, the plan; and C:\\new\\folder\\n as typed",
]


def test_a_calendar_of_awkward_follow_ups_keeps_rfc_5545s_rules(
    tmp_path, monkeypatch, capsys
):
    """Commas, semicolons and backslashes escaped, long lines folded at 75
    octets without splitting a character, one UID per event, a DTSTAMP in
    each, and the text read back as typed."""
    (tmp_path / "pelicanconf.py").write_text(DESK_SETTINGS)
    shutil.copytree(CONTENT, tmp_path / "content")
    post = tmp_path / "content" / "posts" / "2025-09-14-two-levels-up.md"
    lines = "".join(
        f"Follow-up: 2026-12-1{n} {t}\n" for n, t in enumerate(AWKWARD_FOLLOW_UPS)
    )
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Next-contact:", lines + "Next-contact:"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    main(["due", "--ics", "due.ics"])
    capsys.readouterr()

    raw = (tmp_path / "due.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never splits a character
    events = Calendar.from_ical(raw).walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    for typed in AWKWARD_FOLLOW_UPS:
        assert summaries.count(typed) == AWKWARD_FOLLOW_UPS.count(typed)
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert all("DTSTAMP" in event for event in events)
