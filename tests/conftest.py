from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import launch_chromium, serve
from hypothesis import settings
from pelican.log import LimitFilter
from playwright.sync_api import sync_playwright
from sitebuild import build_site

#: The writer's site for `reflect` tests, its ``blog`` and ``empty_blog``
#: fixtures shared by every test file (tests/deskblog.py).
pytest_plugins = ["deskblog"]

# No property test is timed against the wall clock: on a shared machine a
# slow example says how busy the machine is, not that the code is wrong
# (tests/test_hypothesis_profile.py). A test's own @settings still applies.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

#: This checkout: the builds the tests start as processes import its
#: plugins, not those of the checkout the venv's editable install names (a
#: git worktree shares the main checkout's .venv, whose finder points there).
CHECKOUT = Path(__file__).resolve().parent.parent
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(
        None, [str(CHECKOUT / "plugins"), str(CHECKOUT), os.environ.get("PYTHONPATH")]
    )
)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The sample site, built once with pelicanconf.py as `make html` does."""
    return build_site(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The sample site built as `make publish SITEURL=https://example.org/blog`."""
    return build_site(
        tmp_path_factory.mktemp("published") / "output",
        conf="publishconf.py",
        SITEURL="https://example.org/blog",
    )


@pytest.fixture(scope="session")
def base_url(site):
    """The sample site, served on 127.0.0.1 for the browser tests."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def form_site_url(tmp_path_factory):
    """The sample site built with a reply form instead of the email link,
    served on 127.0.0.1."""
    site = build_site(
        tmp_path_factory.mktemp("form") / "output",
        COMMENTS_FORM_ACTION="https://comments.example.org/new",
    )
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright, shared by every browser test."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, base_url):
    """Open a path of the sample site in a fresh browser context (``options``
    are Playwright's: a viewport, a colour scheme); close every one it
    opened."""
    contexts = []

    def opener(path: str = "", **options):
        context = chromium.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base_url}/{path}")
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def every_message_logged(monkeypatch):
    """Pelican logs a message only once per process (its LimitFilter): a
    test that builds a site and reads the build's log must see each of its
    messages, whatever an earlier build in the same process said."""
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
