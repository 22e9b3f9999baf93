"""The assemble stage: every post's lessons into the reflection index.

Plain data in, plain data out (``index``, ``related``, ``sections``,
``charts``): no Pelican imports, so the index is built and tested without
building a site.
"""
