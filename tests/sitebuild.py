"""Build the site the way a user does, into a temporary folder.

``build_site`` goes through Pelican's own API: ``read_settings`` on the
project's settings file with overrides, then ``Pelican(settings).run()``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PELICAN = Path(sys.executable).parent / "pelican"


def build_site(
    output: Path,
    conf: str = "pelicanconf.py",
    content: Path = CONTENT,
    **overrides,
) -> Path:
    """Build ``content`` with the settings in ``conf`` into ``output``."""
    settings = read_settings(
        str(ROOT / conf),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
            "LOAD_CONTENT_CACHE": False,
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


def copy_content(destination: Path) -> Path:
    """A private copy of the sample content that a test may break."""
    shutil.copytree(CONTENT, destination)
    return destination


def run_pelican(
    content: Path, output: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the ``pelican`` command as ``make html`` does; ``env`` adds variables."""
    return subprocess.run(
        [
            str(PELICAN),
            str(content),
            "-o",
            str(output),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "--fatal",
            "errors",
            "--ignore-cache",
            "--cache-path",
            str(output.parent / "cache"),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", **(env or {})},
    )


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
