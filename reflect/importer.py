"""`reflect import-wordpress`: a WordPress blog, comments included, as files.

Pelican's own importer drops comments; this one keeps every approved comment
with its threading, and leaves out spam, unapproved comments, pingbacks and
every commenter's e-mail and IP address. It plans every file before writing
any, and never replaces a file that exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from markdownify import markdownify

from comments.sanitize import safe_website
from sitekit.diagnostics import display_path
from sitekit.settings import slugifier

from .site import Site
from .wordpress import WpComment, WpExport, WpItem

# WordPress statuses that are not public become drafts; these are not posts.
NOT_POSTS = {"trash", "auto-draft", "inherit"}
BLOCK_START = re.compile(
    r"^\s*<(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|img|iframe|!--)\b",
    re.I,
)


@dataclass
class ImportPlan:
    files: dict[Path, str] = field(default_factory=dict)
    posts: int = 0
    drafts: int = 0
    pages: int = 0
    comments: int = 0
    left_out: dict[str, int] = field(default_factory=dict)

    def leave_out(self, reason: str, count: int = 1) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + count


@dataclass
class ImportResult:
    plan: ImportPlan
    written: list[Path]
    existing: list[Path]

    def summary(self) -> str:
        plan = self.plan
        lines = [
            f"Posts: {plan.posts} ({plan.drafts} as drafts); pages: {plan.pages}; "
            f"comments: {plan.comments}.",
            f"Files written: {len(self.written)}; skipped because they exist: "
            f"{len(self.existing)}.",
        ]
        lines += [f"  skipped {display_path(str(path))}" for path in self.existing]
        if plan.left_out:
            reasons = ", ".join(
                f"{count} {reason}" for reason, count in sorted(plan.left_out.items())
            )
            lines.append(f"Left out: {reasons}.")
        return "\n".join(lines)


def html_to_markdown(html: str) -> str:
    """WordPress HTML to Markdown, with markdownify.

    WordPress stores posts without <p> tags and adds them when it displays a
    post (its "autop" step). No maintained Python library does that step, so
    blank-line-separated runs of text are wrapped in <p> here first;
    otherwise every paragraph would run together.
    """
    blocks = re.split(r"\n\s*\n", html.replace("\r\n", "\n").strip())
    wrapped = [
        block if BLOCK_START.match(block) else f"<p>{block}</p>"
        for block in blocks
        if block.strip()
    ]
    markdown = markdownify("\n".join(wrapped), heading_style="ATX", bullets="-")
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def plan_import(export: WpExport, site: Site) -> ImportPlan:
    slugify = slugifier(site.settings)
    plan = ImportPlan()
    for kind, count in export.ignored.items():
        plan.leave_out(f"{kind} item(s)", count)
    for item in export.items:
        if item.status in NOT_POSTS:
            plan.leave_out(f"{item.status} {item.kind}(s)")
            continue
        slug = (
            slugify(unquote(item.slug))
            or slugify(item.title)
            or f"untitled-{item.date:%Y%m%d%H%M}"
        )
        draft = item.status != "publish"
        if item.kind == "page":
            plan.pages += 1
            plan.files[site.pages / f"{slug}.md"] = _page(item, slug, draft)
            continue
        plan.posts += 1
        plan.drafts += draft
        plan.files[site.posts / f"{item.date:%Y-%m-%d}-{slug}.md"] = _post(
            item, slug, draft
        )
        _plan_comments(item, slug, site, plan, slugify)
    return plan


def write_plan(plan: ImportPlan, content: Path) -> ImportResult:
    """Write the planned files; none outside ``content``, none over another."""
    written, existing = [], []
    for path, text in plan.files.items():
        if not _inside(path, content):
            raise ValueError(f"refusing to write outside the content folder: {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            existing.append(path)
            continue
        written.append(path)
    return ImportResult(plan, written, existing)


def _post(item: WpItem, slug: str, draft: bool) -> str:
    fields = [
        ("Title", item.title or slug),
        ("Slug", slug),
        ("Date", f"{item.date:%Y-%m-%d %H:%M}"),
    ]
    if item.modified and item.modified > item.date:
        fields.append(("Modified", f"{item.modified:%Y-%m-%d %H:%M}"))
    if item.categories:
        fields.append(("Category", item.categories[0]))
    if item.tags:
        fields.append(("Tags", ", ".join(item.tags)))
    if item.excerpt:
        fields.append(("Summary", " ".join(item.excerpt.split())))
    if draft:
        fields.append(("Status", "draft"))
    return _document(fields, html_to_markdown(item.html))


def _page(item: WpItem, slug: str, draft: bool) -> str:
    fields = [("Title", item.title or slug), ("Slug", slug)]
    if draft:
        fields.append(("Status", "draft"))
    return _document(fields, html_to_markdown(item.html))


def _plan_comments(
    item: WpItem, post_slug: str, site: Site, plan: ImportPlan, slugify
) -> None:
    kept: dict[str, str] = {}  # WordPress comment id -> our comment id
    for comment in sorted(item.comments, key=lambda c: (c.date, c.id)):
        if comment.kind != "comment":
            plan.leave_out(f"{comment.kind}(s)")
        elif not comment.approved:
            plan.leave_out("spam or unapproved comment(s)")
        else:
            author = slugify(comment.author) or "reader"
            number = slugify(comment.id) or "comment"  # ids become file names
            kept[comment.id] = f"{comment.date:%Y-%m-%d}-{author}-{number}"
    for comment in item.comments:
        if comment.id not in kept:
            continue
        plan.comments += 1
        path = site.comments / post_slug / f"{kept[comment.id]}.md"
        plan.files[path] = _comment(comment, kept.get(comment.parent or ""))


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _comment(comment: WpComment, reply_to: str | None) -> str:
    fields = [
        ("Author", comment.author or "Anonymous"),
        ("Date", f"{comment.date:%Y-%m-%d %H:%M}"),
    ]
    website = safe_website(comment.website) if comment.website else None
    if website:
        fields.append(("Website", website))
    if reply_to:
        fields.append(("Reply-To", reply_to))
    return _document(fields, html_to_markdown(comment.html))


def _document(fields: list[tuple[str, str]], body: str) -> str:
    header = "\n".join(f"{name}: {' '.join(value.split())}" for name, value in fields)
    return f"{header}\n\n{body}"
