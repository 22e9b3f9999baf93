"""The process the tests' builds are forked from (``sitebuild.run_pelican``).

A sample-site build in a fresh process spends about half its time starting
Python and importing Pelican and the libraries it uses, and the suite runs
hundreds of them. ``make serve`` saves that with tools/warm_pelican.py: a
builder that has imported the libraries (never the project's own modules)
forks one process per build. This script is that builder, but each build
then runs as the ``pelican`` command does (Pelican's own ``main``, its own
log format, a normal exit), not as ``tools/build.py`` runs it, so a test
sees what a user running ``pelican`` sees.
"""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))
from warm_pelican import serve_builds  # noqa: E402  (tools/warm_pelican.py)

if __name__ == "__main__":
    arguments = serve_builds(int(sys.argv[1]), int(sys.argv[2]))
    # Only the ``pelican`` script's own folder and PYTHONPATH, as in its process.
    sys.path[:2] = [str(Path(sys.executable).parent)]
    from pelican.__main__ import main

    sys.argv = ["pelican", *arguments]
    sys.exit(main())
