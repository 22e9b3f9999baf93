"""The rules for where a build writes, on their own: which output folders
are refused and why, the marker a build leaves beside its output, the path
every plugin's file goes through, the litter static folders never publish,
and the one line a write error becomes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitekit.outputfolder import (
    Marker,
    OutputFolderError,
    OutputRule,
    check_output_folder,
    files_under,
    marker_path,
    read_marker,
    write_marker,
)
from sitekit.outputpaths import OutputPathError, climbs, output_file, place_in
from sitekit.sourcepaths import is_litter, litter_in
from sitekit.writeerrors import describe_os_error
from sourceguard.destinations import destination_problem


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with content, theme, plugins and cache, a home
    folder of its own, and the project as the working folder."""
    for name in ("content", "theme", "plugins", "cache", "home"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rule_for(project: Path) -> OutputRule:
    return OutputRule.from_settings(
        {
            "PATH": str(project / "content"),
            "THEME": str(project / "theme"),
            "PLUGIN_PATHS": [str(project / "plugins")],
            "CACHE_PATH": str(project / "cache"),
        }
    )


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("content", "is the content folder"),
        ("content/site", "lies inside the content folder"),
        ("theme", "is the theme"),
        ("theme/static/site", "lies inside the theme"),
        ("plugins", "is the plugin folder"),
        ("plugins/social/out", "lies inside the plugin folder"),
        (".", "is the project folder"),
        ("..", "holds the content folder"),
        ("cache", "is the cache folder"),
        ("home", "is the home folder"),
        ("/", "is the root folder"),
    ],
)
def test_an_output_folder_the_rule_names_is_refused(project, output, reason):
    with pytest.raises(OutputFolderError) as refused:
        check_output_folder(project / output, rule_for(project))
    assert reason in str(refused.value)
    assert "give it a folder of its own" in str(refused.value)


def test_a_link_to_the_content_folder_is_the_content_folder(project):
    (project / "site").symlink_to(project / "content")
    with pytest.raises(OutputFolderError, match="is the content folder"):
        check_output_folder(project / "site", rule_for(project))


def test_a_new_or_empty_folder_beside_the_content_is_accepted(project):
    rule = rule_for(project)
    check_output_folder(project / "output", rule)
    (project / "output").mkdir()
    check_output_folder(project / "output", rule)
    check_output_folder(project / "home" / "site" / "output", rule)


def test_a_folder_another_hand_filled_is_refused_until_a_build_marks_it(project):
    output = project / "output"
    output.mkdir()
    (output / "notes.txt").write_text("mine")
    rule = rule_for(project)
    with pytest.raises(OutputFolderError, match="no build of this site wrote"):
        check_output_folder(output, rule)
    write_marker(output, Marker(str(rule.site), files_under(output)))
    check_output_folder(output, rule)


def test_a_file_added_after_the_last_build_is_named(project):
    output = project / "output"
    (output / "2025").mkdir(parents=True)
    (output / "index.html").write_text("home")
    rule = rule_for(project)
    write_marker(output, Marker(str(rule.site), files_under(output)))
    (output / "CNAME").write_text("example.org")
    (output / "2025" / "mine.html").write_text("mine")
    with pytest.raises(OutputFolderError) as refused:
        check_output_folder(output, rule)
    assert str(refused.value).startswith(f"{output / '2025/mine.html'} and 1 more:")
    (output / "CNAME").unlink()
    (output / "2025" / "mine.html").unlink()
    (output / "index.html").unlink()  # a file the build wrote, removed: harmless
    check_output_folder(output, rule)


def test_a_folder_a_build_did_not_finish_is_still_the_sites(project):
    output = project / "output"
    output.mkdir()
    (output / "half.html").write_text("half")
    rule = rule_for(project)
    write_marker(output, Marker(str(rule.site)))
    check_output_folder(output, rule)


def test_another_sites_output_is_refused(project):
    output = project / "output"
    output.mkdir()
    (output / "index.html").write_text("theirs")
    write_marker(output, Marker("/elsewhere/content", ("index.html",)))
    with pytest.raises(OutputFolderError, match="built from /elsewhere/content"):
        check_output_folder(output, rule_for(project))


def test_an_output_that_is_a_file_is_refused(project):
    (project / "output").write_text("not a folder")
    with pytest.raises(OutputFolderError, match="is a file, not a folder"):
        check_output_folder(project / "output", rule_for(project))


def test_the_marker_lies_beside_the_folder_a_link_points_to(project):
    (project / "www").mkdir()
    (project / "output").symlink_to(project / "www")
    write_marker(project / "output", Marker("site", ("a.html",)))
    assert marker_path(project / "output") == project / ".www.marker.json"
    assert read_marker(project / "www") == Marker("site", ("a.html",))
    assert not list((project / "www").iterdir())


def test_a_damaged_marker_counts_as_none(project):
    (project / "output").mkdir()
    marker_path(project / "output").write_text("{half")
    assert read_marker(project / "output") is None


def test_files_under_lists_links_but_does_not_follow_them(project):
    site = project / "output"
    (site / "a").mkdir(parents=True)
    (site / "a" / "page.html").write_text("x")
    (site / "linked").symlink_to(project / "content")
    assert files_under(site) == ("a/page.html", "linked")


@pytest.mark.parametrize("path", ["../x", "a/../../x", "/etc/x", "..", "a/.."])
def test_a_path_that_climbs_is_refused_wherever_it_ends(tmp_path, path):
    assert climbs(path)
    if path not in ("a/..",):
        with pytest.raises(OutputPathError, match="leaves the output folder"):
            output_file(tmp_path / "output", path, what="the preview image's path")


def test_a_path_inside_the_output_folder_resolves_there(tmp_path):
    assert not climbs("2025/post/preview.png")
    found = output_file(tmp_path / "output", "2025/post/preview.png")
    assert found == tmp_path / "output" / "2025" / "post" / "preview.png"


def test_a_sibling_folder_that_shares_the_name_is_outside(tmp_path):
    """Pelican's sanitised_join compares strings: /x/output-old passes."""
    with pytest.raises(OutputPathError):
        output_file(tmp_path / "output", "../output-old/x.html")


def test_a_link_inside_the_output_that_leads_out_is_outside(tmp_path):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "away").symlink_to(tmp_path)
    with pytest.raises(OutputPathError, match=r"source\.md:3: the path"):
        output_file(tmp_path / "output", "away/x.png", source="source.md", line=3)


def linked_tree(root: Path) -> Path:
    """Folders, files and every kind of link a path can meet on its way:
    to a folder inside, to one outside, to a file, dangling, in a loop."""
    site = root / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "page.html").write_text("x")
    (root / "elsewhere").mkdir()
    (site / "inside").symlink_to(site / "a")
    (site / "a" / "up").symlink_to("..")
    (site / "out").symlink_to(root / "elsewhere")
    (site / "file").symlink_to(site / "a" / "b" / "page.html")
    (site / "dangling").symlink_to(root / "nowhere")
    (site / "loop").symlink_to("loop")
    return site


COMPONENTS = ["a", "b", "page.html", "inside", "up", "out", "file", "dangling"]
COMPONENTS += ["loop", "new", "..", "."]


def realpath_place(site: Path, path: str) -> str | None:
    """Where ``realpath`` says ``path`` lies in ``site``, or None."""
    real_site, real = os.path.realpath(site), os.path.realpath(path)
    if not real.startswith(real_site + "/"):
        return None
    return real[len(real_site) + 1 :]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(COMPONENTS), min_size=1, max_size=6))
def test_a_path_lies_where_realpath_says_it_lies(tmp_path, components):
    """Looking part by part never changes the answer, whatever lies on the
    way (the guard asks with normalised absolute paths)."""
    site = tmp_path / "site"
    if not site.exists():
        linked_tree(tmp_path)
    path = os.path.normpath(site.joinpath(*components))
    if path.startswith(f"{site}/"):
        assert place_in(str(site), path) == realpath_place(site, path)
    else:
        assert place_in(str(site), path) is None


@pytest.mark.parametrize("replaced", ["a/b", "a"])
def test_a_folder_moved_out_and_linked_back_leads_out(tmp_path, replaced):
    """A folder, or one on its way, moved out of the output folder and
    replaced by a link to where it went: a path through it is refused,
    however often the guard looked at it before."""
    site = linked_tree(tmp_path)
    assert output_file(site, "a/b/new.html") == site / "a" / "b" / "new.html"
    (site / replaced).rename(tmp_path / "moved")
    (site / replaced).symlink_to(tmp_path / "moved")
    with pytest.raises(OutputPathError):
        output_file(site, "a/b/new.html")


def test_an_output_folder_that_is_a_link_holds_what_is_written_through_it(tmp_path):
    (tmp_path / "www").mkdir()
    (tmp_path / "output").symlink_to(tmp_path / "www")
    found = output_file(tmp_path / "output", "tags/x.html")
    assert found == tmp_path / "output" / "tags" / "x.html"


@pytest.mark.parametrize(
    "name",
    [
        *(".env", ".git", ".DS_Store", "._photo.jpg", "notes.md~", "#draft.md#"),
        *(".#draft.md", "Thumbs.db", "desktop.ini", ".photo.jpg.swp", "x.swp"),
    ],
)
def test_hidden_names_and_editor_or_system_litter_are_litter(name):
    assert is_litter(name)


@pytest.mark.parametrize("name", ["photo.jpg", "well-known.txt", "notes.md", "a~b"])
def test_ordinary_names_are_not_litter(name):
    assert not is_litter(name)


def test_litter_is_judged_below_the_static_path_that_names_it():
    paths = ["images", ".well-known", "extra/.htaccess"]
    assert litter_in("images/.git/config", paths) == ".git"
    assert litter_in("images/2025/.env", paths) == ".env"
    assert litter_in("images/photo.jpg", paths) is None
    assert litter_in(".well-known/security.txt", paths) is None
    assert litter_in("extra/.htaccess", paths) is None
    assert litter_in("posts/.secret.png", paths) == ".secret.png"  # {static} link


def test_a_write_error_is_one_line_with_what_to_do():
    full = OSError(errno.ENOSPC, "No space left on device", "/tmp/x/output/a.html")
    assert describe_os_error(full, str) == (
        "/tmp/x/output/a.html: No space left on device (the disk is full: free "
        "some space and build again)"
    )
    moved = OSError(errno.EXDEV, "Invalid cross-device link", "/a", None, "/b")
    assert describe_os_error(moved, str) == "/a -> /b: Invalid cross-device link"


@pytest.mark.parametrize(
    ("metadata", "save_as", "named"),
    [
        ({"slug": 'say-"hello"'}, '2026/say-"hello"/index.html', "Slug"),
        ({"slug": "a<b>"}, "2026/a<b>/index.html", "Slug"),
        ({"slug": "why?"}, "why?.html", "Slug"),
        ({"slug": "part#2"}, "part#2.html", "Slug"),
        ({"slug": "100%"}, "100%.html", "Slug"),
        ({"slug": "two words"}, "two words.html", "Slug"),
        ({"slug": "tab\there"}, "tab\there.html", "Slug"),
        ({"save_as": "a|b.html"}, "a|b.html", "Save_as"),
    ],
)
def test_a_page_name_an_address_cannot_carry_is_refused(metadata, save_as, named):
    problem = destination_problem("post.md", metadata, save_as, "output")

    assert problem is not None
    assert problem.message.startswith(f"{named} gives the file name {save_as!r}")


@pytest.mark.parametrize(
    "save_as", ["2026/café-au-lait/index.html", "a_b-c.d/index.html", "日本/x.html"]
)
def test_letters_of_any_script_digits_and_dashes_make_a_page_name(save_as):
    assert destination_problem("post.md", {"slug": "x"}, save_as, "output") is None


def test_a_static_file_keeps_its_own_name():
    problem = destination_problem(
        "images/My Photo.jpg", {}, "images/My Photo.jpg", "output", page_address=False
    )
    assert problem is None


def test_files_under_lists_what_os_walk_lists(tmp_path):
    """Every file and every link (to a folder, a file, nowhere, itself),
    links not followed, as a walk of the folder finds them."""
    site = linked_tree(tmp_path)
    (site / "a" / "b" / "deeper" / "still").mkdir(parents=True)
    (site / "a" / "b" / "deeper" / "still" / "x.txt").write_text("x")
    walked = []
    for parent, folders, files in os.walk(site):
        relative = Path(parent).relative_to(site)
        linked = [name for name in folders if Path(parent, name).is_symlink()]
        walked += [(relative / name).as_posix() for name in (*files, *linked)]
    assert files_under(site) == tuple(sorted(walked))
    assert "out" in files_under(site) and "loop" in files_under(site)
