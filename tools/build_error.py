"""The build command's own failure, shared by ``tools/build.py`` and
``make serve``'s loop (``tools/preview_loop.py``): one class, whichever
module raises or catches it, even with ``build.py`` run as a script."""


class BuildError(Exception):
    """Why the build did not replace the output; printed as one line."""
