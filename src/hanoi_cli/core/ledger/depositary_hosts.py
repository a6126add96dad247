"""Which URLs are the depositary's own: the one rule ``hanoi validate`` warns by and ``hanoi sync`` fetches by.

A ledger's ``treaty.status_url`` is data a pull request can change, and the scheduled sync fetches
it without anyone looking; so without ``--from``, hanoi fetches only the UN Treaty Collection's
https host (no internal address, no other site credited as the depositary).
"""

from __future__ import annotations

from typing import Optional

DEPOSITARY_HOSTS = ("treaties.un.org",)


def is_depositary_url(url: Optional[str]) -> bool:
    """Whether ``url`` is https on one of ``DEPOSITARY_HOSTS`` (no user, no port of its own)."""
    if not url:
        return False
    import urllib.parse

    try:
        parsed = urllib.parse.urlsplit(url.strip())
        port = parsed.port
    except ValueError:
        return False
    host = (parsed.hostname or "").lower()
    return parsed.scheme == "https" and host in DEPOSITARY_HOSTS and port in (None, 443) and not parsed.username
