"""The GitHub Pages workflow in docs/deploy/, run as the workflow runs it.

The test reads the workflow's build job, runs each of its `run:` commands
(the exact text, with the `${{ ... }}` values the runner would put in the
step's environment) in a clean clone of this repository, and checks what the
upload step would publish, and that a second run after editing one post is
warm: the restored cache folder is the one the build fills, and only the
edited post's preview image is drawn again.

The clone uses this checkout's .venv, dated so that `make` sees it as up to
date (on the runner, `make` makes its own .venv: the first step of `make
publish`). Only committed files are in the clone.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT, read

WORKFLOW = ROOT / "docs" / "deploy" / "github-pages.yml"
SITE_URL = "https://priya.github.io/reflections"
EXPRESSIONS = {"steps.pages.outputs.base_url": SITE_URL}


def workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict]:
    return workflow()["jobs"]["build"]["steps"]


def step_using(action: str) -> dict:
    return next(step for step in steps() if step.get("uses", "").startswith(action))


def expand(value: str) -> str:
    def known(match: re.Match) -> str:
        return EXPRESSIONS[match.group(1).strip()]

    return re.sub(r"\$\{\{([^}]*)\}\}", known, str(value))


def run_steps(clone: Path) -> str:
    log = []
    for step in steps():
        if "run" not in step:
            continue
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(clone),
            **{name: expand(value) for name, value in step.get("env", {}).items()},
        }
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        log.append(done.stdout + done.stderr)
    return "\n".join(log)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("deploy") / "site"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    for name in ("requirements.txt", "pyproject.toml"):
        os.utime(folder / name, (0, 0))
    run_steps(folder)
    return folder


def test_the_workflow_is_off_until_copied_into_github_workflows():
    assert not (ROOT / ".github" / "workflows").exists()
    assert workflow()["on"]["push"]["branches"] == ["main"]
    assert "deploy-pages" in workflow()["jobs"]["deploy"]["steps"][0]["uses"]


def test_the_cache_step_restores_the_folder_the_build_caches_in():
    cache = step_using("actions/cache")["with"]
    assert cache["path"] == "cache"  # CACHE_PATH in pelicanconf.py
    key = cache["key"]
    for covered in ("requirements.txt", "plugins/**", "theme/**", "content/**"):
        assert covered in key, covered
    assert "python-version" in key and "runner.os" in key
    (fallback,) = cache["restore-keys"].strip().splitlines()
    assert key.startswith(fallback.rstrip("-")) and "content/**" not in fallback


def test_the_artefact_is_the_published_site_at_the_pages_address(clone):
    upload = step_using("actions/upload-pages-artifact")["with"]
    site = clone / upload["path"]
    home = read(site / "index.html")
    assert f'href="{SITE_URL}/2026/analyst-to-data-engineer/"' in home
    assert f"<loc>{SITE_URL}/</loc>" in read(site / "sitemap.xml")
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "404.html").is_file()
    assert not (site / "drafts").exists()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in read(site / "robots.txt")


def test_a_push_that_changes_one_post_is_a_warm_build(clone):
    images = clone / "cache" / "social-images"
    before = set(images.iterdir())
    assert before and (clone / "cache" / "ArticlesGenerator-Readers").exists()
    post = clone / "content" / "posts" / "2025-10-05-peer-product-manager.md"
    post.write_text(
        read(post).replace("Title: ", "Title: Revisited: ", 1), encoding="utf-8"
    )
    run_steps(clone)
    after = set(images.iterdir())
    assert len(after - before) == 1  # only the edited post's card is drawn
    assert len(before - after) == 1  # and its old card let go; the rest kept
    assert "Revisited" in read(
        clone / "output" / "2025/peer-product-manager/index.html"
    )
