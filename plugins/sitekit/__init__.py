"""Plumbing that several plugins share, and nothing else.

No signals are connected here and no domain is known: diagnostics with
file and line (``diagnostics``), rules and the findings checks report
(``rules``), what a plugin declares about itself and the check of the
PLUGINS order (``declaration``), one way to declare and check settings
(``settings``), every piece of content a generator holds (``contents``),
the metadata block as Markdown reads it (``sourcelines``), data files
written the way Pelican writes pages (``datafiles``), the text hygiene every
reader of an author's words applies (``hygiene``: control characters,
private markers), the fields no published file may carry (``localonly``)
and the rule for symbolic links in the content folder
(``sourcepaths``). Domain plugins import this package; they never import
each other.
"""
