"""Pelican's public API outside plugins/fastbuild/, truly.

Every private name Pelican's own code defines (``Content._content``,
``MarkdownReader._source_path``, ``Writer._written_files``, any ``_name`` set
on an object, defined as a method or function, or a private module such as
``pelican.plugins._utils``) is looked for in plugins/ and reflect/. Pelican's
own code is the files of the ``pelican`` distribution, not the plugins
installed into its namespace beside it. Only the optional fastbuild plugin
may use one, and each use there names the Pelican version it was written
for, the version its guard accepts.
"""

from __future__ import annotations

import ast
import re
from importlib import metadata
from pathlib import Path

from sitebuild import ROOT

from fastbuild.compat import TESTED_PELICAN

FASTBUILD = ROOT / "plugins" / "fastbuild"


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def pelican_private_names() -> set[str]:
    """Names Pelican keeps to itself: attributes it sets, functions, classes,
    module and class attributes, and modules, beginning with one underscore."""
    names: set[str] = set()
    for file in metadata.files("pelican"):  # Pelican's own, not its plugins'
        relative = Path(file)
        if relative.suffix != ".py" or "tests" in relative.parts:
            continue
        names.update(part.removesuffix(".py") for part in relative.parts)
        tree = ast.parse(Path(file.locate()).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
        scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]
        for scope in scopes:
            for statement in scope.body:
                targets = (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else []
                )
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return {name for name in names if private(name)}


def uses(path: Path, privates: set[str]) -> list[tuple[int, str]]:
    """(line, name) of each Pelican private name a file reads, sets or imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in privates:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "pelican"
        ):
            modules = [part for part in node.module.split(".") if private(part)]
            imported = [a.name for a in node.names if private(a.name)]
            found += [(node.lineno, name) for name in modules + imported]
    return found


def our_files(*folders: Path) -> list[Path]:
    return [path for folder in folders for path in sorted(folder.rglob("*.py"))]


def test_pelicans_private_names_are_found():
    privates = pelican_private_names()
    assert {"_content", "_source_path", "_written_files", "_utils"} <= privates


def test_no_private_pelican_name_outside_fastbuild():
    privates = pelican_private_names()
    outside = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in our_files(ROOT / "plugins", ROOT / "reflect")
        if FASTBUILD not in path.parents
        for line, name in uses(path, privates)
    ]
    assert outside == []


def test_each_private_use_in_fastbuild_names_the_pelican_version():
    """The use, or the comment in the five lines above it, says which Pelican
    it was written for; that Pelican is the one fastbuild's guard accepts."""
    privates = pelican_private_names()
    versions = "|".join(re.escape(v.rsplit(".", 1)[0]) for v in TESTED_PELICAN)
    named = re.compile(rf"Pelican ({versions})\b")
    found = []
    for path in our_files(FASTBUILD):
        lines = path.read_text("utf-8").splitlines()
        for line, name in uses(path, privates):
            context = "\n".join(lines[max(0, line - 6) : line])
            if not named.search(context):
                found.append(f"{path.name}:{line}: {name}")
    assert found == []
