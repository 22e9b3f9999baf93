"""A build a test starts as a process runs this checkout's plugins, so a
change tested in a git worktree (which shares the main checkout's .venv and
its editable install) is the change the build runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def test_a_process_a_test_starts_imports_this_checkout_s_plugins():
    found = subprocess.run(
        [sys.executable, "-c", "import sitekit, reflections; print(sitekit.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ),
        cwd="/",
    ).stdout.strip()
    assert found == str(CHECKOUT / "plugins" / "sitekit" / "__init__.py")
