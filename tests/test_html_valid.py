"""Every page of the build is valid HTML, by the Nu Html Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sitebuild import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(files: list[Path]) -> list[str]:
    if not VNU.exists() or shutil.which("java") is None:
        pytest.fail(
            "the HTML check needs Java and vnu.jar; run tests/tools/ensure-test-tools "
            "(make test does)",
            pytrace=False,
        )
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{message['url'].rsplit('/output/', 1)[-1]}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
    ]


@pytest.mark.parametrize("build", ["site", "published_site"])
def test_every_page_is_valid_html(build, request):
    output = request.getfixturevalue(build)
    files = sorted(output.rglob("*.html"))
    assert len(files) > 30
    assert validate(files) == []
