"""Normalised article addresses: the key that makes saving idempotent.

One article reached through two addresses (http/https, 'www.', tracking parameters, a
fragment, a trailing slash, an upper-case host) has one normalised URL.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
TRACKING_NAMES = {"fbclid", "gclid", "zarsrc", "_ga", "ref", "cmpid", "vn_source", "rss", "from"}


def normalise_url(url: str) -> str:
    """host + path + sorted query without tracking parameters, scheme-less and lower-cased host."""
    url = (url or "").strip()
    if not url:
        return ""
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in ("http", "https") and "//" not in url:
        return url  # an identifier such as 'urn:…' or 'file:name.html', kept as it is
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


def absolute(base: str, link: str) -> str:
    """`link` made absolute against `base`; only http(s) links survive (else '')."""
    link = (link or "").strip()
    if not link:
        return ""
    joined = urljoin(base, link)
    return joined if urlsplit(joined).scheme in ("http", "https") else ""


def domain(url: str) -> str:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
