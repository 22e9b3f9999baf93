"""The story bank: every story the reflections tell, by theme and lesson.

Interview coaches ask for a bank of stories, each tagged by what it shows,
so that a question about a skill finds a story ready to tell. The stories
page lists every story once, with its four parts, and before that an index
of them by theme and lesson; a lesson's page lists its stories
(``LessonRecord.stories``). Plain data from the assembled index: no Pelican
imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import LessonRecord, ReflectionIndex, StoryUse
from .charts import plural


@dataclass(frozen=True, slots=True)
class StoryLesson:
    """A lesson and the stories that show it, newest first."""

    lesson: LessonRecord
    stories: tuple[StoryUse, ...]


@dataclass(frozen=True, slots=True)
class StoryTheme:
    name: str
    lessons: tuple[StoryLesson, ...]


@dataclass(frozen=True, slots=True)
class StoryBank:
    stories: tuple[StoryUse, ...]  # every story, newest conversation first
    themes: tuple[StoryTheme, ...]  # in the reflection index's order

    @property
    def summary(self) -> str:
        if not self.stories:
            return "No stories yet."
        conversations = len({use.post.key for use in self.stories})
        lessons = sum(len(theme.lessons) for theme in self.themes)
        return (
            f"{plural(len(self.stories), 'story', 'stories')} "
            f"from {plural(conversations, 'conversation')}, showing "
            f"{plural(lessons, 'lesson')}."
        )


def story_bank(index: ReflectionIndex) -> StoryBank:
    stories = tuple(
        StoryUse(post, story) for post in index.posts for story in post.stories
    )
    themes = []
    for theme in index.themes:
        lessons = tuple(
            StoryLesson(lesson, lesson.stories)
            for lesson in theme.lessons
            if lesson.stories
        )
        if lessons:
            themes.append(StoryTheme(theme.name, lessons))
    return StoryBank(stories, tuple(themes))
