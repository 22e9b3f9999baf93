"""Every date a page shows reads as the site's posts show theirs.

A site owner who sets ``DEFAULT_DATE_FORMAT`` (Pelican's setting for how
a post's date is written) expects it wherever a date is shown: a post's
own date, its comments and Webmentions, the series page, lesson pages,
stories, the archives and the desk. Each once kept a format of its own
("September 16, 2025") whatever the setting said.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
from sitebuild import build_site

#: A format no page would write by chance.
DATE_FORMAT = "%Y/%m/%d (%a)"


@pytest.fixture(
    scope="module",
    params=[
        {"DEFAULT_DATE_FORMAT": DATE_FORMAT},
        # Pelican's format for posts in a language, the site's own here.
        {"DATE_FORMATS": {"en": DATE_FORMAT}},
    ],
    ids=["DEFAULT_DATE_FORMAT", "DATE_FORMATS"],
)
def site(request, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("date-format") / "output"
    return build_site(output, **request.param)


def shown_dates(site: Path) -> list[tuple[str, str, str]]:
    """(page, datetime attribute, text) of every ``<time>`` of every page."""
    found = []
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        page = path.relative_to(site).as_posix()
        for time in lxml.html.fromstring(path.read_bytes()).iter("time"):
            found.append((page, time.get("datetime"), time.text_content().strip()))
    return found


def test_every_date_a_page_shows_is_in_the_sites_date_format(site):
    dates = shown_dates(site)
    kinds = Counter(page.split("/")[0] for page, _, _ in dates)
    assert len(kinds) >= 5, kinds  # posts, listings, lessons, series, desk...
    wrong = [
        (page, when, text)
        for page, when, text in dates
        if text != datetime.fromisoformat(when).strftime(DATE_FORMAT)
    ]
    assert wrong == []


def test_a_comment_shows_its_date_as_its_post_does(site):
    page = site / "2025" / "two-levels-up" / "index.html"
    comments = lxml.html.fromstring(page.read_bytes()).cssselect(".comments time")
    assert comments
    for time in comments:
        when = datetime.fromisoformat(time.get("datetime"))
        assert time.text_content() == when.strftime(DATE_FORMAT)
