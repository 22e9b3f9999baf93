"""Take the README's screenshots: `.venv/bin/python docs/screenshots.py`.

Builds the sample site into a temporary folder, serves it on 127.0.0.1 and
captures the home page, the top of an article, its comments and the
reflection index with Debian's Chromium, as the browser tests do, and keeps
the article's social preview image.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import launch_chromium, serve  # noqa: E402
from sitebuild import build_site  # noqa: E402

SHOTS = {
    "home.png": "",
    "article.png": "2025/two-levels-up/",
    "comments.png": "2025/two-levels-up/#comments",
    "reflection-index.png": "reflections/",
}
PREVIEW = "2025/two-levels-up/preview.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = build_site(Path(folder) / "output")
        with serve(site) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 820, "height": 1100})
            for name, path in SHOTS.items():
                page.goto(f"{base_url}/{path}")
                page.screenshot(path=str(HERE / name))
            browser.close()
        shutil.copyfile(site / PREVIEW, HERE / "social-preview.png")


if __name__ == "__main__":
    main()
