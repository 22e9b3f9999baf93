"""The reflection index: every lesson, where and when it was learned."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from reflections.assemble.index import OTHER_THEME, assemble_index
from reflections.model import KnownLesson, PostLesson, PostRecord
from reflections.write.export import index_as_data
from sitekit.datafiles import write_json

TZ = timezone(timedelta(hours=-5))
KNOWN = {
    "use-the-gap": KnownLesson(
        "use-the-gap", "Use the gap", "Mindset", description="Look for *the* door."
    ),
    "cross-train": KnownLesson("cross-train", "Cross-train", "Career moves"),
    "do-homework": KnownLesson(
        "do-homework", "Do homework", "Mindset", description="Read first."
    ),
}


def lesson(slug: str, anchor: str | None = None, note: str = "") -> PostLesson:
    known = KNOWN.get(slug)
    return PostLesson(
        slug=slug,
        title=known.title if known else slug.replace("-", " ").capitalize(),
        theme=known.theme if known else None,
        url=f"lessons/{slug}/",
        anchor=anchor,
        note_html=f"<p>{note}</p>" if note else "",
        note_text=note,
        known=known is not None,
    )


def post(key: str, date: datetime, *lessons: PostLesson) -> PostRecord:
    return PostRecord(
        key=key, title=key.title(), url=f"{date:%Y}/{key}/", date=date, lessons=lessons
    )


ONE = post("one", datetime(2026, 1, 10, 9, 0, tzinfo=TZ), lesson("use-the-gap"))
TWO = post(
    "two",
    datetime(2026, 3, 2, 18, 30, tzinfo=TZ),
    lesson("use-the-gap", anchor="lesson-use-the-gap", note="Halved."),
    lesson("cross-train"),
    lesson("ad-hoc-thing"),
)
THREE = post(
    "three",
    datetime(2026, 3, 20, 8, 0, tzinfo=TZ),
    lesson("use-the-gap"),
    lesson("cross-train"),
)
POSTS = [TWO, ONE, THREE]


def index(posts=POSTS, **options):
    return assemble_index(posts, KNOWN, **options)


def record_of(built, slug: str):
    """The index's record of one lesson."""
    return next(record for record in built.lessons if record.slug == slug)


def test_each_lesson_counts_its_posts_newest_first():
    record = record_of(index(), "use-the-gap")

    assert record.count == 3
    assert [use.post.key for use in record.uses] == ["three", "two", "one"]
    assert record.first_learned == ONE.date
    assert record.last_reinforced == THREE.date


def test_a_use_links_to_the_callout_when_there_is_one():
    uses = {use.post.key: use for use in record_of(index(), "use-the-gap").uses}

    assert uses["two"].url == "2026/two/#lesson-use-the-gap"
    assert uses["one"].url == "2026/one/"


def test_lessons_are_ordered_by_count_then_title():
    slugs = [record.slug for record in index().lessons]

    assert slugs == ["use-the-gap", "cross-train", "ad-hoc-thing"]


def test_equal_counts_are_ordered_by_title_ignoring_case():
    posts = [
        post("p", ONE.date, lesson("zeta"), lesson("cross-train"), lesson("alpha"))
    ]

    assert [r.slug for r in index(posts).lessons] == ["alpha", "cross-train", "zeta"]


def test_themes_follow_lessons_yml_with_unthemed_lessons_last():
    themes = index().themes

    assert [theme.name for theme in themes] == ["Mindset", "Career moves", OTHER_THEME]
    assert [r.slug for r in themes[-1].lessons] == ["ad-hoc-thing"]


def test_a_theme_without_lessons_in_posts_is_left_out():
    themes = index([ONE]).themes

    assert [theme.name for theme in themes] == ["Mindset"]


def test_co_occurring_lessons_count_shared_posts():
    together = record_of(index(), "use-the-gap").co_occurring

    assert [(c.slug, c.count) for c in together] == [
        ("cross-train", 2),
        ("ad-hoc-thing", 1),
    ]
    assert together[0].url == "lessons/cross-train/"


def test_the_timeline_groups_posts_by_month_newest_first():
    timeline = index().timeline

    assert [month.label for month in timeline] == ["March 2026", "January 2026"]
    assert [[p.key for p in month.posts] for month in timeline] == [
        ["three", "two"],
        ["one"],
    ]


def test_only_known_lessons_with_descriptions_are_described():
    described = index(describe=lambda markdown: f"<p>{markdown}</p>")

    assert record_of(described, "use-the-gap").description_html == (
        "<p>Look for *the* door.</p>"
    )
    assert record_of(described, "cross-train").description_html == ""
    assert record_of(described, "ad-hoc-thing").description_html == ""


def test_index_as_data_has_the_documented_shape():
    small = index([ONE, TWO])
    descriptions = {slug: entry.description for slug, entry in KNOWN.items()}

    data = index_as_data(small, lambda url: f"https://example.org/{url}", descriptions)

    site = "https://example.org/"
    assert data["version"] == 1
    assert data["posts"] == [
        {
            "title": "Two",
            "url": f"{site}2026/two/",
            "date": "2026-03-02T18:30:00-05:00",
            "lessons": ["use-the-gap", "cross-train", "ad-hoc-thing"],
            "question": None,
            "comment_count": 0,
            "newest_comments": [],
            "series": None,
        },
        {
            "title": "One",
            "url": f"{site}2026/one/",
            "date": "2026-01-10T09:00:00-05:00",
            "lessons": ["use-the-gap"],
            "question": None,
            "comment_count": 0,
            "newest_comments": [],
            "series": None,
        },
    ]
    assert data["lessons"][0] == {
        "slug": "use-the-gap",
        "title": "Use the gap",
        "theme": "Mindset",
        "description": "Look for *the* door.",
        "url": f"{site}lessons/use-the-gap/",
        "count": 2,
        "first_learned": "2026-01-10T09:00:00-05:00",
        "last_reinforced": "2026-03-02T18:30:00-05:00",
        "posts": [
            {
                "title": "Two",
                "url": f"{site}2026/two/",
                "date": "2026-03-02T18:30:00-05:00",
                "anchor": "lesson-use-the-gap",
                "note": "Halved.",
            },
            {
                "title": "One",
                "url": f"{site}2026/one/",
                "date": "2026-01-10T09:00:00-05:00",
                "anchor": None,
                "note": "",
            },
        ],
    }
    assert [entry["slug"] for entry in data["lessons"]] == [
        "use-the-gap",
        "ad-hoc-thing",
        "cross-train",
    ]
    assert data["lessons"][1]["theme"] is None
    assert data["lessons"][1]["description"] == ""
    assert set(data) == {
        "version",
        "lessons",
        "posts",
        "stories",
        "questions",
        "series",
    }
    assert data["series"] == []


def test_index_as_data_survives_a_json_round_trip():
    data = index_as_data(index(), lambda url: f"/{url}", {})

    assert json.loads(json.dumps(data)) == data


def test_reflections_json_is_written_as_one_json_dumps_would_write_it(tmp_path):
    as_data = index_as_data(index(), lambda url: f"/{url}", {})

    write_json(str(tmp_path), "data/reflections.json", as_data)

    written = (tmp_path / "data" / "reflections.json").read_text(encoding="utf-8")
    assert written == json.dumps(as_data, ensure_ascii=False, separators=(",", ":"))
