"""The one module of press monitoring that touches the network.

Fetched content is hostile input (docs/apps/monitoring.md, "Safety"):
- only http and https;
- every connection is checked where it is made: the host name is resolved once and each
  address is refused when it is private, loopback, link-local, multicast, reserved or
  shared (100.64/10) — unless the source is explicitly allowed on a private network; the
  socket then connects to the address that was checked, so a name that changes its answer
  between the check and the connection (DNS rebinding) gains nothing;
- redirects are followed by hand, at most N, and a loop stops at once;
- the body is streamed and cut at a byte cap counted after decompression (gzip bombs) and
  at a deadline for the whole response (slow and endless servers);
- conditional requests (ETag, Last-Modified) let an unchanged feed answer 304.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.utils.translation import gettext as _

from ttdn.monitoring import conf

USER_AGENT = "TTDN-press-monitor/1.0 (+provincial foreign-information work)"
ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, "
    "text/html;q=0.5, */*;q=0.1"
)
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")


class FetchError(Exception):
    """The address could not be fetched safely; `message` says why, `code` classifies it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int
    timeout: float
    connect_timeout: float
    max_redirects: int

    @classmethod
    def from_settings(cls) -> FetchLimits:
        return cls(
            max_bytes=conf.get("TTDN_MONITORING_MAX_BYTES"),
            timeout=conf.get("TTDN_MONITORING_TIMEOUT"),
            connect_timeout=conf.get("TTDN_MONITORING_CONNECT_TIMEOUT"),
            max_redirects=conf.get("TTDN_MONITORING_MAX_REDIRECTS"),
        )


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    etag: str
    last_modified: str
    elapsed: float

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded with the declared charset, else UTF-8 (bad bytes replaced)."""
        charset = ""
        for part in self.content_type.split(";")[1:]:
            name, _sep, value = part.strip().partition("=")
            if name.lower() == "charset":
                charset = value.strip("\"' ")
        try:
            return self.content.decode(charset or "utf-8", errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


def forbidden_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
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


def _private_error(host: str, address) -> FetchError:
    return FetchError(
        _(
            "%(host)s points to a private or local network address (%(address)s); TTĐN does "
            "not fetch such addresses unless an administrator allows this source on a "
            "private network."
        )
        % {"host": host, "address": address},
        code="private_address",
    )


def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The addresses of `host`, refused when any of them is private (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        raise FetchError(
            _("The name %(host)s could not be found; check the source's address.") % {"host": host},
            code="dns",
        ) from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not allow_private and forbidden_address(address):
            raise _private_error(host, address)
        addresses.append(str(address))
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses it has checked itself (no second DNS answer)."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = resolve_checked(host, port, allow_private=self.allow_private)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                last_error = error
        raise last_error or httpcore.ConnectError(f"no address for {host}")


class Fetcher:
    """Fetches addresses one after another with one connection pool per safety level."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits.from_settings()
        self._clients: dict[bool, httpx.Client] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def _client(self, allow_private: bool) -> httpx.Client:
        client = self._clients.get(allow_private)
        if client is None:
            transport = httpx.HTTPTransport(retries=0)
            pool = getattr(transport, "_pool", None)
            if pool is None or not hasattr(pool, "_network_backend"):  # pragma: no cover
                raise RuntimeError("httpx changed: the guarded connection cannot be installed.")
            pool._network_backend = _GuardedBackend(allow_private=allow_private)
            timeout = httpx.Timeout(self.limits.timeout, connect=self.limits.connect_timeout)
            client = httpx.Client(
                transport=transport, follow_redirects=False, timeout=timeout, trust_env=False
            )
            self._clients[allow_private] = client
        return client

    def fetch(
        self,
        url: str,
        *,
        etag: str = "",
        last_modified: str = "",
        allow_private: bool = False,
        accept: str = ACCEPT_PAGE,
    ) -> Fetched:
        limits = self.limits
        started = time.monotonic()
        deadline = started + limits.timeout
        headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        client = self._client(allow_private)
        seen: set[str] = set()
        current = url
        try:
            for _hop in range(limits.max_redirects + 1):
                _check_scheme(current)
                if current in seen:
                    raise FetchError(
                        _("The address redirects in a loop; TTĐN stopped following it."),
                        code="redirect_loop",
                    )
                seen.add(current)
                with client.stream("GET", current, headers=headers) as response:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        current = urljoin(current, location)
                        continue
                    if response.status_code == 304:
                        return Fetched(
                            url,
                            current,
                            304,
                            b"",
                            "",
                            etag,
                            last_modified,
                            time.monotonic() - started,
                        )
                    if response.status_code >= 400:
                        raise FetchError(
                            _("The server answered HTTP %(status)s.")
                            % {"status": response.status_code},
                            code="http_error",
                        )
                    content = _read(response, limits, deadline)
                    return Fetched(
                        url,
                        current,
                        response.status_code,
                        content,
                        response.headers.get("content-type", "")[:200],
                        response.headers.get("etag", "")[:255],
                        response.headers.get("last-modified", "")[:64],
                        time.monotonic() - started,
                    )
        except httpx.TimeoutException:
            raise _too_slow(limits) from None
        except httpx.HTTPError as error:
            cause = error.__context__
            if isinstance(cause, FetchError):
                raise cause from None
            raise FetchError(
                _("The address could not be fetched: %(error)s.") % {"error": type(error).__name__},
                code="network",
            ) from None
        raise FetchError(
            _("The address redirected more than %(count)s times; TTĐN stopped following it.")
            % {"count": limits.max_redirects},
            code="redirects",
        )


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            _("“%(url)s” is not a web address (it must start with http:// or https://).")
            % {"url": url[:200]},
            code="scheme",
        )


def _read(response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
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


def _too_large(limits: FetchLimits) -> FetchError:
    return FetchError(
        _("The response is larger than %(size)s MB; TTĐN stopped reading it.")
        % {"size": round(limits.max_bytes / 1024 / 1024, 1)},
        code="too_large",
    )


def _too_slow(limits: FetchLimits) -> FetchError:
    return FetchError(
        _("The response took longer than %(seconds)s seconds; TTĐN stopped waiting.")
        % {"seconds": round(limits.timeout, 1)},
        code="too_slow",
    )
