"""A post or page its reader fails on.

Pelican's own readers raise on what they cannot read: docutils stops a
``.rst`` file at its first markup problem (Pelican reads at that level),
and a reader a plugin registers may fail in its own way. Pelican left the
file out saying only "Could not process posts/x.rst", without the reason;
``reflect lint`` gave the reason but no rule. Every reader's failure is now
the ``unreadable-file`` rule, said with the reader's reason in the build
(``sourceguard.lastcheck``, which wraps every reader) and in ``reflect``.
"""

from __future__ import annotations

from .rules import Finding, Rule, declare_rules

(UNREADABLE_FILE,) = declare_rules(
    Rule(
        "unreadable-file",
        "a post or page its reader fails on (a reStructuredText file with a "
        "markup problem, say): it is left out",
        "error",
        "error",
    ),
)


def unreadable(source_path: str, error: Exception) -> Finding:
    """The reader's failure on ``source_path``, as the writer is told it."""
    return Finding(UNREADABLE_FILE.name, f"cannot read it: {error}", source_path)
