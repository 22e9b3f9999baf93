"""Related reflections: most shared lessons first, then the newest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reflections.assemble.related import related_posts
from reflections.model import PostLesson, PostRecord

START = datetime(2025, 1, 1, tzinfo=UTC)
SLUGS = [f"lesson-{number}" for number in range(8)]


def lesson(slug: str) -> PostLesson:
    return PostLesson(slug, slug, None, f"lessons/{slug}/", None, "", "", True)


def post(key: str, day: int, *slugs: str) -> PostRecord:
    return PostRecord(
        key=key,
        title=key,
        url=f"{key}/",
        date=START + timedelta(days=day),
        lessons=tuple(lesson(slug) for slug in slugs),
    )


def keys(related: tuple[PostRecord, ...]) -> list[str]:
    return [record.key for record in related]


def brute_force(posts: list[PostRecord], limit: int) -> dict[str, list[str]]:
    """Count shared lessons against every other post; the obvious way."""
    result = {}
    for current in posts:
        own = {lesson.slug for lesson in current.lessons}
        scored = []
        for other in posts:
            shared = len(own & {lesson.slug for lesson in other.lessons})
            if other.key != current.key and shared:
                scored.append((-shared, -other.date.timestamp(), other.key))
        result[current.key] = [key for _, _, key in sorted(scored)[:limit]]
    return result


CORPUS = [
    post("old-two", 1, "a", "b"),
    post("new-one", 9, "a"),
    post("mid-two", 5, "a", "b", "z"),
    post("unrelated", 10, "z"),
    post("nothing", 11, "y"),
    post("me", 12, "a", "b", "c"),
]


def test_related_posts_rank_by_shared_lessons_then_recency():
    related = related_posts(CORPUS, limit=5)

    assert keys(related["me"]) == ["mid-two", "old-two", "new-one"]


def test_a_post_is_never_related_to_itself():
    related = related_posts(CORPUS, limit=10)

    assert all(key not in keys(related[key]) for key in related)


def test_posts_sharing_no_lesson_are_not_related():
    related = related_posts(CORPUS, limit=10)

    assert "nothing" not in keys(related["me"])
    assert related["nothing"] == ()


def test_equal_shares_on_the_same_date_are_ordered_by_key():
    posts = [
        post("b", 3, "x"),
        post("a", 3, "x"),
        post("c", 3, "x"),
        post("me", 4, "x"),
    ]

    assert keys(related_posts(posts, limit=3)["me"]) == ["a", "b", "c"]


def test_related_posts_respect_the_limit():
    related = related_posts(CORPUS, limit=2)

    assert keys(related["me"]) == ["mid-two", "old-two"]
    assert keys(related["old-two"]) == ["me", "mid-two"]


def test_a_limit_of_zero_relates_nothing():
    assert related_posts(CORPUS, limit=0) == {record.key: () for record in CORPUS}


corpora = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=6),  # day: few values, so dates tie
        st.sets(st.sampled_from(SLUGS), max_size=4),
    ),
    max_size=40,
).map(
    lambda drafts: [
        # keys out of list order, so that the key tie-break is exercised
        post(f"p{number * 7 % 41:02}", day, *sorted(slugs))
        for number, (day, slugs) in enumerate(drafts)
    ]
)


@settings(max_examples=200, deadline=None)
@given(posts=corpora, limit=st.integers(min_value=0, max_value=6))
def test_related_posts_agree_with_a_brute_force_count(posts, limit):
    related = related_posts(posts, limit)

    assert {key: keys(value) for key, value in related.items()} == brute_force(
        posts, limit
    )
