"""Who may read `make serve`'s preview: the writer, on this machine.

The preview serves the local build, the desk included (follow-ups, people,
review dates). A web page the writer visits can point its own host name at
127.0.0.1 (DNS rebinding) and then read the preview as if it were its own
site; the browser still sends that name as ``Host``. So the server answers
only a ``Host`` that names this machine (``localhost``, a ``*.localhost``
name, a loopback address), an IP address (rebinding needs a name), or the
host it was told to serve on (``answers_host``). Its own channel
(``/.preview/``: the build events, the pages open) answers only its own
pages: a request another site's page makes carries that site's ``Origin``
(``same_origin``).

``make serve`` listens on this machine only: another address serves the
desk to every machine that can reach it, so it takes ``NETWORK=1``
(``refuse_network_host``).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import urllib.parse
from collections.abc import Collection, Iterable

from build_error import BuildError  # tools/build_error.py

#: ``Host: name[:port]`` or ``Host: [v6 address][:port]``, and nothing else
#: (no user part: ``evil.example:80@127.0.0.1`` names no host).
HOST_HEADER = re.compile(
    r"\A(?:\[(?P<bracketed>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))"
    r"(?::[0-9]*)?\Z"
)
#: What ``--host`` may be left as and bind every address of the machine.
EVERY_ADDRESS = ("", "0.0.0.0", "::")


def host_name(host: str) -> str | None:
    """The name or address a ``Host`` value names, lower case and without
    its port or a trailing dot; None for a value that names no host."""
    found = HOST_HEADER.match(host.strip())
    if found is None:
        return None
    return (found["bracketed"] or found["name"]).lower().rstrip(".")


def ip_address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def names_this_machine(name: str) -> bool:
    """``localhost``, a name under it (browsers keep both on this machine,
    whatever DNS says) or a loopback address."""
    if name == "localhost" or name.endswith(".localhost"):
        return True
    address = ip_address(name)
    return address is not None and address.is_loopback


def answers_host(host: str | None, served: str, allowed: Collection[str] = ()) -> bool:
    """Whether a request whose ``Host`` is ``host`` is the writer's, on a
    preview told to serve on ``served``, the names in ``allowed`` answered
    too (``allowed_names``: those a tunnel or a cloud editor's forwarded
    port gives it). A request with no ``Host`` (an HTTP/1.0 tool) is: a
    browser always sends one."""
    if host is None:
        return True
    name = host_name(host)
    if name is None:
        return False
    own = host_name(served) if served not in EVERY_ADDRESS else None
    return (
        names_this_machine(name)
        or ip_address(name) is not None
        or name == own
        or name in allowed
    )


def allowed_names(names: Iterable[str]) -> frozenset[str]:
    """``make serve ALLOW_HOSTS=...``'s names as ``host_name`` reads a
    ``Host``; a ``BuildError`` for one that names no host."""
    allowed = set()
    for given in names:
        name = host_name(given)
        if not name:
            raise BuildError(
                f"ALLOW_HOSTS names {given!r}, which is no host name: a name "
                "such as blog-8000.example.dev, as the browser's address shows it"
            )
        allowed.add(name)
    return frozenset(allowed)


def same_origin(
    origin: str | None, host: str | None, allowed: Collection[str] = ()
) -> bool:
    """Whether a request's ``Origin`` (None: none sent, as for a page's own
    plain requests) is the preview's own, the site ``Host`` names, or one
    of the ``allowed`` names (a proxy may send its own ``Host`` on)."""
    if origin is None:
        return True
    parts = urllib.parse.urlsplit(origin)
    if parts.scheme not in ("http", "https"):
        return False
    if (parts.hostname or "").rstrip(".") in allowed:
        return True
    return host is not None and parts.netloc.lower() == host.strip().lower()


def reaches_beyond_this_machine(host: str) -> bool:
    """Whether serving on ``host`` serves other machines: every address
    (``0.0.0.0``), or a name or address that is not a loopback one. A name
    that does not resolve is left to the bind to refuse."""
    if host in EVERY_ADDRESS:
        return True
    if names_this_machine(host.lower().rstrip(".")):
        return False
    try:
        found = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    addresses = {ip_address(entry[4][0].split("%")[0]) for entry in found}
    return not all(address is not None and address.is_loopback for address in addresses)


def refuse_network_host(host: str, network: bool) -> None:
    """A ``BuildError`` for a ``host`` other machines reach, unless the
    writer said so (``NETWORK=1``, ``--network``)."""
    if network or not reaches_beyond_this_machine(host):
        return
    raise BuildError(
        f"HOST={host} would serve the local build, desk included (follow-ups, "
        "people, review dates), to every machine that can reach this one; "
        f"say so with make serve HOST={host} NETWORK=1, or leave HOST out to "
        "serve this machine only"
    )
