"""A post's search filters and the search page's menus, without a site."""

from __future__ import annotations

from types import SimpleNamespace

from search.filters import SearchFilter, filter_checks, filter_choices, post_filters


def lesson(title: str, theme: str | None) -> SimpleNamespace:
    return SimpleNamespace(title=title, theme=theme)


def post(category, lessons, stories=(), asked_questions=()) -> SimpleNamespace:
    """A post as the reflections plugin leaves it: its lessons, the stories
    it tells and the questions its writer asked."""
    return SimpleNamespace(
        category=category,
        lessons=lessons,
        stories=stories,
        asked_questions=asked_questions,
    )


MENTORING = post(
    "Mentoring",
    [
        lesson("Ask early", "Networking"),
        lesson("Follow up", "Networking"),
        lesson("Rest", None),
    ],
)
MOCK = post("Mock interviews", [lesson("Ask early", "Networking")])


def test_a_post_is_filtered_by_its_lessons_each_theme_once_and_its_kind():
    assert post_filters(MENTORING) == (
        SearchFilter("lesson", "Ask early"),
        SearchFilter("lesson", "Follow up"),
        SearchFilter("lesson", "Rest"),
        SearchFilter("theme", "Networking"),
        SearchFilter("category", "Mentoring"),
    )


def test_a_post_without_lessons_is_filtered_by_its_kind_alone():
    assert post_filters(post("Mentoring", ())) == (
        SearchFilter("category", "Mentoring"),
    )


def test_the_menus_count_posts_per_value_alphabetically():
    menus = {
        choice.name: choice
        for choice in filter_choices([post_filters(MENTORING), post_filters(MOCK)])
    }
    assert list(menus) == ["lesson", "theme", "category"]
    assert [o.label for o in menus["lesson"].options] == [
        "Ask early (2)",
        "Follow up (1)",
        "Rest (1)",
    ]
    assert [o.label for o in menus["theme"].options] == ["Networking (2)"]
    assert menus["category"].any_label == "Any kind"


def test_a_post_that_tells_stories_or_records_questions_says_so():
    told = post("Mock interviews", (), stories=("a story",))
    asked = post("Mentoring", (), asked_questions=("a question", "another"))
    assert post_filters(told)[-1] == SearchFilter("stories", "yes")
    assert post_filters(asked)[-1] == SearchFilter("questions", "yes")
    assert SearchFilter("stories", "yes") not in post_filters(asked)


def test_a_box_is_offered_only_when_some_post_has_what_it_keeps():
    told = post("Mock interviews", (), stories=("a story",))
    checks = filter_checks([post_filters(told), post_filters(MOCK)])
    assert [(check.name, check.label, check.count) for check in checks] == [
        ("stories", "tell stories", 1)
    ]
    assert filter_checks([post_filters(MOCK)]) == ()
