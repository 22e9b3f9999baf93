"""Take the documentation's screenshots: `.venv/bin/python docs/screenshots.py`.

Writes them into docs/images/, where README.md and docs/*.md link to them.
Builds the sample site into a temporary folder, serves it on 127.0.0.1 and
captures, with Debian's Chromium as the browser tests do: the home page, the
top of an article and its comments, the reflection index on a wide screen
and on a phone, the search page with a lesson filter applied and the desk
(as of DESK_TODAY below, so that retaking it shows the same day); and keeps
the article's social preview image. Name some images (`screenshots.py
desk.png`) to retake only those.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import launch_chromium, serve  # noqa: E402
from sitebuild import build_site  # noqa: E402

# name: (path, width, height, what to wait for)
SHOTS = {
    "home.png": ("", 820, 1100, "h1"),
    "article.png": ("2025/two-levels-up/", 820, 1100, "h1"),
    "comments.png": ("2025/two-levels-up/#comments", 820, 1100, "#comments"),
    "reflection-index.png": ("reflections/", 1280, 1300, "#journey figure"),
    "reflection-index-375.png": ("reflections/", 375, 1400, "#journey figure"),
    "desk.png": ("desk/", 1000, 1300, "#follow-ups"),
    "desk-375.png": ("desk/", 375, 1400, "#follow-ups"),
    "search.png": (
        "search/?q=questions&lesson=Prepare+targeted+questions",
        1000,
        1000,
        "#search-results li",
    ),
}
PREVIEW = "2025/two-levels-up/preview.png"
#: The day the desk's screenshots count from.
DESK_TODAY = "2026-12-04"


def main(names: list[str]) -> None:
    wanted = {name: SHOTS[name] for name in names} if names else SHOTS
    with tempfile.TemporaryDirectory() as folder:
        site = build_site(Path(folder) / "output", DESK_TODAY=DESK_TODAY)
        with serve(site) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, (path, width, height, ready) in wanted.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{base_url}/{path}")
                page.locator(ready).first.wait_for()
                page.screenshot(path=str(IMAGES / name))
                page.close()
            browser.close()
        if not names:
            shutil.copyfile(site / PREVIEW, IMAGES / "social-preview.png")


if __name__ == "__main__":
    main(sys.argv[1:])
