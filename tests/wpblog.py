"""The test WordPress export, and an empty site to import it into."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build_site

SURPRISES = Path(__file__).parent / "fixtures" / "wordpress-surprises.xml"
OLD_HOST = "https://old-hallway.example.com"
SETTINGS = (
    'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
    'STATIC_PATHS = ["images"]\nTIMEZONE = "UTC"\n'
    'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
)
# The post that shows two images, both named floor.jpg on the old host.
POST = "posts/2020-03-02-shadowing-a-line-supervisor.md"
FEBRUARY = "/wp-content/uploads/2020/02/floor.jpg"
MARCH = "/wp-content/uploads/2020/03/floor.jpg"


def new_blog(folder: Path) -> Path:
    """A site with a pelicanconf.py and an empty content folder."""
    (folder / "pelicanconf.py").write_text(SETTINGS)
    (folder / "content").mkdir()
    return folder


def build_blog(blog: Path, conf: str = "pelicanconf.py", **overrides) -> Path:
    """The blog imported into ``blog``, built with this project's settings
    as a writer would before choosing a vocabulary (the import's lessons
    are not in it yet): its output folder."""
    return build_site(
        blog / "output",
        conf=conf,
        content=blog / "content",
        REFLECTIONS_VOCABULARY=None,
        **overrides,
    )
