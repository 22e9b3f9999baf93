"""The parse stage: a Markdown file into a post's metadata and lesson statements.

The reader (``reader``) is Pelican's MarkdownReader with the callout
extension (``callouts``) and a first pass over the raw lines (``cleanup``:
control characters, private fields, prompts left from ``reflect new``).
Everything found is kept in the post's metadata, so Pelican's content cache
keeps it; nothing here knows the vocabulary's lessons beyond their slugs.
"""
