"""Posts in many languages and scripts, and what a multilingual writer sees:
translations (``Lang:``, one slug), right-to-left titles and bodies, and
preview images of scripts that need shaping."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from sitebuild import copy_content, passing_build, read

SITEURL = "https://reflections.example.org"  # publishconf.py's

FRENCH = """\
Title: Deux niveaux plus haut
Slug: two-levels-up
Lang: fr
Date: 2025-09-14 09:30
Category: Informational interviews
Lessons: Learn adjacent functions

J'ai écrit à un directeur.
"""

BRAZILIAN = """\
Title: Dois níveis acima
Slug: two-levels-up
Lang: pt-BR
Date: 2025-09-14 09:30
Category: Informational interviews
Lessons: Learn adjacent functions

Escrevi a um diretor.
"""

ARABIC = """\
Title: محادثة مع مديرة المنتج
Slug: arabic-chat
Lang: ar
Date: 2026-02-01 10:00
Category: Mentoring
Summary: تحدثت مع مديرة منتج عن التغيير.
Lessons: Learn adjacent functions

تحدثت مع مديرة منتج عن التغيير المهني.
"""

HEBREW_TITLE = """\
Title: שיחה עם מנהלת?
Slug: hebrew-title
Date: 2026-02-02 10:00
Category: Mentoring
Lessons: Learn adjacent functions

An English post with a Hebrew title.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample site with a post translated into French and Brazilian
    Portuguese, a post in Arabic and an English post with a Hebrew title,
    built as ``make publish`` builds it; what the build said is kept beside."""
    folder = tmp_path_factory.mktemp("i18n")
    content = copy_content(folder / "content")
    posts = content / "posts"
    for name, text in {
        "2025-09-14-two-levels-up-fr.md": FRENCH,
        "2025-09-14-two-levels-up-pt-br.md": BRAZILIAN,
        "2026-02-01-arabic-chat.md": ARABIC,
        "2026-02-02-hebrew-title.md": HEBREW_TITLE,
    }.items():
        (posts / name).write_text(text, encoding="utf-8")
    output = folder / "output"
    said = passing_build(content, output, conf="publishconf.py")
    (folder / "said.txt").write_text(said, encoding="utf-8")
    return output


def build_said(site: Path) -> str:
    return read(site.parent / "said.txt")


def html_of(site: Path, path: str):
    return lxml.html.fromstring(read(site / path))


def og_image(site: Path, path: str) -> Path:
    """The file the page's ``og:image`` names."""
    (image,) = html_of(site, path).cssselect('meta[property="og:image"]')
    return site / image.get("content").removeprefix(SITEURL + "/")


# --- Translations --------------------------------------------------------------


def test_a_post_and_its_translations_each_get_a_preview_image_of_their_own(site):
    # SOCIAL_IMAGE_SAVE_AS ("{date:%Y}/{slug}/preview.png") named one file
    # for a post and its translations (one slug): the build warned
    # shared-image-file for every translation, as if the writer had set a
    # wrong path, and all three pages shared the last one's image.
    pages = ("2025/two-levels-up/index.html", "two-levels-up-fr.html")
    pages += ("two-levels-up-pt-BR.html",)
    images = [og_image(site, page) for page in pages]
    assert len(set(images)) == 3, images
    for image in images:
        assert image.is_file()
    assert "[shared-image-file]" not in build_said(site)
