"""The one error of a file a published build cannot write without its
metadata (a photo: ``imagestrip``; a drawing: ``svgstrip``)."""


class Unstrippable(Exception):
    """An image that cannot be written without its metadata. The message
    says why, in words for the writer."""
