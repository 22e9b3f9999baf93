"""The `reflect` command: write, check and import reflections.

A second front end over the plugins' own code: it loads the site's plugins
as Pelican does (``site``), reads the site as the build reads it and runs
the same pipeline over it (``content``), so `reflect lint`, `reflect
lessons` and `reflect suggest` see what the build sees.
"""
