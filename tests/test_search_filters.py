"""A post's search filters and the search page's menus, without a site."""

from __future__ import annotations

from types import SimpleNamespace

from search.filters import SearchFilter, filter_choices, post_filters


def lesson(title: str, theme: str | None) -> SimpleNamespace:
    return SimpleNamespace(title=title, theme=theme)


MENTORING = SimpleNamespace(
    category="Mentoring",
    lessons=[
        lesson("Ask early", "Networking"),
        lesson("Follow up", "Networking"),
        lesson("Rest", None),
    ],
)
MOCK = SimpleNamespace(
    category="Mock interviews", lessons=[lesson("Ask early", "Networking")]
)


def test_a_post_is_filtered_by_its_lessons_each_theme_once_and_its_kind():
    assert post_filters(MENTORING) == (
        SearchFilter("lesson", "Ask early"),
        SearchFilter("lesson", "Follow up"),
        SearchFilter("lesson", "Rest"),
        SearchFilter("theme", "Networking"),
        SearchFilter("category", "Mentoring"),
    )


def test_a_post_without_lessons_is_filtered_by_its_kind_alone():
    post = SimpleNamespace(category="Mentoring", lessons=())
    assert post_filters(post) == (SearchFilter("category", "Mentoring"),)


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
