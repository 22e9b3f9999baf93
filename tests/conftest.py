from __future__ import annotations

import pytest
from sitebuild import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The sample site, built once with pelicanconf.py as `make html` does."""
    return build_site(tmp_path_factory.mktemp("site") / "output")
