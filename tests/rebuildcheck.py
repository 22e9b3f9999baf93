"""Does a rebuild from a build's caches equal a cold build, after an edit?

``SmallSite`` writes a small site of its own (four posts, a translation, a
page, comments, an image, a lesson vocabulary, a settings file that imports
a module of its own, a copy of the theme) and builds it with ``pelican`` in
a fresh process, the way ``make html`` does, with the content cache on.
``rebuild_and_cold_build`` applies nothing itself: a test edits the site,
then asks for a rebuild in the same cache folder and a cold build (a fresh
output and cache folder) and gets the files that differ, compared as
``outputs.differences`` compares (Pagefind's filter and meta files by what
they hold).

Pelican's cache names its sources by their absolute paths, so a site built
once is kept aside (``keep``) and put back at the same place (``restore``)
for each edit: one first build serves every case.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from outputs import differences
from sitebuild import ROOT, pelican_with_cache


def square(colour: str) -> bytes:
    """A small PNG of one colour, made here so the site needs no image
    files of its own."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


VOCABULARY = """\
ask-for-the-numbers:
  title: Ask for the numbers
  theme: Preparation
  aliases:
    - Bring numbers
  description: |
    A figure makes a story believable.

write-it-down-the-same-day:
  title: Write it down the same day
  theme: Mindset
  description: |
    Notes taken that evening keep what a week loses.

follow-the-work-nobody-owns:
  title: Follow the work nobody owns
  theme: Career moves
  description: |
    The work without an owner is where a role grows.
"""

POSTS = {
    "2026-02-01-a-call-with-a-buyer.md": """\
Title: A call with a buyer
Slug: a-call-with-a-buyer
Date: 2026-02-01 09:00
Category: Informational interviews
Tags: buying, questions
Summary: A buyer told me how she reads a supplier's numbers.
Who: Ines, a buyer
Lessons: Ask for the numbers
Question: Which figure would you bring to your next review?
Follow-up: 2026-12-20 Send Ines the supplier summary

Ines buys packaging for a food maker. She reads a supplier's numbers first.

![A red square](/images/square.png)

> [!lesson] Ask for the numbers
> She trusted the supplier who brought last year's defect rate.
""",
    "2026-03-05-lunch-with-a-planner.md": """\
Title: Lunch with a planner
Slug: lunch-with-a-planner
Date: 2026-03-05 12:30
Category: Mentoring
Tags: planning
Summary: A planner on the work nobody owned after a reorganisation.
Who: Tariq, a demand planner
Lessons: Follow the work nobody owns

Tariq picked up the forecasts nobody owned after the reorganisation.

> [!lesson] Follow the work nobody owns
> Nobody asked him to; a year later the work was his.

> [!lesson] Write it down the same day
> I wrote this page on the train home.
""",
    "2026-04-10-a-walk-with-a-former-manager.md": """\
Title: A walk with a former manager
Slug: a-walk-with-a-former-manager
Date: 2026-04-10 17:15
Category: Mentoring
Tags: questions, planning
Summary: My old manager on writing things down.
Who: Bea, my former manager

Bea keeps a notebook for every conversation.

> [!lesson] Write it down the same day
> She writes three lines before she leaves the building.
""",
    "2026-05-20-coffee-with-an-analyst.md": """\
Title: Coffee with an analyst
Slug: coffee-with-an-analyst
Date: 2026-05-20 08:00
Category: Informational interviews
Tags: buying
Summary: An analyst on the numbers a buyer asks for.
Who: Oskar, an analyst

Oskar builds the reports buyers read.

> [!lesson] Bring numbers
> He keeps one slide of figures for every meeting.
""",
    "2026-02-01-a-call-with-a-buyer-fr.md": """\
Title: Un appel avec une acheteuse
Slug: a-call-with-a-buyer
Lang: fr
Date: 2026-02-01 09:00
Category: Informational interviews
Tags: buying
Summary: Une acheteuse lit d'abord les chiffres.
Who: Ines, une acheteuse

Ines lit d'abord les chiffres d'un fournisseur.
""",
}

PAGE = """\
Title: About
Slug: about

I write a page after every career conversation.
"""

COMMENTS = {
    "a-call-with-a-buyer/2026-02-02-ola.md": """\
Author: Ola
Date: 2026-02-02 10:00

Asking for last year's figures is a good habit.
""",
    "a-call-with-a-buyer/2026-02-03-ines.md": """\
Author: Ines
Date: 2026-02-03 21:45
Reply-To: 2026-02-02-ola

It saved me twice last year.
""",
}

HELPER = """\
SUBTITLE = "Notes after each career conversation"
"""


class SmallSite:
    """A small site in ``root`` that a test may edit and build."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.theme = root / "theme"
        self.helper = root / "sitewords.py"
        self.env: dict[str, str] = {}
        self.said: dict[str, list[str]] = {}
        self.status: dict[str, int] = {}

    def write(self) -> SmallSite:
        posts = self.content / "posts"
        posts.mkdir(parents=True)
        for name, text in POSTS.items():
            (posts / name).write_text(text, encoding="utf-8")
        (self.content / "pages").mkdir()
        (self.content / "pages" / "about.md").write_text(PAGE, encoding="utf-8")
        for name, text in COMMENTS.items():
            path = self.content / "comments" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (self.content / "images").mkdir()
        (self.content / "images" / "square.png").write_bytes(square("red"))
        # Code writes [private] as a selector: no marker in a stylesheet.
        (self.content / "images" / "plan.css").write_text(
            ".plan[private] { color: grey; }\n", encoding="utf-8"
        )
        (self.content / "lessons.yml").write_text(VOCABULARY, encoding="utf-8")
        shutil.copytree(
            ROOT / "theme", self.theme, ignore=shutil.ignore_patterns("__pycache__")
        )
        self.helper.write_text(HELPER, encoding="utf-8")
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy2(ROOT / name, self.root / name)
        for conf, base, plugins in (
            ("local.py", "pelicanconf", "PLUGINS"),
            ("publish.py", "publishconf", "[p for p in PLUGINS if p != 'fastbuild']"),
        ):
            (self.root / conf).write_text(
                "import sys\n"
                f"sys.path.insert(0, {str(self.root)!r})\n"
                f"from {base} import *\n"
                "import sitewords\n"
                "SITESUBTITLE = sitewords.SUBTITLE\n"
                f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                f"THEME = {str(self.theme)!r}\n"
                f"PLUGINS = {plugins}\n"
                "FASTBUILD_WORKERS = 2\n"
                "FASTBUILD_MIN_POSTS = 1\n",
                encoding="utf-8",
            )
        return self

    def build(self, name: str, conf: str, cache: str, check: bool = True) -> Path:
        """Build into ``name`` with the settings file ``conf`` and the cache
        folder ``cache``; ``check``: the build must succeed. What it said
        (its warnings and errors) and its exit status are kept in ``said``
        and ``status``."""
        output = self.root / name
        result = pelican_with_cache(
            self.content,
            output,
            self.root / conf,
            self.root / cache,
            cwd=self.root,
            env={"TZ": "UTC", **self.env},
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        self.said[name] = said(result.stdout + result.stderr)
        self.status[name] = result.returncode
        return output

    def rebuild_and_cold_build(self, conf: str) -> list[str]:
        """How a rebuild (this site's ``cache``, left by its first build)
        differs from a cold build of the site as it is now: the files that
        differ, then the exit status and each warning or error only one of
        them gave. Empty when they are the same."""
        rebuilt = self.build("rebuilt", conf, "cache", check=False)
        cold = self.build("cold", conf, "cold-cache", check=False)
        found = []
        if self.status["rebuilt"] or self.status["cold"]:
            if self.status["rebuilt"] != self.status["cold"]:
                found.append(
                    f"exit status {self.status['rebuilt']} rebuilt, "
                    f"{self.status['cold']} cold"
                )
        else:
            found += differences(cold, rebuilt)
        rebuilt_said, cold_said = set(self.said["rebuilt"]), set(self.said["cold"])
        found += [f"rebuild said: {line}" for line in sorted(rebuilt_said - cold_said)]
        found += [
            f"cold build said: {line}" for line in sorted(cold_said - rebuilt_said)
        ]
        return found


_LOG_LINE = re.compile(
    r"^(?:\[[\d:]+\])?\s*(WARNING|ERROR|CRITICAL)\s+(.*?)\s+\S+\.py:\d+\s*$"
)


def said(log: str) -> list[str]:
    """The warnings and errors a build's log holds, one line each, without
    their time and the logging module's place."""
    return sorted(
        f"{found[1]} {found[2]}"
        for line in log.splitlines()
        if (found := _LOG_LINE.match(line))
    )


def first_built(folder: Path, conf: str) -> Path:
    """A small site built once with ``conf`` (its cache in ``cache``), kept
    aside in ``folder``/kept; ``restore`` puts it back."""
    site = SmallSite(folder / "site").write()
    site.build("first", conf, "cache")
    shutil.copytree(site.root, folder / "kept", symlinks=True)
    return folder


def restore(folder: Path) -> SmallSite:
    """The site as its first build left it, byte for byte and with its
    files' times, at the place it was built."""
    root = folder / "site"
    shutil.rmtree(root)
    shutil.copytree(folder / "kept", root, symlinks=True)
    return SmallSite(root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def move(path: Path, to: Path) -> None:
    to.parent.mkdir(parents=True, exist_ok=True)
    path.replace(to)
