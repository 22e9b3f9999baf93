"""Addresses that run, or that cannot be a page of the site.

A site's address (``SITEURL``), the feeds' (``FEED_DOMAIN``), where a
comment form posts (``COMMENTS_FORM_ACTION``), the Webmention settings and
every page's address setting (``*_URL``) go into every page's links; a
post's own ``Url:`` into every link to it. ``javascript:``, ``data:``,
``vbscript:`` or any scheme but http(s), hidden by spaces, tabs or an
entity or not, and a site's address with a query or a fragment, built
without a word (a link that runs, or leads nowhere). Each is refused in one
line naming the settings file and line, or the post and line, with a
non-zero exit: in the build and in every ``reflect`` command.
"""

from __future__ import annotations

import subprocess

import pytest
from sitebuild import REFLECT, copy_project, read
from test_bad_input import POST, replace_line
from test_input_hunt import pelican_build

from sitekit.siteaddresses import address_problem
from sourceguard.settingchecks import check_address_settings

RUNS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "jav&#x61;script:alert(1)",
    "javascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/blog",
    "mailto:me@example.org",
    "example.org:8000",
    "http&#58;//example.org",
    "https:example.org",
    "https://",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<b>",
]


@pytest.mark.parametrize("value", RUNS)
def test_an_address_that_runs_or_leads_nowhere_is_refused(value):
    assert address_problem(value) is not None
    assert address_problem(value, site=True) is not None


@pytest.mark.parametrize(
    "value", ["https://example.org/blog?x=1", "https://example.org/#top"]
)
def test_a_sites_address_with_a_query_or_a_fragment_is_refused(value):
    assert "query or a fragment" in address_problem(value, site=True)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "https://example.org",
        "https://example.org/blog/",
        "HTTPS://Example.org",
        "http://localhost:8000",
        "http://127.0.0.1:8000/blog",
        "https://example.org/caf\u00e9",
        "/blog",
    ],
)
def test_a_web_address_or_a_path_in_the_site_is_kept(value):
    assert address_problem(value) is None
    assert address_problem(value, site=True) is None


def test_a_protocol_relative_address_is_a_link_but_no_sites_address():
    """``//host`` works as a link from an https page, but a site's address
    makes the feeds' and the sitemap's, which must be absolute."""
    assert address_problem("//example.org/blog") is None
    problem = address_problem("//example.org/blog", site=True)
    assert "protocol-relative" in problem
    assert "https://example.org/blog" in problem


def test_a_query_whose_names_look_like_entities_is_kept():
    """``&copy=2`` in an attribute is read as written: no reference."""
    assert address_problem("https://fonts.example/css?a=1&copy=2&lt=3") is None
    assert address_problem("https://example.org/&#58;x") is not None
    assert address_problem("https://example.org/&colon;x") is not None


def test_a_path_setting_with_fields_is_no_scheme():
    assert address_problem("{date:%Y}/{slug}/") is None
    assert address_problem("posts:{slug}/") is not None


def test_the_sites_own_settings_and_links_to_write_to_are_kept():
    check_address_settings(
        {
            "SITEURL": "https://example.org/blog",
            "FEED_DOMAIN": "https://example.org",
            "ARTICLE_URL": "{date:%Y}/{slug}/",
            "SOCIAL": (("Email", "mailto:me@example.org"), ("Phone", "tel:+15550100")),
            "MENUITEMS": "not a list",  # its type is Pelican's to judge
            "WEBMENTION_ENDPOINT": "https://webmention.example/x?token=1",
        }
    )


# --- Settings, in the build and in every reflect command ----------------------

SETTINGS = [
    ("SITEURL", '"javascript:alert(1)"'),
    ("SITEURL", '"data:text/html,x"'),
    ("SITEURL", '"vbscript:x"'),
    ("SITEURL", '" javascript:alert(1)"'),
    ("SITEURL", '"java\\tscript:alert(1)"'),
    ("SITEURL", '"jav&#x61;script:alert(1)"'),
    ("SITEURL", '"ftp://example.org"'),
    ("SITEURL", '"https://example.org/blog?utm=1"'),
    ("SITEURL", '"https://example.org/blog#top"'),
    ("FEED_DOMAIN", '"javascript:alert(1)"'),
    ("COMMENTS_FORM_ACTION", '"javascript:alert(1)"'),
    ("WEBMENTION_ENDPOINT", '"javascript:alert(1)"'),
    ("WEBMENTION_SITE_URLS", '["https://example.org", "data:,x"]'),
    ("ARTICLE_URL", '"javascript:{slug}"'),
    ("REFLECTIONS_INDEX_URL", '"vbscript:x"'),
    ("SOCIAL", '(("Mastodon", "https://example.social/@me"), ("x", "javascript:x"))'),
]


def said_by(run: subprocess.CompletedProcess) -> str:
    return run.stdout + run.stderr


def assert_refused_at(run: subprocess.CompletedProcess, where: str, name: str):
    said = said_by(run)
    assert run.returncode != 0, said
    lines = [line for line in said.splitlines() if where in line]
    assert len(lines) == 1, said
    assert name in lines[0] and "address" in lines[0], said
    assert "Traceback" not in said, said


@pytest.mark.parametrize(("name", "value"), SETTINGS)
def test_a_setting_that_runs_stops_the_build_and_reflect_at_its_line(
    tmp_path, name, value
):
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    text = read(settings) + f"\n{name} = {value}\n"
    settings.write_text(text, encoding="utf-8")
    line = text.count("\n")

    built = pelican_build(site, tmp_path / "out")
    linted = subprocess.run(
        [str(REFLECT), "lint"], cwd=site, capture_output=True, text=True
    )

    for run in (built, linted):
        assert_refused_at(run, f"pelicanconf.py:{line}: ", name)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "command", [["lessons"], ["suggest"], ["due"], ["new", "A title"]]
)
def test_every_reflect_command_refuses_a_site_address_that_runs(tmp_path, command):
    site = copy_project(tmp_path / "site")
    line = replace_line(
        site / "pelicanconf.py", "SITEURL =", 'SITEURL = "javascript:alert(1)"'
    )
    posts = sorted((site / "content").rglob("*.md"))

    run = subprocess.run(
        [str(REFLECT), *command], cwd=site, capture_output=True, text=True
    )

    assert_refused_at(run, f"pelicanconf.py:{line}: ", "SITEURL")
    assert sorted((site / "content").rglob("*.md")) == posts  # nothing written


def test_a_published_build_names_publishconfs_line(tmp_path):
    site = copy_project(tmp_path / "site")
    line = replace_line(
        site / "publishconf.py", "SITEURL =", 'SITEURL = "javascript:alert(1)"'
    )

    built = pelican_build(site, tmp_path / "out", conf="publishconf.py")

    assert_refused_at(built, f"publishconf.py:{line}: ", "SITEURL")


# --- A post's own Url: ---------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "https://elsewhere.example/",
        "//elsewhere.example/x/",
        "/2025/rooted/",
        "../../up/",
        "java&#x73;cript&colon;alert(1)",
        "a page/",
    ],
)
def test_a_posts_url_that_is_no_page_of_the_site_is_refused_at_its_line(tmp_path, url):
    site = copy_project(tmp_path / "site")
    line = replace_line(site / "content" / POST, "Modified:", f"Url: {url}")

    built = pelican_build(site, tmp_path / "out")
    linted = subprocess.run(
        [str(REFLECT), "lint"], cwd=site, capture_output=True, text=True
    )

    for run in (built, linted):
        assert_refused_at(run, f"{POST}:{line}: ", "Url")


def test_a_posts_url_in_the_site_is_kept(tmp_path):
    site = copy_project(tmp_path / "site")
    replace_line(site / "content" / POST, "Modified:", "Url: 2025/elsewhere/")
    replace_line(
        site / "content" / POST,
        "Slug:",
        "Slug: two-levels-up\nSave_as: 2025/elsewhere/index.html",
    )

    built = pelican_build(site, tmp_path / "out")

    assert built.returncode == 0, said_by(built)
    assert (tmp_path / "out" / "2025" / "elsewhere" / "index.html").is_file()
