"""`reflect new`: start a reflection from a template of good prompts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitekit.diagnostics import display_path
from sitekit.settings import slugifier

from .content import existing_slugs
from .file_names import fitting_slug
from .file_replacing import create_file
from .post_editing import metadata_value
from .site import Site

TEMPLATE = """\
Title: {title}
Slug: {slug}
Date: {date} 09:00
Category: {category}
Tags:
Summary: One or two sentences: who you talked to and what you took away.
Who: Their first name, and what they do
Role: Their role and level
Met: How you connected (a cold message, an introduction, an event)
Format: How long, and how (a video call, a coffee, a mock panel)
Question: What would you ask your readers about this?

> [!private]
> Write it soon, while the conversation is fresh. Replace each prompt with
> your own words and delete the ones you do not need. Private notes like this
> one never appear anywhere on the site.

## Who I talked to, and how we connected

Who are they, and why did you want to talk to them? How did you reach them?

## What I prepared

What did you read about them first? Which questions did you bring?

## Their story

What did they tell you about how they got where they are?

## What surprised me

What did you not expect to hear?

> [!lesson] Write the lesson as a short statement, like "Aim two levels up"
> What happened in this conversation that taught it.

## What I will do next

Who will you follow up with, and by when? Who should you talk to next?
"""


class FileExists(Exception):
    pass


class SlugTaken(Exception):
    """Another post already has the slug: two posts would share one URL."""


def write_new_post(site: Site, title: str, when: date, category: str) -> Path:
    """Write the template for a new post into the first of ARTICLE_PATHS.

    Refuses to replace a file, and refuses a slug another post has: with a
    new date the file name would differ, but the URL and the comments folder
    (both made from the slug) would not.
    """
    title = metadata_value(title, "title")
    category = metadata_value(category, "category")
    slug = fitting_slug(slugifier(site.settings)(title))
    if not slug:
        raise ValueError(
            f"the title {title!r} has no letters or digits to make a file name"
        )
    owner = existing_slugs(site).get(slug)
    if owner is not None:
        raise SlugTaken(
            f"the slug {slug!r} is taken by {display_path(str(owner))}; "
            "choose another title"
        )
    path = site.posts / f"{when:%Y-%m-%d}-{slug}.md"
    text = TEMPLATE.format(
        title=title, slug=slug, date=f"{when:%Y-%m-%d}", category=category
    )
    try:
        create_file(path, text)
    except FileExistsError:
        raise FileExists(
            f"{display_path(str(path))} already exists; it was left as it is"
        ) from None
    return path
