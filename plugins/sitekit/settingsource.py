"""Where a setting was written: the settings file and line that set it.

Pelican loads a settings file as a module (``pelicanconf``, and
``publishconf``, which imports it and sets a few more) and keeps only the
values. A problem with a setting's own value is the writer's to fix in that
file, so its message names the file and line, as a problem in a post does:
the assignment of the name that gave it its value (``assignment_line``:
in an ``if`` or ``else`` too), in the loaded settings module whose value is
the one the build uses, or in a module that one loaded and
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
            if not holds(holder, name, value):
                continue
            line = assignment_line(Path(file), name, value)
            if line is not None:
                return file, line
    return None, None


def holds(module: ModuleType, name: str, value: Any) -> bool:
    """Whether ``module`` has ``name`` set to ``value``. Any module loaded
    is asked, and a module's own ``__getattr__`` may raise anything: a
    report of a setting's problem must not become a traceback."""
    try:
        held = getattr(module, name, _ABSENT)
        return held is not _ABSENT and same(held, value)
    except Exception:
        return False


#: What a module without the name holds: not None, which a setting may be
#: (every one of the hundreds of modules loaded would hold a ``None``).
_ABSENT = object()


def same(held: Any, value: Any) -> bool:
    """Equal and of one type: ``True == 1`` in Python, but a file that sets
    ``True`` did not give a setting the ``1`` a command line gave it."""
    return type(held) is type(value) and bool(held == value)


def loaded_by(module: ModuleType) -> Iterator[ModuleType]:
    """The modules ``module`` holds as its own globals."""
    with_globals = getattr(module, "__dict__", None)
    if isinstance(with_globals, dict):
        yield from (v for v in list(with_globals.values()) if isinstance(v, ModuleType))


def assignment_line(file: Path, name: str, value: Any = None) -> int | None:
    """The line of the module-level ``name = ...`` in ``file`` that gave
    ``name`` its ``value``, or None. A settings file may set a name twice,
    in an ``if`` and its ``else``, or with others (``A, B = ...``): the last
    assignment whose literal is ``value``, or else (a value an expression
    makes) the last assignment of all."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    found = [
        (line, literal)
        for line, target, literal in module_assignments(tree.body)
        if target == name
    ]
    giving = [
        line
        for line, literal in found
        if literal is not _UNKNOWN and same(literal, value)
    ]
    lines = giving or [line for line, _ in found]
    return lines[-1] if lines else None


_UNKNOWN = object()  # a value only running the file would tell


def module_assignments(statements: list[ast.stmt]) -> Iterator[tuple[int, str, Any]]:
    """``(line, name, literal value or _UNKNOWN)`` of each name a module sets
    as it runs, in ``if``, ``try``, ``with`` and ``for`` blocks too, but not
    inside a function or class (a name there is no setting)."""
    for statement in statements:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                yield from _targets(statement.lineno, target, statement.value)
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
            value = statement.value if isinstance(statement, ast.AnnAssign) else None
            yield from _targets(statement.lineno, statement.target, value)
        for block in ("body", "orelse", "finalbody"):
            yield from module_assignments(getattr(statement, block, None) or [])
        for handler in getattr(statement, "handlers", None) or []:
            yield from module_assignments(handler.body)


def _targets(
    line: int, target: ast.expr, value: ast.expr | None
) -> Iterator[tuple[int, str, Any]]:
    if isinstance(target, ast.Name):
        yield line, target.id, _literal(value)
    elif isinstance(target, ast.Tuple | ast.List):
        values = (
            value.elts
            if isinstance(value, ast.Tuple | ast.List)
            and len(value.elts) == len(target.elts)
            else [None] * len(target.elts)
        )
        for element, element_value in zip(target.elts, values, strict=True):
            yield from _targets(line, element, element_value)


def _literal(value: ast.expr | None) -> Any:
    if value is None:
        return _UNKNOWN
    try:
        return ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _UNKNOWN
