"""Rules: what every check of a person's files looks for, and how bad it is.

A check never decides a level. It reports which rule a file breaks, as a
``Finding``; the rule says the level: ``local`` in a local build (``make
html``, ``make serve``) and ``reflect lint``, ``publish`` in a published
build and ``reflect lint --strict``. An error stops the build and makes lint
exit 1; a warning is reported and the build goes on, doing with the file
what the check's message says (leaving it out, showing a quote as a quote).

Each module that checks something declares its rules with ``declare_rules``;
``DECLARED`` is the site's rule table, which the documentation's table is
held to. Findings are kept in Pelican's content cache with the post they
were found in, so they name their rule and never its level: a cache written
by a local build is right for a published one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .diagnostics import Diagnostic, SiteError, log_diagnostic, report_diagnostics

Level = Literal["error", "warning"]
LEVELS: tuple[Level, ...] = ("error", "warning")


@dataclass(frozen=True)
class Rule:
    name: str
    what: str  # what it catches, as the documentation's table says it
    local: Level  # `make html`, `make serve` and `reflect lint`
    publish: Level  # `make publish` and `reflect lint --strict`

    def level(self, strict: bool) -> Level:
        return self.publish if strict else self.local


#: Every rule declared, by name: the site's rule table.
DECLARED: dict[str, Rule] = {}


def declare_rules(*rules: Rule) -> tuple[Rule, ...]:
    """Add ``rules`` to the table; a name has one meaning across the site."""
    for rule in rules:
        if rule.local not in LEVELS or rule.publish not in LEVELS:
            raise ValueError(f"rule {rule.name!r}: a level is 'error' or 'warning'")
        known = DECLARED.setdefault(rule.name, rule)
        if known != rule:
            raise ValueError(f"two rules are named {rule.name!r}")
    return rules


def level_of(rule: str, strict: bool) -> Level:
    """The level of ``rule`` in a strict (published) build or not."""
    return DECLARED[rule].level(strict)


@dataclass(frozen=True)
class Finding:
    """A rule broken at a place in a file, before its level is known."""

    rule: str
    message: str
    path: str | None = None
    line: int | None = None

    def at_level(self, strict: bool) -> Diagnostic:
        return Diagnostic(
            level_of(self.rule, strict), self.message, self.path, self.line, self.rule
        )


def diagnostics(findings: Iterable[Finding], strict: bool) -> list[Diagnostic]:
    return [finding.at_level(strict) for finding in findings]


def report_findings(
    findings: Iterable[Finding],
    strict: bool,
    error_type: type[SiteError],
    what: str,
) -> None:
    """Log every finding at its level; then stop the build if one is an error."""
    report_diagnostics(diagnostics(findings, strict), error_type, what)


def told(error: SiteError, strict: bool) -> SiteError:
    """Log ``error`` at the level its rule has (an error where it names no
    rule) and hand it back for raising: for a check whose step cannot go
    on at any level (a file no address can be made for, a setting whose
    value cannot work), the table decides how its line is told, and the
    build stops at that step all the same."""
    rule = error.rule
    level = level_of(rule, strict) if rule in DECLARED else "error"
    log_diagnostic(Diagnostic(level, error.message, error.path, error.line, rule))
    return error


def leaving_out(
    finding: Finding, strict: bool, error_type: type[SiteError]
) -> SiteError:
    """A finding that leaves its file out, logged at its rule's level and
    handed back for raising as Pelican reads the file: Pelican leaves out a
    file whose reading raised (and says it could not process it, an error
    whatever the rule's level), and ``reflect`` takes the rule's level
    from the error."""
    return told(
        error_type(finding.message, finding.path, finding.line, finding.rule), strict
    )
