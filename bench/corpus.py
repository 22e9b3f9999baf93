"""Generate a corpus of reflections for the benchmark.

``python bench/corpus.py OUT --posts 1000`` writes OUT/posts/*.md, OUT/lessons.yml
and OUT/comments/: about 600 words of varied Markdown per post (headings,
lists, links, emphasis, a code block in one post of three), three lesson
callouts and a ``Lessons:`` line, two tags, a category, and comments on one
post in five. The output depends only on the arguments (fixed seed).
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

WORDS = (
    "career conversation manager director analyst team project budget forecast "
    "interview question answer story number result promotion mentor feedback "
    "skill function process planning operations product strategy customer data "
    "report meeting review decision priority risk network introduction follow "
    "learn listen prepare practice improve change move role level experience "
    "week month quarter year goal plan note advice lesson example moment "
    "honest quiet clear useful careful specific small large early late "
    "asked told explained noticed wondered decided offered shared wrote sent"
).split()
THEMES = ("Preparation", "Mindset", "Networking", "Interviewing", "Career moves")
CATEGORIES = (
    "Informational interviews",
    "Mock interviews",
    "Mentoring",
    "Hiring managers",
    "Career changers",
    "Peer conversations",
)
TAGS = [f"topic-{number:02d}" for number in range(30)]
LESSON_COUNT = 40


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.3:
        position = rng.randrange(len(words))
        words[position] = f"*{words[position]}*"
    if rng.random() < 0.15:
        position = rng.randrange(len(words))
        words[position] = f"[{words[position]}](https://example.org/{words[position]})"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def lesson_title(number: int) -> str:
    rng = random.Random(number)
    return f"Lesson {number:02d} " + " ".join(rng.choice(WORDS) for _ in range(3))


def vocabulary() -> str:
    lines = ["# Generated vocabulary for the benchmark corpus."]
    for number in range(LESSON_COUNT):
        lines += [
            f"lesson-{number:02d}:",
            f"  title: {lesson_title(number)}",
            f"  theme: {THEMES[number % len(THEMES)]}",
            f"  aliases: [Alias {number:02d}]",
            "  description: |",
            f"    What lesson {number:02d} means in *practice*, in one sentence.",
        ]
    return "\n".join(lines) + "\n"


def post(rng: random.Random, number: int, date: datetime) -> str:
    lessons = rng.sample(range(LESSON_COUNT), 3)
    tags = rng.sample(TAGS, 2)
    mentioned = "; ".join(lesson_title(lesson) for lesson in lessons[:2])
    parts = [
        f"Title: Reflection number {number}: {sentence(rng, 3, 6)[:-1]}",
        f"Slug: reflection-{number:05d}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(tags)}",
        f"Summary: {sentence(rng)}",
        f"Who: Person {number}, a {rng.choice(WORDS)} {rng.choice(WORDS)}",
        "Format: 30-minute call",
        f"Lessons: {mentioned}",
        f"Question: What would you {rng.choice(WORDS)} next?",
        "",
        paragraph(rng, 6),
        "",
        "## What I prepared",
        "",
        *[f"- {sentence(rng, 5, 10)}" for _ in range(4)],
        "",
        paragraph(rng, 4),
        "",
        f"> [!lesson] {lesson_title(lessons[0])}",
        f"> {paragraph(rng, 2)}",
        "",
        "## Their story",
        "",
        paragraph(rng, 6),
        "",
        paragraph(rng, 5),
        "",
        f"> [!lesson] {lesson_title(lessons[1])}",
        f"> {paragraph(rng, 2)}",
        "",
    ]
    if number % 3 == 0:
        parts += [
            "```python",
            "def follow_up(days):",
            "    return days <= 1",
            "```",
            "",
        ]
    parts += [
        "## What I will do next",
        "",
        *[f"1. {sentence(rng, 5, 10)}" for _ in range(3)],
        "",
        paragraph(rng, 5),
        "",
        f"> [!lesson] {lesson_title(lessons[2])}",
        f"> {paragraph(rng, 2)}",
        "",
        paragraph(rng, 5),
        "",
    ]
    return "\n".join(parts)


def comments(rng: random.Random, number: int, date: datetime) -> dict[str, str]:
    files: dict[str, str] = {}
    for position in range(rng.randint(1, 4)):
        written = date + timedelta(days=1 + position)
        name = f"{written:%Y-%m-%d}-reader{position}"
        lines = [f"Author: Reader {position}", f"Date: {written:%Y-%m-%d %H:%M}"]
        if position and rng.random() < 0.5:
            lines.append(f"Reply-To: {next(iter(files))}")
        files[name] = "\n".join(lines) + "\n\n" + paragraph(rng, 3) + "\n"
    return files


def generate(posts: int) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Each post's file name, its text and its comments (id -> text)."""
    rng = random.Random(2026)
    start = datetime(2026, 11, 1, 9, 0)
    for number in range(posts):
        date = start - timedelta(days=7 * number, minutes=number)
        name = f"{date:%Y-%m-%d}-reflection-{number:05d}.md"
        text = post(rng, number, date)
        said = comments(rng, number, date) if number % 5 == 0 else {}
        yield name, text, said


def write_corpus(destination: Path, posts: int) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    (destination / "posts").mkdir(parents=True)
    (destination / "lessons.yml").write_text(vocabulary(), encoding="utf-8")
    for name, text, said in generate(posts):
        (destination / "posts" / name).write_text(text, encoding="utf-8")
        if said:
            folder = destination / "comments" / name[11:-3]
            folder.mkdir(parents=True)
            for comment_id, comment in said.items():
                (folder / f"{comment_id}.md").write_text(comment, encoding="utf-8")
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path)
    parser.add_argument("--posts", type=int, default=1000)
    arguments = parser.parse_args()
    write_corpus(arguments.destination, arguments.posts)


if __name__ == "__main__":
    main()
