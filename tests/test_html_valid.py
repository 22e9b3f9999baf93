"""Every page of the build is valid HTML, by the Nu Html Checker (vnu.jar).

The checker's verdict is its exit status (0: valid, 1: errors found) and its
JSON report; they must agree, and anything else (a checker that did not
run, a report that is not JSON) fails the test rather than passing it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sitebuild import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker() -> list[str]:
    if not VNU.exists() or shutil.which("java") is None:
        pytest.fail(
            "the HTML check needs Java and vnu.jar; run tests/tools/ensure-test-tools "
            "(make test does)",
            pytrace=False,
        )
    return ["java", "-jar", str(VNU)]


def validate(files: list[Path], command: list[str] | None = None) -> list[str]:
    """The errors the checker finds in ``files``, one line each."""
    missing = [str(path) for path in files if not path.is_file()]
    assert not missing, missing  # the checker passes a file it cannot read
    result = subprocess.run(
        [
            *(command or checker()),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    said = f"exit status {result.returncode}: {result.stderr[-2000:]!r}"
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError, TypeError):
        pytest.fail(f"the Nu checker gave no report ({said})", pytrace=False)
    if result.returncode not in (0, 1) or (result.returncode == 1) != bool(messages):
        pytest.fail(f"the Nu checker's status and report disagree ({said})")
    return [
        f"{message.get('url', '').rsplit('/output/', 1)[-1]}:"
        f"{message.get('lastLine')}: {message.get('type')}: {message['message']}"
        for message in messages
    ]


@pytest.mark.parametrize("build", ["site", "published_site"])
def test_every_page_is_valid_html(build, request):
    output = request.getfixturevalue(build)
    files = sorted(output.rglob("*.html"))
    assert len(files) > 30
    assert validate(files) == []


def test_the_checker_finds_the_errors_of_a_broken_page(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><title>x</title><p><div></span>", encoding="utf-8")
    errors = validate([page])
    assert errors and all(": error: " in error for error in errors)


@pytest.mark.parametrize(
    "command",
    [
        ["sh", "-c", "exit 3"],
        ["sh", "-c", "echo 'not json' >&2; exit 0"],
        ["sh", "-c", """echo '{"messages": []}' >&2; exit 1"""],
    ],
    ids=["a checker that fails", "a report that is not JSON", "status 1, no errors"],
)
def test_a_checker_that_did_not_check_fails_the_test(tmp_path, command):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><title>x</title>", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="Nu checker"):
        validate([page], [*command, "--"])
