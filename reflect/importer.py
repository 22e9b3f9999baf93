"""`reflect import-wordpress`: a WordPress blog, comments included, as files.

Pelican's own importer drops comments; this one keeps every approved comment
with its threading, and leaves out spam, unapproved comments, pingbacks and
every commenter's e-mail and IP address. It plans every file before writing
any, gives every planned file a name of its own (two posts with one title on
one day, comment ids that slugify alike), never replaces a file that exists,
and counts what it wrote: nothing is dropped without a line in the summary.

The one file it changes is a post or page an earlier import wrote and the
writer has not touched since (wp_record.py knows which): a run with
``--download-images`` points its images at the copies it downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

from sitekit.markdowncost import costly_markup
from sitekit.settings import slugifier

from .content import existing_slugs
from .file_names import fitting_slug
from .file_replacing import NOTHING, FileNotReplaced, create_file
from .inert_import import active_parts, as_plain_text
from .site import Site
from .wordpress import WpExport, WpItem
from .wp_comment_plan import leave_out_comments, plan_comments
from .wp_comments import holds_private_marker
from .wp_fetch import DEFAULT_LIMITS, FetchLimits
from .wp_fields import (
    document_file,
    page_fields,
    post_fields,
    title_as_first_paragraph,
)
from .wp_images import (
    DownloadedImages,
    download_images,
    image_urls,
    rewrite_images,
)
from .wp_links import LinkTargets, blog_host, item_addresses
from .wp_markdown import html_to_markdown
from .wp_plan import DOCUMENT_KINDS, FirstComment, ImportPlan, PlannedFile, own_name
from .wp_record import ImportRecord, write_atomically
from .wp_report import ImportResult
from .wp_shortcodes import expand_shortcodes, other_shortcodes
from .wp_slugs import existing_page_slugs, page_slug_taken

# WordPress statuses that are not public become drafts; these are not posts.
NOT_POSTS = {"trash", "auto-draft", "inherit"}


@dataclass
class _Document:
    """A post or page of the export, and what is on disk where it goes."""

    kind: str
    fields: list[tuple[str, str]]
    markdown: str
    on_disk: bytes | None = None  # the file there now, if any
    untouched: bool = False  # on_disk is what an earlier import wrote
    post: str = ""  # its WordPress key (``post_key``), if it has one

    @property
    def text(self) -> str:
        return document_file(self.fields, self.markdown)

    def remote_images(self) -> list[str]:
        """The images to fetch for it: those of a new file, or still remote
        in an untouched one."""
        if self.on_disk is None:
            return image_urls(self.markdown)
        if self.untouched:
            return image_urls(self.on_disk.decode("utf-8"))
        return []


def _body(item: WpItem, path: Path, site: Site, plan: ImportPlan) -> str:
    """The post's Markdown, or its plain text when what the Markdown renders
    to could run in a reader's browser (``inert_import``), or when Markdown
    would take time beyond its length to read it."""
    markdown = html_to_markdown(item.html)
    # Markdown would read it in time beyond its length (code full of `<`,
    # which stays as written there): the build would leave it out, and
    # rendering it to look at it would take as long (``sitekit.markdowncost``).
    if costly_markup(markdown) is not None:
        plan.made_plain_costly.append(path)
        return as_plain_text(item.html, site.settings)
    if not active_parts(markdown, site.settings):
        return markdown
    plan.made_plain.append(path)
    return as_plain_text(item.html, site.settings)


def plan_import(
    export: WpExport,
    site: Site,
    fetch_images: bool = False,
    limits: FetchLimits = DEFAULT_LIMITS,
) -> ImportPlan:
    slugify = slugifier(site.settings)
    plan = ImportPlan(record=ImportRecord.load(site.content))
    for kind, count in export.ignored.items():
        plan.leave_out(f"{kind} item(s)", count)
    documents: dict[Path, _Document] = {}
    used_slugs: dict[str, set[str]] = {"post": set(), "page": set()}
    # The site's own posts keep their slugs (and URLs, and comment folders);
    # a post imported before, at the same file, is the same post.
    site_slugs = existing_slugs(site)
    page_slugs = existing_page_slugs(site)
    page_taken = page_slug_taken(site, page_slugs)  # and the site's folders
    first_lines: dict[str, int | None] = {}  # wp:post_id -> its first item's line
    links = LinkTargets(blog_host(export.blog))
    comment_posts: dict[str, FirstComment] = {}  # wp:comment_id -> its first
    for item in export.items:
        if item.status in NOT_POSTS:
            plan.leave_out(f"{item.status} {item.kind}(s)")
            leave_out_comments(plan, item, f"{item.status} {item.kind}(s)")
            continue
        if item.post_id and item.post_id in first_lines:
            plan.repeat(
                export,
                item.line,
                f"{item.kind} {item.title!r} repeats wp:post_id {item.post_id} "
                f"of the {item.kind} on line {first_lines[item.post_id]}; "
                "left out, the first imported",
            )
            continue
        if item.post_id:
            first_lines[item.post_id] = item.line
        item = _shortcodes_expanded(item, export, plan)
        hidden_title = holds_private_marker(item.title)
        if hidden_title:
            item = title_as_first_paragraph(item)
        wanted = fitting_slug(
            slugify(unquote(item.slug))
            or slugify(item.title)
            or f"untitled-{item.date:%Y%m%d%H%M}"
        )
        # A password-protected post was for the readers given the password;
        # published here, it would be for everyone.
        draft = item.status != "publish" or item.protected
        if item.kind == "page":
            slug = own_name(
                wanted,
                used_slugs["page"],
                taken=lambda candidate: page_taken(
                    candidate, site.pages / f"{candidate}.md"
                ),
            )
            path = site.pages / f"{slug}.md"
        else:
            slug = own_name(
                wanted,
                used_slugs["post"],
                taken=lambda candidate, date=item.date: (
                    candidate in site_slugs
                    and site_slugs[candidate]
                    != site.posts / f"{date:%Y-%m-%d}-{candidate}.md"
                ),
            )
            path = site.posts / f"{item.date:%Y-%m-%d}-{slug}.md"
        post = post_key(export, item)
        holder = (page_slugs if item.kind == "page" else site_slugs).get(wanted)
        if _moved_since(plan, post, path, holder):
            continue
        if not item.dated and not draft:
            plan.undated.append(path)
        if item.protected:
            plan.protected.append(path)
        if hidden_title:
            plan.hidden_titles.append(path)
        if item.kind == "page":
            fields = page_fields(item, slug, draft)
            kind = "page"
            # The comments plugin threads comments under posts only.
            leave_out_comments(plan, item, "pages")
        else:
            fields = post_fields(item, slug, draft)
            if len(item.categories) > 1:
                plan.categories_as_tags.append(len(item.categories) - 1)
            kind = "draft" if draft else "post"
            plan_comments(item, slug, site, plan, slugify, export, comment_posts)
        documents[path] = _Document(
            kind, fields, _body(item, path, site, plan), post=post
        )
        if not draft:  # a draft post or page is not published: no link to it
            links.add(
                item_addresses(
                    item.permalink, item.guid, item.post_id, item.kind, export.blog
                ),
                "{filename}/" + path.relative_to(site.content).as_posix(),
            )
    for path, document in documents.items():
        _look_on_disk(path, document, plan.record)
    urls = [url for document in documents.values() for url in document.remote_images()]
    images = DownloadedImages()
    if fetch_images and urls:
        images = download_images(urls, site.images, limits)
        for name, data in images.files.items():
            plan.add(site.images / name, "image", data)
        plan.refused_images = images.refused
    else:
        plan.hotlinked = urls
    for path, document in documents.items():
        _plan_document(plan, path, document, images.names, fetch_images, links)
    return plan


def post_key(export: WpExport, item: WpItem) -> str:
    """What names a WordPress post for good: its blog's address and its
    ``wp:post_id`` (empty without one: nothing then names it)."""
    return f"{export.blog}#{item.post_id}" if item.post_id else ""


def _moved_since(plan: ImportPlan, post: str, path: Path, holder: Path | None) -> bool:
    """Did an earlier run write ``post`` to a file that the writer has
    moved since, to ``holder``, the file that has its slug now? Then it is
    left out, and named: written again (as ``-2``), it was a second copy
    beside the writer's. A post deleted since, its slug free, is imported
    again, as a file deleted to have it imported afresh."""
    earlier = plan.record.imported_as(post) if post and plan.record else None
    if earlier is None or earlier.exists() or holder in (None, earlier, path):
        return False
    plan.moved.append((earlier, holder))
    return True


def _look_on_disk(path: Path, document: _Document, record: ImportRecord) -> None:
    """Is a file there already, and is it as an earlier import left it?

    As it left it: the bytes the record holds for it, or, for a file written
    before imports kept a record, the very bytes this import would write
    without downloading images.
    """
    try:
        document.on_disk = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError:
        document.on_disk = b""  # unreadable: the writer's, never touched
        return
    document.untouched = record.untouched(path, document.on_disk) or (
        document.on_disk == document.text.encode("utf-8")
    )


def _plan_document(
    plan: ImportPlan,
    path: Path,
    document: _Document,
    local: dict[str, str],
    fetch_images: bool,
    links: LinkTargets,
) -> None:
    def pointed_home(markdown: str) -> str:
        """Images at their copies, links to imported posts at their files."""
        markdown, count = links.rewrite(rewrite_images(markdown, local))
        if count:
            plan.links_rewritten[path] = count
        return markdown

    if document.on_disk is None or not document.untouched:
        if fetch_images and _still_remote(document):
            plan.edited.append(path)
        body = pointed_home(document.markdown)
        text = document_file(document.fields, body)
        plan.add(path, document.kind, text, post=document.post)
        return
    before = document.on_disk.decode("utf-8")
    after = pointed_home(before)
    if after == before:  # nothing to change: reported as skipped
        plan.add(path, document.kind, after, post=document.post)
    else:
        plan.add(path, document.kind, after, document.on_disk, document.post)


def _still_remote(document: _Document) -> bool:
    """Does a file on disk still show an image of the export from its old host?"""
    if not document.on_disk:
        return False
    text = document.on_disk.decode("utf-8", errors="replace")
    return any(url in text for url in image_urls(document.markdown))


def write_plan(plan: ImportPlan, content: Path) -> ImportResult:
    """Write the planned files; none outside ``content``, none over another
    but a file an earlier import wrote and nobody has changed since.

    Each file is written whole or not at all (``create_file``): one opened
    and then cut short by a full disk stayed half-written, and the next
    run, finding it there, skipped it as the writer's. A file that cannot
    be written stops the import with ``FileNotReplaced``, once the record
    holds those written before it, so that running it again writes the
    rest and leaves those alone."""
    for path in plan.files:
        if not _inside(path, content):
            raise ValueError(f"refusing to write outside the content folder: {path}")
    record = plan.record or ImportRecord.load(content)
    posts_before = dict(record.posts)
    written, existing, updated = [], [], []
    for path, planned in plan.files.items():
        data = planned.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        try:
            if planned.replaces is not None:
                if _bytes_of(path) != planned.replaces:  # changed since planning
                    plan.edited.append(path)
                    _note_post(record, planned, path)
                    continue
                write_atomically(path, data)
                updated.append(path)
            else:
                try:
                    create_file(path, data)
                except FileExistsError:
                    existing.append(path)
                    _note_post(record, planned, path)
                    continue
                written.append(path)
        except FileNotReplaced as error:
            done = len(written) + len(updated)
            _save_record(plan, record, written + updated)
            why = str(error).removesuffix(f"; {NOTHING}")
            raise FileNotReplaced(
                f"{why}; the import stopped there, after {done} file(s): "
                "run it again to write the rest"
            ) from None
        if planned.kind in DOCUMENT_KINDS:
            record.note(path, data)
        _note_post(record, planned, path)
    _save_record(plan, record, written + updated, record.posts != posts_before)
    return ImportResult(plan, written, existing, updated)


def _note_post(record: ImportRecord, planned: PlannedFile, path: Path) -> None:
    """The WordPress post is at ``path`` now: written, or there already."""
    if planned.post:
        record.note_post(planned.post, path)


def _save_record(
    plan: ImportPlan,
    record: ImportRecord,
    changed: list[Path],
    posts_noted: bool = False,
) -> None:
    if posts_noted or any(plan.files[p].kind in DOCUMENT_KINDS for p in changed):
        record.save()


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _shortcodes_expanded(item: WpItem, export: WpExport, plan: ImportPlan) -> WpItem:
    """The item with WordPress's own shortcodes as WordPress showed them
    (``wp_shortcodes``); each other one is counted for the summary."""
    for name in other_shortcodes(item.html):
        plan.shortcodes[name] = plan.shortcodes.get(name, 0) + 1
    html = expand_shortcodes(item.html, item.post_id, export.attachments)
    return replace(item, html=html)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
