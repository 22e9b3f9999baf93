"""A rebuild from Pelican's content caches is byte-identical to a cold build,
whatever changed since the caches were written: the settings, the plugins'
code or a post. And a damaged cache file costs one warning, not the build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from outputs import differences
from sitebuild import ROOT, copy_content, pelican_with_cache, read


class Project:
    """A copy of the project's content and plugins that a test may edit,
    built the way `make html` builds, with the content cache on."""

    def __init__(self, root: Path, copied: bool = False):
        self.root = root
        self.content = root / "content"
        self.plugins = root / "plugins"
        if not copied:
            copy_content(self.content)
            shutil.copytree(ROOT / "plugins", self.plugins)
        self.settings: dict[str, str] = {}
        self.preamble: list[str] = []  # lines the settings file starts with

    def build(self, name: str, cache: str = "cache") -> Path:
        conf = self.root / f"{name}.conf.py"
        lines = [
            "import sys",
            f"sys.path.insert(0, {str(ROOT)!r})",
            "from pelicanconf import *",
            *self.preamble,
            f"PLUGIN_PATHS = [{str(self.plugins)!r}]",
            f"THEME = {str(ROOT / 'theme')!r}",
            "LOAD_CONTENT_CACHE = True",
            "CACHE_CONTENT = True",
            *(f"{key} = {value}" for key, value in self.settings.items()),
        ]
        conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        output = self.root / name
        result = pelican_with_cache(
            self.content, output, conf, self.root / cache, cwd=self.root
        )
        assert result.returncode == 0, result.stdout + result.stderr
        self.last_log = result.stdout + result.stderr
        return output

    def rebuild_matches_cold_build(self) -> bool:
        rebuilt = self.build("rebuilt")
        cold = self.build("cold", cache=f"cold-cache-{len(self.settings)}")
        return differences(cold, rebuilt) == []


def page(site: Path) -> str:
    return read(site / "2025" / "two-levels-up" / "index.html")


# A test that changes nothing before its first build starts from this one:
# the project built once ("first", with its cache) and kept aside, then put
# back, byte for byte and with its files' times, at the same place for each
# test. Pelican's cache names its sources by their absolute paths, so the
# copy must be where the build was.


@pytest.fixture(scope="module")
def first_built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("first-built")
    Project(folder / "project").build("first")
    shutil.copytree(folder / "project", folder / "kept", symlinks=True)
    return folder


@pytest.fixture
def built(first_built) -> Project:
    """A project whose first build is done: as if it had just run."""
    root = first_built / "project"
    shutil.rmtree(root)
    shutil.copytree(first_built / "kept", root, symlinks=True)
    return Project(root, copied=True)


def test_a_rebuild_after_changing_timezone_shows_comment_times_anew(built):
    project = built
    first = project.root / "first"
    project.settings["TIMEZONE"] = '"Asia/Tokyo"'
    rebuilt = project.build("rebuilt")
    assert page(first) != page(rebuilt)  # the comments' times moved
    assert project.rebuild_matches_cold_build()


def test_a_rebuild_after_changing_markdown_settings_converts_posts_anew(built):
    project = built
    project.settings["MARKDOWN"] = (
        '{"extensions": ["markdown.extensions.smarty", "markdown.extensions.extra"],'
        ' "output_format": "html5"}'
    )
    assert "&rsquo;" in page(project.build("rebuilt"))
    assert project.rebuild_matches_cold_build()


def test_a_rebuild_after_a_sanitiser_fix_cleans_existing_comments_again(tmp_path):
    project = Project(tmp_path)
    (project.content / "comments" / "two-levels-up" / "2025-09-20-lee.md").write_text(
        "Author: Lee\nDate: 2025-09-20 10:00\n\nSee [my notes](https://lee.example/).\n",
        encoding="utf-8",
    )
    assert 'rel="nofollow ugc noopener"' in page(project.build("first"))
    sanitiser = project.plugins / "comments" / "sanitize.py"
    source = read(sanitiser)
    fixed = source.replace(
        '"nofollow ugc noopener"', '"nofollow ugc noopener noreferrer"'
    )
    assert fixed != source
    sanitiser.write_text(fixed, encoding="utf-8")
    assert 'rel="nofollow ugc noopener noreferrer"' in page(project.build("rebuilt"))
    assert project.rebuild_matches_cold_build()


def test_a_rebuild_after_a_callout_code_change_renders_callouts_anew(built):
    project = built
    kinds = project.plugins / "reflections" / "parse" / "kinds.py"
    kinds.write_text(
        read(kinds).replace('label = "Lesson"', 'label = "Lesson learned"'),
        encoding="utf-8",
    )
    assert "Lesson learned" in page(project.build("rebuilt"))
    assert project.rebuild_matches_cold_build()


def test_a_body_edit_reaches_list_pages_that_read_bodies_through_a_filter(tmp_path):
    project = Project(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    index = theme / "templates" / "index.html"
    index.write_text(
        read(index).replace(
            "{% block content %}",
            "{% block content %}<p>{{ articles|total_words }} words</p>",
            1,
        ),
        encoding="utf-8",
    )
    project.settings["THEME"] = repr(str(theme))
    project.settings["JINJA_FILTERS"] = (
        '{"total_words": lambda posts: sum(len(p.content.split()) for p in posts)}'
    )
    first = read(project.build("first") / "index.html")
    post = project.content / "posts" / "2025-09-14-two-levels-up.md"
    post.write_text(read(post) + "\nFive more words right here.\n", encoding="utf-8")
    rebuilt = read(project.build("rebuilt") / "index.html")
    assert first != rebuilt
    assert project.rebuild_matches_cold_build()


def test_a_damaged_cache_file_is_discarded_with_one_warning(built):
    project = built
    cache = project.root / "cache"
    damaged = sorted(p for p in cache.iterdir() if p.name.endswith("-Readers"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    rebuilt = project.build("rebuilt")
    assert project.last_log.count("cache file is damaged") == 1
    assert damaged.name in project.last_log
    cold = project.build("cold", cache="cold-cache")
    assert differences(cold, rebuilt) == []


def test_a_rebuild_after_a_vocabulary_edit_gives_callouts_their_new_anchors(built):
    project = built
    vocabulary = project.content / "lessons.yml"
    vocabulary.write_text(
        read(vocabulary).replace(
            "\nprepare-targeted-questions:\n", "\ntargeted-questions:\n"
        ),
        encoding="utf-8",
    )
    assert 'id="lesson-targeted-questions"' in page(project.build("rebuilt"))
    assert project.rebuild_matches_cold_build()


@pytest.mark.parametrize("method", [None, '"mtime"'])
def test_an_edit_that_keeps_the_modification_time_is_rebuilt(tmp_path, method):
    """Pelican's default stamp is the time; pelicanconf.py's is sha256, and
    a settings file that asks for the time gets sha256 all the same."""
    project = Project(tmp_path)
    if method:
        project.settings["CHECK_MODIFIED_METHOD"] = method
    project.build("first")
    post = project.content / "posts" / "2025-09-14-two-levels-up.md"
    stamp = post.stat()
    post.write_text(
        read(post).replace("## His story", "## His own story"), encoding="utf-8"
    )
    os.utime(post, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert post.stat().st_mtime_ns == stamp.st_mtime_ns

    assert 'id="his-own-story"' in page(project.build("rebuilt"))
    assert project.rebuild_matches_cold_build()


def test_a_rebuild_after_a_fix_in_a_helper_module_of_the_settings(tmp_path):
    """A settings function that calls a module the settings file imports:
    the helper's code is part of the cache key."""
    project = Project(tmp_path)
    helper = tmp_path / "headings.py"
    helper.write_text(
        "def anchor(text, separator):\n"
        "    return 'h' + separator + text.lower().replace(' ', separator)\n"
    )
    project.preamble = [
        f"sys.path.insert(0, {str(tmp_path)!r})",
        "import headings",
        "def heading_anchor(text, separator):",
        "    return headings.anchor(text, separator)",
        "MARKDOWN = {**MARKDOWN, 'extension_configs': {",
        "    **MARKDOWN['extension_configs'],",
        "    'sitekit.toc': {'slugify': heading_anchor}}}",
    ]
    assert 'id="h-his-story"' in page(project.build("first"))
    helper.write_text(helper.read_text().replace("'h' +", "'part' +"))

    assert 'id="part-his-story"' in page(project.build("rebuilt"))
    assert project.rebuild_matches_cold_build()


def test_the_key_names_every_library_as_importlib_metadata_reads_it():
    from importlib import metadata

    from sitekit.cachekey import _library_versions

    expected = sorted(
        f"{dist.metadata['Name']}=={dist.metadata['Version']}"
        for dist in metadata.distributions()
    )
    assert _library_versions() == expected


def test_a_librarys_name_and_version_come_from_its_metadata_header(tmp_path):
    """Field names in any case, the first of each, the header only (the
    long description after the empty line may say anything)."""
    from importlib import metadata

    from sitekit.cachekey import _header_fields

    info = tmp_path / "demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nname: demo\nVERSION:  1.0 \nVersion: 2.0\n"
        "Summary: a library\n\nName: not this\nVersion: 3.0\n",
        encoding="utf-8",
    )
    dist = metadata.PathDistribution(info)
    fields = _header_fields(dist, ("name", "version"))
    assert fields == {
        "name": dist.metadata["Name"],
        "version": dist.metadata["Version"],
    }
    assert fields == {"name": "demo", "version": "1.0 "}
