"""`reflect lint`: every problem the build would find, without building.

The site is read as the build reads it and every plugin's content stage
runs on it (``content.read_site``): posts through the reflections pipeline,
comments through the comments plugin's threading, links through
sourceguard's rule. Each problem is at the level the rule table gives
(``sitekit.rules``): warnings alone pass. ``--strict`` checks as ``make
publish`` does, with every plugin's strict setting on.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sitekit.declaration import misspelt_settings
from sitekit.diagnostics import Diagnostic, display_path

from .content import read_site
from .site import Site


@dataclass(frozen=True)
class LintReport:
    diagnostics: tuple[Diagnostic, ...]
    files: int

    @property
    def errors(self) -> int:
        return sum(diagnostic.level == "error" for diagnostic in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def as_text(self) -> str:
        lines = [diagnostic.render() for diagnostic in self.diagnostics]
        lines.append(
            f"{self.files} files checked: {self.errors} error(s), "
            f"{self.warnings} warning(s)"
        )
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {
                "files": self.files,
                "errors": self.errors,
                "warnings": self.warnings,
                "problems": [
                    {**asdict(d), "path": display_path(d.path) if d.path else None}
                    for d in self.diagnostics
                ],
            },
            indent=2,
        )


def lint(site: Site, strict: bool = False) -> LintReport:
    checked = site.strict() if strict else site
    read = read_site(checked)
    found = [*read.diagnostics, *misspelt_settings(checked.settings, site.plugins)]
    diagnostics = sorted(found, key=lambda d: (d.path or "", d.line or 0))
    files = len(read.post_files) + len(read.page_files)
    if site.vocabulary is not None and site.vocabulary.exists():
        files += 1
    if site.plugin("comments") is not None and site.comments.is_dir():
        files += len(list(site.comments.rglob("*.md")))
    return LintReport(tuple(diagnostics), files)
