"""Plumbing that several plugins share, and nothing else.

No signals are connected here and no domain is known: diagnostics with
file and line (``diagnostics``), one way to declare and check settings
(``settings``), every piece of content a generator holds (``contents``),
metadata line numbers (``sourcelines``) and data files written the way
Pelican writes pages (``datafiles``). Domain plugins import this package;
they never import each other.
"""
