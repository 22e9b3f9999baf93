"""Test-only faults of the machine, for the bad input tests of a full disk,
a read-only file system and a mount point, without root or a real device.

Python imports ``sitecustomize`` when it starts, from the first folder on
``sys.path`` that holds one; a test puts this folder on ``PYTHONPATH`` and
says which fault it wants, and every Python process of the build (``make
html``'s build command, Pelican, Pelican's workers) has it:

* ``FAULT_ERRNO=ENOSPC`` (or ``EROFS``...) and ``FAULT_PATH=text``: opening
  a file for writing whose path holds ``text`` fails as the system would;
* ``FAULT_MOUNT_POINT=path``: ``os.path.ismount(path)`` says True.

Without those variables nothing changes.
"""

from __future__ import annotations

import builtins
import errno
import io
import os

_fault = os.environ.get("FAULT_ERRNO")
_where = os.environ.get("FAULT_PATH", "")
_mount_point = os.environ.get("FAULT_MOUNT_POINT")

if _fault:
    _open = io.open
    _code = getattr(errno, _fault)

    def _failing_open(file, mode="r", *args, **kwargs):
        if (
            isinstance(file, str | bytes | os.PathLike)
            and any(flag in mode for flag in "wax+")
            and _where in os.fsdecode(file)
        ):
            raise OSError(_code, os.strerror(_code), os.fsdecode(file))
        return _open(file, mode, *args, **kwargs)

    builtins.open = io.open = _failing_open

if _mount_point:
    _ismount = os.path.ismount

    def _ismount_here(path):
        if os.path.realpath(path) == os.path.realpath(_mount_point):
            return True
        return _ismount(path)

    os.path.ismount = _ismount_here
