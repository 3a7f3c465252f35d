"""Fetching a feed without trusting it (docs/adr/0007-hostile-feeds.md).

- only http and https; every address (and every redirect's) is resolved first and refused
  when it is private, loopback, link-local, multicast or reserved — unless the feed was
  explicitly allowed to live on a private network;
- redirects are followed by hand, at most N;
- the body is streamed and cut at a byte cap counted after decompression (gzip bombs), and
  at a deadline for the whole response (slow or endless servers);
- conditional requests (ETag, Last-Modified) let an unchanged feed answer 304.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.utils.translation import gettext as _

from ttdn.catalog import conf
from ttdn.core.errors import ApplicationError

USER_AGENT = "TTDN-feed-harvester/1.0 (+foreign-information database)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
)
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")


class FetchError(ApplicationError):
    """The feed could not be fetched safely; the message says why."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    timeout: float
    connect_timeout: float
    max_redirects: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=conf.get("TTDN_CATALOG_FEED_MAX_BYTES"),
            timeout=conf.get("TTDN_CATALOG_FEED_TIMEOUT"),
            connect_timeout=conf.get("TTDN_CATALOG_FEED_CONNECT_TIMEOUT"),
            max_redirects=conf.get("TTDN_CATALOG_FEED_MAX_REDIRECTS"),
        )


@dataclass(frozen=True)
class FetchResult:
    status: int
    content: bytes
    etag: str
    last_modified: str
    final_url: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in SHARED_ADDRESS_SPACE)
    )


def check_address(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            _("“%(url)s” is not a web address (it must start with http:// or https://).")
            % {"url": url}
        )
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        raise FetchError(
            _("The name %(host)s could not be found; check the feed's address.")
            % {"host": parts.hostname}
        ) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if _forbidden(address):
            raise FetchError(
                _(
                    "%(host)s points to a private or local network address (%(address)s); "
                    "TTĐN does not fetch such addresses unless an administrator allows this "
                    "feed to be on a private network."
                )
                % {"host": parts.hostname, "address": address},
                extra={"code": "private_address"},
            )


def _read(response: httpx.Response, limits: Limits, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(limits)
    chunks, total = [], 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limits.max_bytes:
            raise _too_large(limits)
        if time.monotonic() > deadline:
            raise _too_slow(limits)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limits: Limits) -> FetchError:
    return FetchError(
        _("The feed is larger than %(size)s MB; TTĐN stopped reading it.")
        % {"size": round(limits.max_bytes / 1024 / 1024, 1)},
        extra={"code": "too_large"},
    )


def _too_slow(limits: Limits) -> FetchError:
    return FetchError(
        _("The feed took longer than %(seconds)s seconds to arrive; TTĐN stopped waiting.")
        % {"seconds": round(limits.timeout)},
        extra={"code": "too_slow"},
    )


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    allow_private: bool = False,
    limits: Limits | None = None,
) -> FetchResult:
    limits = limits or Limits.from_settings()
    deadline = time.monotonic() + limits.timeout
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(limits.timeout, connect=limits.connect_timeout)
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as client:
            for _hop in range(limits.max_redirects + 1):
                check_address(url, allow_private=allow_private)
                with client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and response.headers.get("location"):
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code == 304:
                        return FetchResult(304, b"", etag, last_modified, url)
                    if response.status_code >= 400:
                        raise FetchError(
                            _("The feed's server answered HTTP %(status)s.")
                            % {"status": response.status_code},
                            extra={"code": "http_error"},
                        )
                    content = _read(response, limits, deadline)
                    return FetchResult(
                        response.status_code,
                        content,
                        response.headers.get("etag", "")[:255],
                        response.headers.get("last-modified", "")[:64],
                        url,
                    )
    except httpx.TimeoutException:
        raise _too_slow(limits) from None
    except httpx.HTTPError as error:
        raise FetchError(
            _("The feed could not be fetched: %(error)s.") % {"error": type(error).__name__},
            extra={"code": "network"},
        ) from None
    raise FetchError(
        _("The feed redirected more than %(count)s times; TTĐN stopped following it.")
        % {"count": limits.max_redirects},
        extra={"code": "redirects"},
    )
