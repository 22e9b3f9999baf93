"""Stories and asked questions on the built site: the asides in each post,
/stories/ and /questions/, lesson pages, reflections.json, the JSON Feed,
the feeds page and the search filters, on the sample site, on a site whose
stories are local-only, and on an imported WordPress blog."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from hostile import both, both_text, live_in_feed, live_in_html
from sitebuild import CONTENT, build_site, copy_content, output_files, read
from test_html_valid import validate
from test_search import fragments

REFLECT = Path(sys.executable).parent / "reflect"
WXR = Path(__file__).parent / "fixtures" / "wordpress-export.xml"


def data(site: Path) -> dict:
    return json.loads(read(site / "reflections.json"))


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(read(site / path))


def post_page(site: Path, url: str) -> lxml.html.HtmlElement:
    return page(site, url.split("#")[0].strip("/") + "/index.html")


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_every_sample_story_is_an_aside_in_its_post_and_told_on_the_stories_page(site):
    stories = data(site)["stories"]
    bank = page(site, "stories/index.html")
    assert len(stories) >= 5
    for story in stories:
        [aside] = post_page(site, story["url"]).xpath(f'//*[@id="{story["anchor"]}"]')
        assert aside.tag == "aside" and aside.get("class") == "story-callout"
        assert story["title"] in words(aside)
        [entry] = bank.xpath(f'//article[.//a[@href="{story["url"]}"]]')
        assert words(entry.xpath("h3")[0]) == story["title"]
        parts = zip(entry.xpath(".//dt/text()"), entry.xpath(".//dd"), strict=True)
        told = {name: words(part) for name, part in parts}
        assert set(told) == {"Situation", "Task", "Action", "Result"}
        assert all(told[name] == story[name.lower()] for name in told)
        assert entry.get("id") in {
            link.get("href").lstrip("#")
            for link in bank.xpath(
                '//section[@id="by-lesson"]//a[starts-with(@href, "#")]'
            )
        }


def test_the_stories_page_indexes_every_story_under_each_of_its_lessons(site):
    lessons = {lesson["slug"]: lesson for lesson in data(site)["lessons"]}
    bank = page(site, "stories/index.html")
    index = bank.xpath('//section[@id="by-lesson"]')[0]
    for story in data(site)["stories"]:
        for slug in story["lessons"]:
            [item] = index.xpath(f'.//li[a[@href="{lessons[slug]["url"]}"]]')
            assert story["title"] in [words(a) for a in item.xpath("a")[1:]]


def test_each_lesson_page_lists_the_stories_that_show_it(site):
    shown: dict[str, set[str]] = {}
    for story in data(site)["stories"]:
        for slug in story["lessons"]:
            shown.setdefault(slug, set()).add(story["url"])
    assert shown
    for lesson in data(site)["lessons"]:
        lesson_page = page(site, f"lessons/{lesson['slug']}/index.html")
        stories = '//ul[contains(@class, "lesson-stories")]/li/a[1]/@href'
        listed = set(lesson_page.xpath(stories))
        assert listed == shown.get(lesson["slug"], set()), lesson["slug"]


def test_the_question_bank_groups_by_kind_with_every_answer_and_how_often(site):
    bank = page(site, "questions/index.html")
    questions = data(site)["questions"]
    assert sum(question["times_asked"] for question in questions) >= 15
    text = words(bank)
    for question in questions:
        for asked in question["asked"]:
            assert asked["answer"] in text
            entries = bank.xpath(
                f'//section[@id="by-kind"]//li[@class="bank-question"]'
                f'[.//a[@href="{asked["url"]}"]]'
            )
            assert [words(e.xpath("p")[0]).split(" (")[0] for e in entries] == [
                question["question"]
            ]
    who_else = bank.xpath('//li[@class="bank-question"][starts-with(p, "Who else")]')
    assert sorted(words(entry.xpath("p")[0]) for entry in who_else) == [
        "Who else should I talk to? (asked once, 3 times in all)",
        "Who else should I talk to? (asked twice, 3 times in all)",
    ]


def test_every_link_of_the_banks_lands_on_an_id_of_the_page(site):
    for path in ("stories/index.html", "questions/index.html"):
        bank = page(site, path)
        ids = set(bank.xpath("//@id"))
        targets = {href[1:] for href in bank.xpath("//a/@href") if href[0] == "#"}
        assert targets and targets <= ids, path


def test_questions_by_lesson_name_every_lesson_a_question_goes_with(site):
    lessons = {lesson["slug"]: lesson["title"] for lesson in data(site)["lessons"]}
    by_lesson = page(site, "questions/index.html").xpath('//section[@id="by-lesson"]')[
        0
    ]
    headings = {words(h) for h in by_lesson.xpath("h3")}
    named = {
        lessons[slug]
        for question in data(site)["questions"]
        for asked in question["asked"]
        for slug in asked["lessons"]
    }
    assert headings == named


def test_reflections_json_has_the_documented_stories_and_questions(site):
    found = data(site)
    for story in found["stories"]:
        assert set(story) == {
            *("title", "url", "anchor", "post", "lessons"),
            *("situation", "task", "action", "result"),
        }
        assert set(story["post"]) == {"title", "url", "date", "category"}
        assert story["url"] == f"{story['post']['url']}#{story['anchor']}"
    for question in found["questions"]:
        assert set(question) == {"question", "times_asked", "asked"}
        assert question["times_asked"] == len(question["asked"])
        for asked in question["asked"]:
            assert set(asked) == {"url", "anchor", "post", "lessons", "answer"}
            assert "<" not in asked["answer"]


def test_search_marks_the_posts_that_tell_stories_or_record_questions(site):
    found = data(site)
    with_stories = {story["post"]["url"] for story in found["stories"]}
    with_questions = {
        asked["post"]["url"]
        for question in found["questions"]
        for asked in question["asked"]
    }
    for fragment in fragments(site):
        filters = fragment["filters"]
        assert filters.get("stories") == (
            ["yes"] if fragment["url"] in with_stories else None
        )
        expected = ["yes"] if fragment["url"] in with_questions else None
        assert filters.get("questions") == expected
    boxes = page(site, "search/index.html").xpath('//input[@type="checkbox"]/@name')
    assert boxes == ["stories", "questions"]


def test_the_json_feed_carries_stories_and_questions_as_data(published_site):
    feed = json.loads(read(published_site / "feeds" / "all.json"))
    found = data(published_site)
    stories = {story["url"]: story for story in found["stories"]}
    carried = [
        story
        for item in feed["items"]
        for story in item.get("_reflections", {}).get("stories", ())
    ]
    assert carried and len(carried) == len(stories)
    for story in carried:
        assert story["url"].startswith("https://example.org/blog/")
        assert story["situation"] == stories[story["url"]]["situation"]
    questions = [
        question
        for item in feed["items"]
        for question in item.get("_reflections", {}).get("questions", ())
    ]
    assert len(questions) == sum(q["times_asked"] for q in found["questions"])
    # only on items that have any
    assert all(item["_reflections"] for item in feed["items"] if "_reflections" in item)


def test_the_feeds_page_names_the_data_file(published_site):
    feeds = page(published_site, "feeds/index.html")
    [address] = feeds.xpath(
        '//section[@class="feeds-data"]//code[@class="feed-address"]'
    )
    assert address.text == "https://example.org/blog/reflections.json"


def test_the_home_page_and_each_bank_link_the_banks(site):
    home = page(site, "index.html")
    assert home.xpath('//section[@class="intro"]//a/@href')[-2:] == [
        "/stories/",
        "/questions/",
    ]
    assert "/questions/" in page(site, "stories/index.html").xpath("//main//a/@href")
    assert "/stories/" in page(site, "questions/index.html").xpath("//main//a/@href")


# Stories kept to the writer's machine (REFLECTIONS_STORIES_LOCAL_ONLY).
PUBLIC = "quokkapublicword"
SECRETS = [f"zqxstorysecret{n}" for n in range(10)]
SECRET_POST = f"""Title: A conversation with stories in it
Date: 2026-11-20 10:00
Category: Mock interviews
Who: Pat, a hiring manager
Lessons: Tell stories with numbers

I asked Pat for twenty minutes; {PUBLIC} is in the public text.

> [!story] The {SECRETS[0]} launch
> Lessons: {SECRETS[1]} the unexpected
> Situation: {SECRETS[2]} was late.
>
> And {SECRETS[3]} in a second paragraph.
> Task: {SECRETS[4]}.
> Action: {SECRETS[5]}.
> Result: {SECRETS[6]}.

- a list

    > [!story] Nested {SECRETS[7]}
    > Result: x.

> [! Story ] Misspelt {SECRETS[8]}
> Task: y.

A sentence with [!STORY] {SECRETS[9]} in its middle.

> [!asked] What would you cut?
> The middle, and {PUBLIC} again.
"""


@pytest.fixture(scope="module")
def local_only_sites(tmp_path_factory):
    folder = tmp_path_factory.mktemp("local-only")
    content = copy_content(folder / "content")
    (content / "posts" / "2026-11-20-stories.md").write_text(SECRET_POST)
    return {
        "published": build_site(
            folder / "published",
            conf="publishconf.py",
            content=content,
            SITEURL="https://example.org/blog",
            REFLECTIONS_STORIES_LOCAL_ONLY=True,
        ),
        # the control: the same content where stories are the writer's to see
        "local": build_site(
            folder / "local", content=content, REFLECTIONS_STORIES_LOCAL_ONLY=True
        ),
    }


def test_local_only_stories_reach_no_published_file(local_only_sites):
    site = local_only_sites["published"]
    written = list(output_files(site))
    assert len(written) > 100
    leaks = [
        (path.relative_to(site).as_posix(), secret)
        for path, data in written
        for secret in SECRETS
        if secret.encode() in data.lower()
    ]
    assert leaks == []
    # the control: the same post's public text is in its page and its index
    assert PUBLIC in read(
        site / "2026" / "a-conversation-with-stories-in-it" / "index.html"
    )
    index = [
        d for p, d in written if "pagefind" in p.parts and p.suffix == ".pf_fragment"
    ]
    assert any(PUBLIC.encode() in d for d in index)


def test_a_build_that_withholds_stories_has_none_anywhere(local_only_sites):
    site = local_only_sites["published"]
    assert not (site / "stories").exists()
    assert data(site)["stories"] == []
    assert "https://example.org/blog/stories/" not in page(site, "index.html").xpath(
        "//a/@href"
    )
    assert not page(site, "lessons/tell-stories-with-numbers/index.html").xpath(
        '//ul[contains(@class, "lesson-stories")]'
    )
    feed = json.loads(read(site / "feeds" / "all.json"))
    assert not [i for i in feed["items"] if "stories" in i.get("_reflections", {})]
    assert (site / "questions" / "index.html").exists()  # questions are public


def test_a_local_build_shows_the_local_only_stories(local_only_sites):
    site = local_only_sites["local"]
    post = read(site / "2026" / "a-conversation-with-stories-in-it" / "index.html")
    assert SECRETS[0] in post and SECRETS[6] in post
    assert SECRETS[0] in read(site / "stories" / "index.html")


# An imported WordPress blog: no callouts yet.
@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imported")
    (folder / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
        'TIMEZONE = "UTC"\n'
    )
    (folder / "content").mkdir()
    shutil.copy(CONTENT / "lessons.yml", folder / "content" / "lessons.yml")
    imported = subprocess.run(
        [str(REFLECT), "import-wordpress", str(WXR)], cwd=folder, capture_output=True
    )
    assert imported.returncode == 0, imported.stderr
    return build_site(folder / "output", content=folder / "content")


def test_an_imported_blog_has_bank_pages_that_say_how_to_start(imported_site):
    stories = words(page(imported_site, "stories/index.html"))
    assert "No stories yet." in stories
    assert "A story is a callout in a post, in four labelled parts" in stories
    questions = words(page(imported_site, "questions/index.html"))
    assert "No questions yet." in questions
    assert "Readers’ answers to each post’s closing question" in questions
    links = page(imported_site, "index.html").xpath("//a/@href")
    assert "/stories/" not in links and "/questions/" not in links
    assert data(imported_site)["stories"] == data(imported_site)["questions"] == []
    assert (
        validate(
            [
                imported_site / "stories" / "index.html",
                imported_site / "questions" / "index.html",
            ]
        )
        == []
    )


# A story's title and an asked question are fields: they show as text.
STORY_TITLE = both(50, "Hostile story")
QUESTION = both(51, "Hostile question")
HOSTILE_POST = f"""Title: A conversation with hostile callouts
Date: 2026-11-22 10:00
Category: Mock interviews
Lessons: Tell stories with numbers

Public text.

> [!story] {STORY_TITLE}
> Situation: s.
> Task: t.
> Action: a.
> Result: r.

> [!asked] {QUESTION}
> An answer.
"""


def test_story_titles_and_questions_show_as_text_and_never_run(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-11-22-hostile.md").write_text(HOSTILE_POST)
    site = build_site(tmp_path / "output", content=content)
    found = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            live = live_in_html(read(path))
        elif name.startswith("feeds/") and path.suffix in (".xml", ".json"):
            live = live_in_feed(path.read_bytes())
        else:
            continue
        if live:
            found[name] = live
    assert found == {}
    post = page(site, "2026/a-conversation-with-hostile-callouts/index.html")
    shown = both_text(50, "Hostile story")
    assert (
        words(post.xpath('//p[@class="story-callout__title"]')[0]) == f"Story {shown}"
    )
    assert shown in [words(h) for h in page(site, "stories/index.html").xpath("//h3")]
    asked = both_text(51, "Hostile question")
    questions = page(site, "questions/index.html").xpath(
        '//p[@class="bank-question__text"]'
    )
    assert f"{asked} (asked once)" in [words(p) for p in questions]
    [story] = [s for s in data(site)["stories"] if "Hostile story" in s["title"]]
    # Data has the text the pages show (no markup, live or not), as the
    # parts and answers beside it.
    assert story["title"] == shown


# A story's title and an asked question have the body's typography wherever
# they are shown, and the data has them as shown.
TYPESET_POST = """Title: Quotes in stories and questions
Date: 2026-11-23 10:00
Category: Mock interviews
Lessons: Tell stories with numbers

> [!story] The "ninety days" plan -- and what I'd change
> Situation: s.
> Task: t.
> Action: a.
> Result: r.

> [!asked] What's the "one thing" you'd measure?
> She said 'churn' -- nothing else.
"""
TYPESET_STORY = "The “ninety days” plan – and what I’d change"
TYPESET_QUESTION = "What’s the “one thing” you’d measure?"


def test_story_titles_and_questions_are_curled_everywhere_they_are_shown(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2026-11-23-typeset.md").write_text(TYPESET_POST)
    site = build_site(tmp_path / "output", content=content)

    post = page(site, "2026/quotes-in-stories-and-questions/index.html")
    titles = [words(p) for p in post.xpath('//aside/p[contains(@class, "__")][1]')]
    assert titles == [f"Story {TYPESET_STORY}", f"I asked {TYPESET_QUESTION}"]
    assert TYPESET_STORY in [
        words(h) for h in page(site, "stories/index.html").xpath("//h3")
    ]
    lesson = page(site, "lessons/tell-stories-with-numbers/index.html")
    assert TYPESET_STORY in [words(a) for a in lesson.xpath("//a")]
    asked = page(site, "questions/index.html").xpath(
        '//p[@class="bank-question__text"]'
    )
    assert f"{TYPESET_QUESTION} (asked once)" in [words(p) for p in asked]
    found = data(site)
    assert TYPESET_STORY in [story["title"] for story in found["stories"]]
    [question] = [q for q in found["questions"] if "one thing" in q["question"]]
    assert question["question"] == TYPESET_QUESTION
    assert question["asked"][0]["answer"] == "She said ‘churn’ – nothing else."
    feed = json.loads(read(site / "feeds" / "all.json"))
    carried = [
        told
        for item in feed["items"]
        for told in item.get("_reflections", {}).get("questions", ())
    ]
    assert TYPESET_QUESTION in [told["question"] for told in carried]
    # The straight form reaches no file: page, feed, data or search index.
    for path, written in output_files(site):
        text = written.decode("utf-8", "replace")
        assert '"ninety days"' not in text and "What's the" not in text, path
