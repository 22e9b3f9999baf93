"""The theme's templates compiled once per build, not once per generator.

Pelican (4.12) gives every generator its own Jinja environment, and each
environment compiles every template it renders, and every template those
extend or import: ``base.html`` was compiled seven times in a build of the
sample site, a third of the time Jinja spent compiling (0.2 s of CPU).

Jinja lets environments share compiled code through a bytecode cache, its
public ``bytecode_cache`` option, which Pelican passes on from the public
``JINJA_ENVIRONMENT`` setting to every environment it creates. The cache
here lives in this process's memory for one build (nothing is written, so
nothing outlives the code that made it) and is keyed on everything the
compiled code depends on: the template's name, file and source, and every
option of the environment that changes what Jinja's compiler makes of it
(``compile_settings``). Two environments that differ in any of them do
not share: each gets what its own compiler would make.
"""

from __future__ import annotations

from collections.abc import Hashable
from types import CodeType
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

#: The options Jinja's lexer reads (how a template is cut into tokens).
LEXER_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
)


def compile_settings(environment: Environment) -> Hashable:
    """What Jinja's compiler (3.1) reads from an environment besides the
    template: the lexer's options; its extensions (each environment makes
    its own, so any extension keeps an environment's code to itself); how
    it optimises, whether it is async or sandboxed; ``autoescape`` and
    ``finalize`` as given; and each filter's and test's name and what it
    is passed (a context, an environment...), which decide the code that
    calls it."""
    return (
        type(environment),
        environment.code_generator_class,
        tuple(getattr(environment, option) for option in LEXER_OPTIONS),
        tuple(id(extension) for extension in environment.extensions.values()),
        environment.optimized,
        environment.is_async,
        environment.sandboxed,
        getattr(environment, "intercepted_binops", None),
        getattr(environment, "intercepted_unops", None),
        _identity(environment.autoescape),
        _identity(environment.finalize),
        _calling_conventions(environment.filters),
        _calling_conventions(environment.tests),
    )


def _identity(value: Any) -> Hashable:
    return value if isinstance(value, bool | type(None)) else ("object", id(value))


def _calling_conventions(functions: dict[str, Any]) -> Hashable:
    """Each name with what Jinja passes it (``jinja_pass_arg``, set by
    ``pass_context`` and its siblings)."""
    return tuple(
        sorted(
            (name, str(getattr(function, "jinja_pass_arg", None)))
            for name, function in functions.items()
        )
    )


class SharedTemplateCode(BytecodeCache):
    """Compiled templates, shared by the environments of one build."""

    def __init__(self) -> None:
        self._code: dict[Hashable, CodeType] = {}
        # Objects whose identity is part of a key stay alive with it.
        self._kept: list[Environment] = []

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get(self._key(bucket))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[self._key(bucket)] = bucket.code
            self._kept.append(bucket.environment)

    def clear(self) -> None:
        self._code.clear()
        self._kept.clear()

    def _key(self, bucket: Bucket) -> Hashable:
        # bucket.key digests the template's name and file, bucket.checksum
        # its source.
        return (bucket.key, bucket.checksum, compile_settings(bucket.environment))

    def __repr__(self) -> str:
        # Stable: the content cache's key describes the settings, and this
        # object changes nothing that is read.
        return f"{type(self).__name__}()"


def share_template_code(pelican: Any) -> None:
    """At ``initialized``: every generator's environment gets the same
    cache, unless the site gave Jinja a bytecode cache of its own."""
    jinja = dict(pelican.settings.get("JINJA_ENVIRONMENT") or {})
    if jinja.get("bytecode_cache") is None:
        jinja["bytecode_cache"] = SharedTemplateCode()
        pelican.settings["JINJA_ENVIRONMENT"] = jinja
