"""The `reflect` command: write, check and import reflections.

A second front end over the plugins' own code: `reflect lint` parses posts,
lessons and comments with exactly the functions the build uses.
"""
