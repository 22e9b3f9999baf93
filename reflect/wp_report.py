"""What an import did, as the writer reads it: the summary and the warnings.

Nothing is dropped, refused or left alone without a line here: every file
skipped, every image not downloaded and why, every earlier file whose links
were rewritten or that was left as the writer edited it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitekit.diagnostics import display_path

from .wp_images import hosts

if TYPE_CHECKING:
    from .wp_plan import ImportPlan


@dataclass
class ImportResult:
    plan: ImportPlan
    written: list[Path]
    existing: list[Path]
    updated: list[Path] = field(default_factory=list)  # links rewritten

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
        lines += _named_files(
            self.updated,
            f"Links rewritten in {len(self.updated)} file(s) imported earlier:",
        )
        if plan.links_rewritten:
            lines.append(
                "Links between imported posts now lead to their new files "
                f"({{filename}}): {sum(plan.links_rewritten.values())}, in "
                f"{len(plan.links_rewritten)} file(s)."
            )
        lines += _named_files(
            plan.edited,
            f"Left as they are, edited since the import ({len(plan.edited)}): "
            "their images still load from the old host; download them and "
            "change the links by hand, or move your edits aside and run again",
        )
        if plan.refused_images:
            lines.append(
                f"Images not downloaded ({len(plan.refused_images)}); their "
                "links still point at the old host:"
            )
            refused = sorted(plan.refused_images.items())
            lines += [f"  {url}: {reason}" for url, reason in refused]
        lines += _named_files(
            plan.undated,
            f"Dated as the export was made (its pubDate), giving no date that "
            f"could be read ({len(plan.undated)}): change their Date: line",
        )
        lines += _named_files(
            plan.protected,
            "Imported as drafts, WordPress asking readers for a password "
            f"({len(plan.protected)}): a static site cannot, so publish each "
            "only if everyone may read it",
        )
        if plan.moved:
            lines.append(
                "Imported before, and moved since: left out with their comments "
                f"({len(plan.moved)}):"
            )
            lines += [
                f"  {display_path(str(now))} (imported as {display_path(str(was))})"
                for was, now in plan.moved
            ]
        lines += _named_files(
            plan.hidden_titles,
            "Titled by their slug, their title holding a private marker, "
            f"which the build would withhold ({len(plan.hidden_titles)}): the "
            "title is their first paragraph, hidden; give each a public title",
        )
        lines += _named_files(
            plan.undated_comments,
            "Comments dated as their post, the export giving no date that "
            f"could be read ({len(plan.undated_comments)}): change their "
            "Date: line",
        )
        lines += _named_files(
            plan.made_plain,
            "Imported as plain text, their markup holding something that "
            f"would run in a reader's browser ({len(plan.made_plain)}):",
        )
        lines += _named_files(
            plan.made_plain_costly,
            "Imported as plain text, Markdown taking time beyond their length "
            f"to read their markup ({len(plan.made_plain_costly)}):",
        )
        if plan.repeated:
            lines.append(f"Given twice in the export, left out ({len(plan.repeated)}):")
            lines += [f"  {repeat}" for repeat in plan.repeated]
        if plan.shared_ids:
            lines.append(
                "A wp:comment_id a comment under another post has too, each kept "
                f"with its own post and replies ({len(plan.shared_ids)}):"
            )
            lines += [f"  {shared}" for shared in plan.shared_ids]
        if plan.orphan_replies:
            lines.append(
                "Replies to a comment not imported (spam, unapproved or not in "
                f"the export), shown as new comments: {plan.orphan_replies}."
            )
        if plan.shortcodes:
            named = ", ".join(
                f"[{name}] in {count} post(s)"
                for name, count in sorted(plan.shortcodes.items())
            )
            lines.append(f"Shortcodes WordPress expanded, left as their text: {named}.")
        if plan.categories_as_tags:
            lines.append(
                "Categories past a post's first, kept as its tags (a post has one "
                f"category): {sum(plan.categories_as_tags)}, in "
                f"{len(plan.categories_as_tags)} post(s)."
            )
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
        if self.plan.record is not None and self.plan.record.problem:
            found.append(
                f"{self.plan.record.problem}; files imported earlier are treated "
                "as edited"
            )
        if self.plan.hotlinked:
            found.append(
                f"{len(set(self.plan.hotlinked))} image(s) still load from "
                f"{', '.join(hosts(self.plan.hotlinked))}; run again with "
                "--download-images to copy them into content/images/"
            )
        if self.plan.refused_images:
            found.append(
                f"{len(self.plan.refused_images)} image(s) not downloaded "
                "(the summary names them and says why)"
            )
        if self.plan.undated:
            found.append(
                f"{len(self.plan.undated)} published post(s) had no date that "
                "could be read and are dated as the export was made (the summary names "
                "them)"
            )
        if self.plan.undated_comments:
            found.append(
                f"{len(self.plan.undated_comments)} comment(s) had no date that "
                "could be read and are dated as their post (the summary names them)"
            )
        if self.plan.made_plain:
            found.append(
                f"{len(self.plan.made_plain)} post(s) imported as plain text, "
                "their markup holding something that would run (the summary "
                "names them)"
            )
        if self.plan.made_plain_costly:
            found.append(
                f"{len(self.plan.made_plain_costly)} post(s) imported as plain "
                "text, Markdown taking time beyond their length to read their "
                "markup (the summary names them)"
            )
        if self.plan.edited:
            found.append(
                f"{len(self.plan.edited)} file(s) edited since the import keep "
                "their remote images (the summary names them)"
            )
        return found


def _named_files(paths: list[Path], heading: str) -> list[str]:
    """The summary's section for ``paths``: its heading, then each file on a
    line of its own; nothing when there are none."""
    if not paths:
        return []
    return [heading, *(f"  {display_path(str(path))}" for path in paths)]
