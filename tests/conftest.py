from __future__ import annotations

import pytest
from sitebuild import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The sample site, built once with pelicanconf.py as `make html` does."""
    return build_site(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The sample site built as `make publish SITEURL=https://example.org/blog`."""
    return build_site(
        tmp_path_factory.mktemp("published") / "output",
        conf="publishconf.py",
        SITEURL="https://example.org/blog",
    )
