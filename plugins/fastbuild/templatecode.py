"""The theme's templates compiled once per build, not once per generator.

Pelican (4.12) gives every generator its own Jinja environment, and each
environment compiles every template it renders, and every template those
extend or import: ``base.html`` was compiled seven times in a build of the
sample site, a third of the time Jinja spent compiling (0.2 s of CPU).

Jinja lets environments share compiled code through a bytecode cache, its
public ``bytecode_cache`` option, which Pelican passes on from the public
``JINJA_ENVIRONMENT`` setting to every environment it creates. The cache
here lives in this process's memory for one build and is keyed on
everything the compiled code depends on: the template's name, file and
source, and every option of the environment that changes what Jinja's
compiler makes of it (``compile_settings``). Two environments that differ
in any of them do not share: each gets what its own compiler would make.

A build that keeps caches (``CACHE_CONTENT``) also writes each template's
code into the cache folder, and the next build that loads caches
(``LOAD_CONTENT_CACHE``, on unless ``--ignore-cache``) reads it instead of
compiling again (about 0.13 s of CPU for the theme's templates). On disk
the key must mean the same in another process, so only an environment
whose options are all plain values is kept there (no extensions, no
``autoescape`` or ``finalize`` function: ``lasting_settings``); the folder
is named by those options with Jinja's and Python's versions, and each
file holds Jinja's own header, which Jinja checks against the template's
source and its bytecode format before it uses the code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Hashable
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.compiler import CodeGenerator

#: The folder in the cache folder that holds compiled templates.
FOLDER = "fastbuild-templates"

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


def lasting_settings(environment: Environment) -> str | None:
    """``compile_settings`` as a text that means the same in any process,
    or None when one of them is an object (an extension, a function)."""
    if (
        type(environment) is not Environment
        or environment.code_generator_class is not CodeGenerator
        or environment.extensions
        or not isinstance(environment.autoescape, bool)
        or environment.finalize is not None
    ):
        return None
    return repr(
        (
            jinja2.__version__,
            sys.version,
            tuple(getattr(environment, option) for option in LEXER_OPTIONS),
            environment.optimized,
            environment.is_async,
            environment.sandboxed,
            environment.autoescape,
            _calling_conventions(environment.filters),
            _calling_conventions(environment.tests),
        )
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
    """Compiled templates, shared by the environments of one build, and
    kept in ``folder`` between builds when one is given."""

    def __init__(self, folder: Path | None = None, settings: Any = None) -> None:
        self._code: dict[Hashable, CodeType] = {}
        # Objects whose identity is part of a key stay alive with it.
        self._kept: list[Environment] = []
        self._folder = folder
        self._settings = settings if settings is not None else {}

    def load_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        bucket.code = self._code.get(key)
        if bucket.code is None and self._settings.get("LOAD_CONTENT_CACHE"):
            self._load_kept(bucket)
            if bucket.code is not None:
                self._code[key] = bucket.code
                self._kept.append(bucket.environment)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[self._key(bucket)] = bucket.code
            self._kept.append(bucket.environment)
            if self._settings.get("CACHE_CONTENT"):
                self._keep(bucket)

    def clear(self) -> None:
        self._code.clear()
        self._kept.clear()

    def _key(self, bucket: Bucket) -> Hashable:
        # bucket.key digests the template's name and file, bucket.checksum
        # its source.
        return (bucket.key, bucket.checksum, compile_settings(bucket.environment))

    def _kept_file(self, bucket: Bucket) -> Path | None:
        lasting = lasting_settings(bucket.environment)
        if self._folder is None or lasting is None:
            return None
        folder = hashlib.sha256(lasting.encode()).hexdigest()[:32]
        return self._folder / folder / f"{bucket.key}.code"

    def _load_kept(self, bucket: Bucket) -> None:
        """The code kept for the bucket's template, if Jinja's header says
        it was compiled from the same source by the same bytecode format."""
        path = self._kept_file(bucket)
        if path is None:
            return
        try:
            with path.open("rb") as file:
                bucket.load_bytecode(file)
        except Exception:  # none there, or damaged past Jinja's own checks
            bucket.reset()

    def _keep(self, bucket: Bucket) -> None:
        path = self._kept_file(bucket)
        if path is None:
            return
        scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with scratch.open("wb") as file:
                bucket.write_bytecode(file)
            scratch.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                scratch.unlink()

    def __repr__(self) -> str:
        # Stable: the content cache's key describes the settings, and this
        # object changes nothing that is read.
        return f"{type(self).__name__}()"


def share_template_code(pelican: Any) -> None:
    """At ``initialized``: every generator's environment gets the same
    cache, unless the site gave Jinja a bytecode cache of its own."""
    settings = pelican.settings
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    if jinja.get("bytecode_cache") is None:
        folder = None
        keep = settings.get("FASTBUILD_KEEP_TEMPLATES", True)
        if keep and settings.get("CACHE_PATH"):
            folder = Path(settings["CACHE_PATH"]) / FOLDER
        jinja["bytecode_cache"] = SharedTemplateCode(folder, settings)
        settings["JINJA_ENVIRONMENT"] = jinja
