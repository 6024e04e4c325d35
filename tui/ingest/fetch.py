"""Fetch a URL for ingesting: http(s) only, timeouts, a size cap, few redirects, sniffing."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import socket

    import httpx

TIMEOUT_S = 10.0
"""The deadline for a whole request: connecting, redirects, headers and body."""
WATCH_S = 0.1
"""How often a fetch looks whether it was cancelled (see `fetch`)."""
MAX_REDIRECTS = 5
USER_AGENT = "newsreader (+https://github.com/newsreader; a terminal news reader)"
_FEED_TYPES = ("rss", "atom", "rdf")


class FetchError(Exception):
    """A URL that could not be fetched; the message is the one-line reason."""


@dataclass
class Fetched:
    """What a fetch returned: the final URL, the status, the body and caching headers."""

    url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    """Tell whether a source is meant as a URL (any scheme), not a path."""
    if "://" not in text:  # the cheap test first
        return False
    try:
        return len(urlsplit(text).scheme) > 1
    except ValueError:  # `http://[::1`: meant as a URL all the same, and reported as malformed
        return len(text.split(":", 1)[0]) > 1


def check_url(url: str) -> None:
    """Raise FetchError unless the URL is http or https with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise FetchError(f"malformed URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'this'}:")
    if not parts.hostname:
        raise FetchError("URL has no host")


class Cancelled(FetchError):
    """The fetch was given up because `cancelled()` became true (the app is quitting)."""


class _Watchdog:
    """Holds a request to one deadline, headers included, and to cancellation.

    httpx's timeouts bound each read, not the whole: a server sending its status line and
    headers a byte at a time kept a fetch waiting long past its timeout. The watchdog learns
    each socket the request opens (httpcore's public `trace` extension) and, at the deadline
    or once `cancelled()` is true, shuts it down: whatever read is waiting returns at once.
    """

    def __init__(self, deadline: float, cancelled: Callable[[], bool] | None):
        self.deadline = deadline
        self.cancelled = cancelled
        self.fired = ""
        """Why the sockets were shut ("timeout" or "cancelled"), "" while they are not."""
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="fetch-deadline")
        self._thread.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback: keep the socket of each new connection."""
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            sock = info["return_value"].get_extra_info("socket")
            if sock is not None:
                with self._lock:
                    self._sockets.append(sock)
                    if self.fired:
                        _shut(sock)

    def _watch(self) -> None:
        while not self._done.wait(max(0.0, min(WATCH_S, self.deadline - time.monotonic()))):
            if time.monotonic() >= self.deadline:
                self._fire("timeout")
            elif self.cancelled is not None and self.cancelled():
                self._fire("cancelled")

    def _fire(self, why: str) -> None:
        with self._lock:
            self.fired = why
            for sock in self._sockets:
                _shut(sock)
        self._done.set()

    def stop(self) -> None:
        self._done.set()


def _shut(sock: socket.socket) -> None:
    import socket  # here: `tui.ingest` imports this module, and `newsreader search` it

    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_S, etag: str = "",
          last_modified: str = "", cancelled: Callable[[], bool] | None = None) -> Fetched:
    """Download a URL, following at most five redirects, stopping past `max_bytes`.

    Args:
        url: An http or https URL.
        max_bytes: A larger body is refused.
        timeout: Seconds allowed for the whole request: connecting, redirects, status line
            and headers, body.
        etag: Sent as If-None-Match (a conditional request).
        last_modified: Sent as If-Modified-Since.
        cancelled: Looked at every `WATCH_S`: once true, the request is given up at once.

    Returns:
        The response; `not_modified` when the server answered 304.

    Raises:
        FetchError: With a one-line reason (unreachable, timeout, HTTP error, too large...);
            `Cancelled` when `cancelled()` became true.
    """

    check_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    watchdog = _Watchdog(deadline, cancelled)
    try:
        return _get(url, headers, watchdog, max_bytes, timeout)
    except FetchError:
        if watchdog.fired == "cancelled":
            raise Cancelled("cancelled") from None
        if watchdog.fired:  # the socket was shut at the deadline: whatever httpx made of it
            raise FetchError(f"timed out after {timeout:g} s") from None
        raise
    finally:
        watchdog.stop()


def _get(url: str, headers: dict[str, str], watchdog: _Watchdog, max_bytes: int,
         timeout: float) -> Fetched:
    """The request itself, every failure turned into a FetchError with a one-line reason."""
    import httpx

    try:
        client = httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS,
                              timeout=httpx.Timeout(timeout), headers=headers)
        with client, client.stream("GET", url,
                                   extensions={"trace": watchdog.trace}) as response:
            return _read(response, max_bytes, watchdog.deadline, timeout)
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except httpx.UnsupportedProtocol:
        raise FetchError("redirected to a URL that is not http or https") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect ({_first_line(exc) or 'unreachable'})") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"fetch failed ({_first_line(exc) or type(exc).__name__})") from None


def _read(response: httpx.Response, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    """Check the status and read the body within the size cap and the overall deadline."""
    result = Fetched(
        url=str(response.url), status=response.status_code,
        content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
    )
    if response.status_code == 304:
        return result
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError("larger than the size limit")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("larger than the size limit")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout:g} s")
        chunks.append(chunk)
    result.body = b"".join(chunks)
    return result


def sniff(fetched: Fetched) -> str:
    """Tell what a response holds: "feed", "html" or "text".

    The body wins over the content type: feeds are often served as text/html or text/xml.

    Raises:
        FetchError: For other content types (images, PDFs...).
    """
    from .feeds import looks_like_feed  # deferred: `tui.ingest` imports this module for TIMEOUT_S

    head = fetched.body[:4096]
    if looks_like_feed(head):
        return "feed"
    kind = fetched.content_type
    if any(name in kind for name in _FEED_TYPES):
        return "feed"
    lowered = head.lower()
    if "html" in kind or b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if kind in ("", "text/plain", "text/markdown"):
        return "text"
    raise FetchError(f"unsupported content type {kind}")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0][:200]
