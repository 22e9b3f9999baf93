"""fastbuild reads a date written the usual way as Pelican's dateutil
parser does, and leaves every other form to it."""

from __future__ import annotations

import random

import pytest
from pelican.utils import get_date as pelicans

from fastbuild import dates


def outcome(get_date, text: str):
    try:
        value = get_date(text)
    except ValueError as error:
        return ("error", str(error))
    return (type(value), value, value.tzinfo, repr(value))


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-04",
        "2026-03-04 09:30",
        "2026-03-04 09:30:15",
        "2026-03-04T09:30",
        "2026-12-31 23:59:59",
        "2024-02-29",
        "2025-02-29",
        "2026-13-01",
        "2026-04-31 10:00",
        "2026-03-04 24:00",
        "2026-03-04 09:60",
        "0999-01-01",
        "2026-03-04 09:30+02:00",
        "2026-03-04 09:30 UTC",
        "2026/03/04",
        "4 March 2026",
        "2026-3-4",
        "2026-03-04  09:30",
        "\u0662\u0660\u0662\u0666-\u0660\u0663-\u0660\u0664",  # Arabic-Indic digits
        "２０２６-０３-０４",  # full-width digits
        "",
        "soon",
    ],
)
def test_a_date_reads_as_pelican_reads_it(text):
    assert outcome(dates.get_date, text) == outcome(pelicans, text)


def test_many_dates_read_as_pelican_reads_them():
    rng = random.Random(21)
    for _ in range(400):
        year, month, day = (
            rng.randint(1000, 2999),
            rng.randint(0, 13),
            rng.randint(0, 32),
        )
        text = f"{year}-{month:02d}-{day:02d}"
        if rng.random() < 0.7:
            text += (
                f"{rng.choice(' T')}{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}"
            )
            if rng.random() < 0.5:
                text += f":{rng.randint(0, 61):02d}"
        assert outcome(dates.get_date, text) == outcome(pelicans, text), text


def test_the_usual_forms_skip_pelicans_parser(monkeypatch):
    monkeypatch.setattr(dates, "_pelicans", lambda text: pytest.fail(text))
    for text in ("2026-03-04", "2026-03-04 09:30", "2026-03-04T09:30:15"):
        dates.get_date(text)
