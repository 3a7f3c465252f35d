"""Normalised addresses, so that one article reached by two URLs is recognised as one."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

TRACKING_PREFIXES = ("utm_", "mc_")
TRACKING_NAMES = {"fbclid", "gclid", "zarsrc", "_ga", "ref", "cmpid", "vn_source"}


def normalise_url(url: str) -> str:
    """host + path + sorted query without tracking parameters; scheme, 'www.', the fragment,
    default ports and a trailing slash do not count ('HTTPS://www.Example.vn/a/?utm_source=x'
    and 'http://example.vn/a' are the same)."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(TRACKING_PREFIXES) and key.lower() not in TRACKING_NAMES
    ]
    query_text = urlencode(sorted(query))
    return f"{host}{path}" + (f"?{query_text}" if query_text else "")
