"""Refresh the preparation sheet in docs/preparation.md:
`.venv/bin/python docs/prep_example.py`.

The page shows a sheet made from the sample site, between the markers
``<!-- prep-example -->`` and ``<!-- /prep-example -->``. This runs the
first ``reflect prep`` command the page's `reflect prep` section shows, in
the project folder, and puts what it prints between them;
tests/test_reflect_prep.py runs the same command and fails when the page
shows anything else.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "preparation.md"
ROOT = PAGE.parent.parent
REFLECT = Path(sys.executable).parent / "reflect"
BLOCK = re.compile(
    r"(<!-- prep-example -->\n```markdown\n)(.*?)(```\n<!-- /prep-example -->)", re.S
)


def command(page: str) -> list[str]:
    """The page's first `reflect prep` command, as arguments after `reflect`."""
    line = re.search(r"^\.venv/bin/reflect (prep .*)$", page, re.M).group(1)
    return shlex.split(line)


def shown(page: str) -> str:
    """The sheet the page shows."""
    return BLOCK.search(page).group(2)


def sheet(page: str) -> str:
    """What the page's command prints on the sample site."""
    result = subprocess.run(
        [str(REFLECT), *command(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def main() -> None:
    page = PAGE.read_text(encoding="utf-8")
    made = sheet(page)
    PAGE.write_text(
        BLOCK.sub(lambda m: m.group(1) + made + m.group(3), page), encoding="utf-8"
    )
    ran = shlex.join(command(page))
    print(f"{PAGE.relative_to(ROOT)}: the sheet from `reflect {ran}`")


if __name__ == "__main__":
    main()
