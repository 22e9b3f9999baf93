"""`reflect import-wordpress`: a WordPress blog, comments included, as files.

Pelican's own importer drops comments; this one keeps every approved comment
with its threading, and leaves out spam, unapproved comments, pingbacks and
every commenter's e-mail and IP address. It plans every file before writing
any, gives every planned file a name of its own (two posts with one title on
one day, comment ids that slugify alike), never replaces a file that exists,
and counts what it wrote: nothing is dropped without a line in the summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from comments.sanitize import safe_website
from sitekit.diagnostics import display_path
from sitekit.settings import slugifier

from .content import existing_slugs
from .site import Site
from .wordpress import WpComment, WpExport, WpItem
from .wp_images import (
    DownloadedImages,
    download_images,
    hosts,
    image_urls,
    rewrite_images,
)
from .wp_markdown import html_to_markdown

# WordPress statuses that are not public become drafts; these are not posts.
NOT_POSTS = {"trash", "auto-draft", "inherit"}
KINDS = ("post", "draft", "page", "comment", "image")


@dataclass(frozen=True)
class PlannedFile:
    kind: str  # one of KINDS
    content: str | bytes


@dataclass
class ImportPlan:
    files: dict[Path, PlannedFile] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    hotlinked: list[str] = field(default_factory=list)  # image URLs left remote
    failed_images: dict[str, str] = field(default_factory=dict)  # url -> reason

    def leave_out(self, reason: str, count: int = 1) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + count

    def add(self, path: Path, kind: str, content: str | bytes) -> None:
        if path in self.files:  # a bug, never a silent loss
            raise ValueError(f"two imported files would be {path}")
        self.files[path] = PlannedFile(kind, content)


@dataclass
class ImportResult:
    plan: ImportPlan
    written: list[Path]
    existing: list[Path]

    def count(self, paths: list[Path]) -> Counter:
        return Counter(self.plan.files[path].kind for path in paths)

    def summary(self) -> str:
        plan, written = self.plan, self.count(self.written)
        posts = written["post"] + written["draft"]
        lines = [
            f"Posts: {posts} ({written['draft']} as drafts); pages: "
            f"{written['page']}; comments: {written['comment']}; images: "
            f"{written['image']}.",
            f"Files written: {len(self.written)}; skipped because they exist: "
            f"{len(self.existing)}.",
        ]
        lines += [f"  skipped {display_path(str(path))}" for path in self.existing]
        if plan.left_out:
            reasons = ", ".join(
                f"{count} {reason}" for reason, count in sorted(plan.left_out.items())
            )
            lines.append(f"Left out: {reasons}.")
        if posts:
            lines.append(
                "Imported posts name no lessons yet: `reflect suggest` proposes "
                "some from lessons.yml."
            )
        return "\n".join(lines)

    def warnings(self) -> list[str]:
        """What the writer must know even when the import succeeded."""
        found = []
        if self.plan.hotlinked:
            found.append(
                f"{len(set(self.plan.hotlinked))} image(s) still load from "
                f"{', '.join(hosts(self.plan.hotlinked))}; run again with "
                "--download-images to copy them into content/images/"
            )
        for url, reason in sorted(self.plan.failed_images.items()):
            found.append(f"could not download {url} ({reason}); its link was kept")
        return found


def plan_import(export: WpExport, site: Site, fetch_images: bool = False) -> ImportPlan:
    slugify = slugifier(site.settings)
    plan = ImportPlan()
    for kind, count in export.ignored.items():
        plan.leave_out(f"{kind} item(s)", count)
    bodies: dict[Path, tuple[str, list[tuple[str, str]], str]] = {}
    used_slugs: dict[str, set[str]] = {"post": set(), "page": set()}
    # The site's own posts keep their slugs (and URLs, and comment folders);
    # a post imported before, at the same file, is the same post.
    site_slugs = existing_slugs(site)
    for item in export.items:
        if item.status in NOT_POSTS:
            plan.leave_out(f"{item.status} {item.kind}(s)")
            continue
        wanted = (
            slugify(unquote(item.slug))
            or slugify(item.title)
            or f"untitled-{item.date:%Y%m%d%H%M}"
        )
        draft = item.status != "publish"
        if item.kind == "page":
            slug = _own(wanted, used_slugs["page"])
            path = site.pages / f"{slug}.md"
            bodies[path] = ("page", _page_fields(item, slug, draft), item.html)
            continue
        slug = _own(
            wanted,
            used_slugs["post"],
            taken=lambda candidate, date=item.date: (
                candidate in site_slugs
                and site_slugs[candidate]
                != site.posts / f"{date:%Y-%m-%d}-{candidate}.md"
            ),
        )
        path = site.posts / f"{item.date:%Y-%m-%d}-{slug}.md"
        kind = "draft" if draft else "post"
        bodies[path] = (kind, _post_fields(item, slug, draft), item.html)
        _plan_comments(item, slug, site, plan, slugify)
    markdown = {path: html_to_markdown(html) for path, (_, _, html) in bodies.items()}
    urls = [url for text in markdown.values() for url in image_urls(text)]
    images = DownloadedImages()
    if fetch_images and urls:
        images = download_images(urls, site.images)
        for name, data in images.files.items():
            plan.add(site.images / name, "image", data)
        plan.failed_images = images.failed
    else:
        plan.hotlinked = urls
    for path, (kind, fields, _) in bodies.items():
        body = rewrite_images(markdown[path], images.names)
        plan.add(path, kind, _document(fields, body))
    return plan


def write_plan(plan: ImportPlan, content: Path) -> ImportResult:
    """Write the planned files; none outside ``content``, none over another."""
    for path in plan.files:
        if not _inside(path, content):
            raise ValueError(f"refusing to write outside the content folder: {path}")
    written, existing = [], []
    for path, planned in plan.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = planned.content
        try:
            with path.open("xb" if isinstance(data, bytes) else "x") as handle:
                handle.write(data)
        except FileExistsError:
            existing.append(path)
            continue
        written.append(path)
    return ImportResult(plan, written, existing)


def _own(name: str, used: set[str], taken=lambda candidate: False) -> str:
    """``name``, or ``name-2``, ``name-3``... when another file has it."""
    candidate, number = name, 1
    while candidate in used or taken(candidate):
        number += 1
        candidate = f"{name}-{number}"
    used.add(candidate)
    return candidate


def _post_fields(item: WpItem, slug: str, draft: bool) -> list[tuple[str, str]]:
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
    return fields


def _page_fields(item: WpItem, slug: str, draft: bool) -> list[tuple[str, str]]:
    fields = [("Title", item.title or slug), ("Slug", slug)]
    if draft:
        fields.append(("Status", "draft"))
    return fields


def _plan_comments(
    item: WpItem, post_slug: str, site: Site, plan: ImportPlan, slugify
) -> None:
    """Every approved comment, each with a file name of its own.

    Comment ids become file names through slugify, which can make two ids
    alike ("1/2" and "12"): the later one gets a suffix, and replies follow
    WordPress's own ids, so none is lost and none answers itself.
    """
    kept: dict[str, str] = {}  # WordPress comment id -> our comment id
    used: set[str] = set()
    comments: list[WpComment] = []
    for comment in sorted(item.comments, key=lambda c: (c.date, c.id)):
        if comment.kind != "comment":
            plan.leave_out(f"{comment.kind}(s)")
        elif not comment.approved:
            plan.leave_out("spam or unapproved comment(s)")
        elif comment.id in kept:
            plan.leave_out("comment(s) repeating another's id")
        else:
            author = slugify(comment.author) or "reader"
            number = slugify(comment.id) or "comment"
            kept[comment.id] = _own(f"{comment.date:%Y-%m-%d}-{author}-{number}", used)
            comments.append(comment)
    for comment in comments:
        own_id = kept[comment.id]
        parent = kept.get(comment.parent or "")
        reply_to = parent if parent != own_id else None
        path = site.comments / post_slug / f"{own_id}.md"
        plan.add(path, "comment", _comment(comment, reply_to))


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
