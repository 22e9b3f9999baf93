"""Pelican's writer, writing only the selected pages.

Every page and feed is still asked for in the order Pelican asks for it;
the ones not selected are left out before their template is rendered, so
the first pass costs the reading and generating of the site plus the
selected pages. A paginated call (the home page, an archive) writes all its
pages when one of them is selected, as Pelican would: a page's neighbours
are part of what it shows.
"""

from __future__ import annotations

from pelican.paginator import Paginator
from pelican.writers import Writer

from sitekit.selectedpages import any_selected, is_selected


class SelectedPagesWriter(Writer):
    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not any_selected(
            self.settings, self._files_of(name, url, paginated, template_name, kwargs)
        ):
            return None
        return super().write_file(
            name,
            template,
            context,
            relative_urls=relative_urls,
            paginated=paginated,
            template_name=template_name,
            override_output=override_output,
            url=url,
            **kwargs,
        )

    def write_feed(self, elements, context, path=None, url=None, *args, **kwargs):
        if path is not None and not is_selected(self.settings, path):
            return None
        return super().write_feed(elements, context, path, url, *args, **kwargs)

    def _files_of(self, name, url, paginated, template_name, kwargs) -> list[str]:
        """The files one ``write_file`` call writes: its pages' names, as
        Pelican 4.12's ``Writer.write_file`` paginates them (with the public
        ``Paginator``)."""
        if not name:
            return []
        if paginated is None:
            paginated = {
                key: value
                for key, value in kwargs.items()
                if key in {"articles", "dates"}
            }
        templates = self.settings["PAGINATED_TEMPLATES"]
        if not paginated or template_name not in templates:
            return [name]
        per_page = templates[template_name] or self.settings["DEFAULT_PAGINATION"]
        paginator = Paginator(
            name, url, list(paginated.values())[-1], self.settings, per_page
        )
        return [
            paginator.page(number).save_as
            for number in range(1, paginator.num_pages + 1)
        ]
