"""The last check on every post and page, whichever reader made it.

The Markdown reader hides private text and removes control characters while
it reads, with line numbers. Pelican also reads ``.html`` and ``.rst`` files
into pages and posts, and those readers know neither rule. So every reader
class that does not say it keeps them itself (``keeps_private_markers``) is
given a subclass, at ``readers_init``, whose ``read`` checks what it read:

* control characters left in its HTML or metadata are removed, reported
  naming the file (the ``control-character`` rule);
* local-only fields (``sitekit.localonly``) are taken out of its metadata,
  as the Markdown reader takes them out of its own;
* a private marker left outside code (``<pre>``, ``<code>``) in its HTML or
  metadata stops the build, naming the file: text around a marker in
  another format cannot be hidden reliably, and privacy fails closed. That
  is a guarantee, not a rule with a level: no build publishes it.

Markdown content passes untouched: nothing the reader leaves matches.
"""

from __future__ import annotations

import re
from typing import Any

from pelican.readers import MarkdownReader

from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.hygiene import CONTROL_CHARACTER, CONTROL_CHARACTERS, has_private_marker
from sitekit.localonly import separate_local_only
from sitekit.rules import Finding, report_findings

_CODE = re.compile(r"<(pre|code)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


class PrivateTextError(SiteError):
    """A private marker where no reader could hide its text."""


class ControlCharacterError(SiteError):
    """Control characters in another reader's file, where the rule table
    makes them an error."""


def guard_readers(readers: Any) -> None:
    """Wrap each reader class that does not apply the privacy rules itself."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is None or getattr(
            reader_class, "keeps_private_markers", False
        ):
            continue
        readers.reader_classes[extension] = _checked(reader_class)


def _checked(reader_class: type) -> type:
    def read(self, source_path: str):
        content, metadata = reader_class.read(self, source_path)
        strict = self.settings["SOURCE_LINKS_STRICT"]
        content, metadata = check_read(source_path, content, metadata, strict)
        # Local-only fields: the desk's in a local build, no one's otherwise.
        markdown = issubclass(reader_class, MarkdownReader)
        separate_local_only(metadata, source_path, self.settings, markdown=markdown)
        return content, metadata

    return type(
        reader_class.__name__,
        (reader_class,),
        {"read": read, "keeps_private_markers": True, "__module__": __name__},
    )


def check_read(
    path: str, content: str | None, metadata: dict[str, Any], strict: bool
) -> tuple[str | None, dict[str, Any]]:
    """The reader's (content, metadata), without control characters; a
    private marker stops the build."""
    removed: list[Finding] = []
    if content and CONTROL_CHARACTERS.search(content):
        content = CONTROL_CHARACTERS.sub("", content)
        removed.append(_removed(path, "the page's HTML"))
    if content and has_private_marker(_CODE.sub("", content)):
        raise log_and_raise(
            PrivateTextError(
                "a private marker this file's reader cannot hide; write the page "
                "in Markdown, where [!private] callouts are hidden",
                path,
            )
        )
    for name, value in list(metadata.items()):
        if not isinstance(value, str):
            continue
        if has_private_marker(value):
            raise log_and_raise(
                PrivateTextError(
                    f"{name.capitalize()}: holds a private marker this file's "
                    "reader cannot hide; write it in Markdown",
                    path,
                )
            )
        if CONTROL_CHARACTERS.search(value):
            metadata[name] = CONTROL_CHARACTERS.sub("", value)
            removed.append(_removed(path, f"{name.capitalize()}:"))
    # Reported as the file is read: another reader keeps no findings.
    report_findings(removed, strict, ControlCharacterError, "content")
    return content, metadata


def _removed(path: str, where: str) -> Finding:
    return Finding(
        CONTROL_CHARACTER.name, f"removed control characters from {where}", path
    )
