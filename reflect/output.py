"""Where every `reflect` command prints: results on standard output, problems
on standard error, both as plain text (no markup, no highlighting)."""

from __future__ import annotations

from rich.console import Console

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
