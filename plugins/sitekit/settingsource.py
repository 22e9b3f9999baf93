"""Where a setting was written: the settings file and line that set it.

Pelican loads a settings file as a module (``pelicanconf``, and
``publishconf``, which imports it and sets a few more) and keeps only the
values. A problem with a setting's own value is the writer's to fix in that
file, so its message names the file and line, as a problem in a post does:
the last top-level assignment of the name, in the loaded settings module
whose value is the one the build uses, or in a module that one loaded and
copied it from (publishconf.py loads pelicanconf.py by its path, outside
``sys.modules``). A value given on the command line (``-e``) is in no file,
and gets no place.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any


def setting_source(name: str, value: Any) -> tuple[str | None, int | None]:
    """The settings file and line that set ``name`` to ``value``; (None,
    None) when no loaded settings file did. Called only to report a
    problem, so it may read files."""
    for module in reversed(list(sys.modules.values())):  # the latest loaded first
        for holder in (module, *loaded_by(module)):
            file = getattr(holder, "__file__", None)
            if not isinstance(file, str) or not file.endswith(".py"):
                continue
            if getattr(holder, name, None) != value:
                continue
            line = assignment_line(Path(file), name)
            if line is not None:
                return file, line
    return None, None


def loaded_by(module: ModuleType) -> Iterator[ModuleType]:
    """The modules ``module`` holds as its own globals."""
    with_globals = getattr(module, "__dict__", None)
    if isinstance(with_globals, dict):
        yield from (v for v in list(with_globals.values()) if isinstance(v, ModuleType))


def assignment_line(file: Path, name: str) -> int | None:
    """The line of the last top-level ``name = ...`` in ``file``, or None."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    found = None
    for statement in tree.body:
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign | ast.AugAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            found = statement.lineno
    return found
