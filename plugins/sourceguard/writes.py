"""Where a build writes: the output folder guard.

When the build starts (``initialized``), the output folder is checked by
``sitekit.outputfolder`` (not the content folder, the project, home...,
and not a folder some other hand filled), and so are the settings that
name a path or an address in the site (``settingchecks``). As the run
starts (``get_generators``), before Pelican empties the folder, the marker
beside it says a build of this site is writing; at the very end of the
build (``finalized``) it lists what the build wrote. Each page's own path
is checked as it is made (``destinations``), two pieces of content for one
file once all are known (``clashes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from sitekit.diagnostics import SiteError
from sitekit.outputfolder import (
    Marker,
    OutputRule,
    check_output_folder,
    files_under,
    read_marker,
    real,
    write_marker,
)
from sitekit.settings import told_at_start
from sitekit.writeerrors import one_line_write_errors

from .settingchecks import check_address_settings, check_path_settings


def guard_output_folder(pelican: Any) -> None:
    """At ``initialized``: refuse the output folder, or a path setting,
    before anything is touched."""
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    one_line_write_errors(str(output))
    try:
        check_path_settings(settings)
        check_address_settings(settings)
        check_output_folder(output, OutputRule.from_settings(settings))
    except SiteError as error:
        raise told_at_start(error, settings) from None
    # Connected now, after every plugin's own handlers: the marker lists the
    # files that plugins write at ``finalized`` too (the search index).
    signals.finalized.connect(record_output_folder)


def mark_output_folder(pelican: Any) -> None:
    """At ``get_generators``, as a run starts and before Pelican empties
    the output folder: a build of this site is writing there."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    real(output).parent.mkdir(parents=True, exist_ok=True)
    write_marker(output, Marker(str(OutputRule.from_settings(pelican.settings).site)))


def record_output_folder(pelican: Any) -> None:
    """The files this build wrote, in the marker its start left."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    started = read_marker(output)
    if started is not None and started.files is None:
        write_marker(output, Marker(started.site, files_under(real(output))))
