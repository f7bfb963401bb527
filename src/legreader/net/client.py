"""One polite HTTP client for everything legreader fetches (scholarly APIs, web pages).

The contract of :meth:`HttpClient.get`: it returns the whole body of a successful (2xx)
response, or raises a :class:`~legreader.net.errors.NetError` whose message is one line a
user can act on. On the way it

- names the project in ``User-Agent`` (version, project URL and, when ``$LEGREADER_MAILTO``
  is set, a contact address: what Crossref's and NCBI's etiquette ask for);
- bounds every phase: connecting, each read, and the whole exchange (:class:`NetPolicy`), so
  a server that drips one byte a second is cut off too;
- retries what is transient (connection reset, timeouts, 429, 500, 502, 503, 504) with
  exponential backoff and jitter, and honours ``Retry-After`` (seconds or an HTTP date) up
  to :attr:`NetPolicy.max_retry_after`; a longer wait is reported, not slept;
- follows at most :attr:`NetPolicy.max_redirects` redirects, to http(s) only;
- refuses a body over the cap (from ``Content-Length`` before reading, and while reading,
  after decompression: no gzip bomb) and a media type the caller did not ask for;
- reports the charset the headers declare, for the caller to decode with.

Waits between retries end early when the caller's cancel event is set (a cancelled worker).
The client is thread-safe (one connection pool, shared by concurrent fetches). It uses httpx
(well kept, sync and thread-safe, streaming with timeouts per phase). No Textual import.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from legreader import __version__
from legreader.net.errors import (
    BadPayload,
    Cancelled,
    HttpStatus,
    NetError,
    NotFound,
    Offline,
    RateLimited,
    TimedOut,
    TooLarge,
    WrongContentType,
)

#: Where the project lives (named in the User-Agent, as API etiquette asks), when the
#: installed package's metadata names no home page (``[project.urls]``).
PROJECT_URL = "https://pypi.org/project/legreader/"
#: ``[project.urls]`` labels looked for, in this order.
_URL_LABELS = ("homepage", "home", "repository", "source", "documentation")
#: Environment variable holding a contact address for the User-Agent (Crossref's polite
#: pool, NCBI's ``email``): optional.
MAILTO_ENV = "LEGREADER_MAILTO"

#: Statuses worth another try: the server is busy or a gateway failed.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class NetPolicy:
    """Timeouts, retries and caps (seconds and bytes)."""

    connect_timeout: float = 10.0
    """To open a connection."""
    read_timeout: float = 20.0
    """Between two pieces of the response."""
    deadline: float = 60.0
    """For one whole exchange (request, redirects, body), retries not counted."""
    retries: int = 3
    """Further tries after the first, for transient failures."""
    backoff: float = 0.5
    """The first wait before a retry; doubled each time (with up to 25% jitter)."""
    max_backoff: float = 8.0
    max_retry_after: float = 30.0
    """A longer ``Retry-After`` is not waited for: the fetch fails and says when to retry."""
    max_redirects: int = 5
    max_bytes: int = 20 * 1024 * 1024
    """Bodies larger than this (after decompression) are refused."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response, read whole."""

    url: str
    """The address finally answered (after redirects)."""
    status: int
    content_type: str
    """The media type, lower case, without parameters ("" when the server sent none)."""
    charset: str | None
    """The charset the ``Content-Type`` header declares, if any."""
    body: bytes
    headers: Mapping[str, str]

    def json(self) -> Any:
        """The body parsed as JSON; :class:`BadPayload` when it is not."""
        import json

        try:
            return json.loads(self.body.decode(self.charset or "utf-8", errors="replace"))
        except (ValueError, LookupError) as exc:
            raise BadPayload(f"the answer is not valid JSON ({exc})", self.url) from None


def project_url() -> str:
    """The home page the installed package's metadata names, else :data:`PROJECT_URL`."""
    from importlib import metadata

    try:
        entries = metadata.metadata("legreader").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return PROJECT_URL
    urls: dict[str, str] = {}
    for entry in entries:
        label, _, url = str(entry).partition(",")
        url = url.strip()
        if url.startswith("https://") and url.isprintable() and " " not in url:
            urls.setdefault(label.strip().casefold(), url)
    return next((urls[label] for label in _URL_LABELS if label in urls), PROJECT_URL)


def user_agent() -> str:
    """``legreader/<version> (+<project URL>; mailto:<address>)``."""
    mailto = os.environ.get(MAILTO_ENV, "").strip()
    contact = f"; mailto:{mailto}" if mailto and "@" in mailto and mailto.isprintable() else ""
    return f"legreader/{__version__} (+{project_url()}{contact})"


def host_of(url: str) -> str:
    """The host (and port) of an address, for messages."""
    try:
        return urlsplit(url).netloc.rsplit("@", 1)[-1] or url
    except ValueError:
        return url


def safe_url(url: str) -> str:
    """The address without user name or password (it goes into messages)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))


def media_type_matches(media_type: str, accept: Iterable[str]) -> bool:
    """``text/html`` matches ``text/html``, ``text/*`` and ``*/*``; ``+json``/``+xml`` match
    a structured-syntax suffix (``application/vnd.x+json``)."""
    for wanted in accept:
        if wanted in ("*/*", media_type):
            return True
        if wanted.endswith("/*") and media_type.startswith(wanted[:-1]):
            return True
        if wanted.startswith("+") and media_type.endswith(wanted):
            return True
    return False


class HttpClient:
    """See the module docstring. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        policy: NetPolicy | None = None,
        *,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
        transport: httpx.BaseTransport | None = None,
        max_connections: int = 16,
    ) -> None:
        self.policy = policy or NetPolicy()
        self.cancel = cancel or threading.Event()
        """Set it to stop: waits end at once, and no new try starts."""
        self._sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(
                self.policy.read_timeout, connect=self.policy.connect_timeout, pool=None
            ),
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            transport=transport,
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # ----------------------------------------------------------------- fetching

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        accept: Iterable[str] = ("*/*",),
        max_bytes: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Fetched:
        """The whole successful response to ``GET url``; see the module docstring.

        ``accept``: media types taken (a response without ``Content-Type`` is taken too: the
        caller's parser decides). ``max_bytes``: a lower cap than the policy's.
        """
        accept = tuple(accept)
        cap = min(max_bytes or self.policy.max_bytes, self.policy.max_bytes)
        request_headers = {"Accept": ", ".join(a for a in accept if not a.startswith("+"))}
        request_headers.update(headers or {})
        where = safe_url(url)
        attempt = 0
        while True:
            if self.cancel.is_set():
                raise Cancelled("cancelled", where)
            try:
                return self._once(url, params, request_headers, accept, cap)
            except _Retry as retry:
                attempt += 1
                if attempt > self.policy.retries or retry.connect and attempt > 1:
                    raise retry.error from None
                self._wait(retry.wait if retry.wait is not None else self._backoff(attempt))

    def _backoff(self, attempt: int) -> float:
        base = min(self.policy.backoff * 2.0 ** (attempt - 1), self.policy.max_backoff)
        return base * (1 + random.uniform(0, 0.25))

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        elif seconds > 0:
            self.cancel.wait(seconds)
        if self.cancel.is_set():
            raise Cancelled("cancelled")

    def _once(
        self,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str],
        accept: tuple[str, ...],
        cap: int,
    ) -> Fetched:
        where = safe_url(url)
        host = host_of(url)
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, params=params, headers=headers) as response:
                final = safe_url(str(response.url))
                status = response.status_code
                if status >= 400 or status < 200:
                    raise self._status_error(response, final)
                if 300 <= status < 400:
                    raise HttpStatus(f"redirect without a usable address ({status})", final)
                media = _media_type(response.headers.get("content-type", ""))
                if media and not media_type_matches(media, accept):
                    raise WrongContentType(
                        f"unexpected content type {media[:80]} (wanted {_wanted(accept)})", final
                    )
                length = _content_length(response)
                if length is not None and length > cap:
                    raise TooLarge(f"too large ({_size(length)}, limit {_size(cap)})", final)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise TooLarge(f"too large (over {_size(cap)})", final)
                    chunks.append(chunk)
                    if time.monotonic() - started > self.policy.deadline:
                        raise TimedOut(
                            f"{host} took longer than {self.policy.deadline:g} s to answer", final
                        )
                    if self.cancel.is_set():
                        raise Cancelled("cancelled", final)
                return Fetched(
                    url=str(response.url),
                    status=status,
                    content_type=media,
                    charset=response.charset_encoding,
                    body=b"".join(chunks),
                    headers=dict(response.headers),
                )
        except NetError:
            raise
        except _Retry:
            raise
        except httpx.TimeoutException as exc:
            phase = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "answering"
            raise _Retry(
                TimedOut(f"{host} timed out ({phase}); the service may be slow or down", where)
            ) from None
        except httpx.ConnectError as exc:
            raise _Retry(
                Offline(
                    f"cannot reach {host} ({_reason(exc)}): offline, or the service is down", where
                ),
                connect=True,
            ) from None
        except httpx.TooManyRedirects:
            raise NetError(
                f"too many redirects (more than {self.policy.max_redirects})", where
            ) from None
        except httpx.UnsupportedProtocol as exc:
            raise NetError(f"not an http(s) address ({_reason(exc)})", where) from None
        except httpx.InvalidURL as exc:
            raise NetError(f"not a valid address ({_reason(exc)})", where) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Retry(NetError(f"{host} broke off the answer ({_reason(exc)})", where)) from None
        except httpx.DecodingError as exc:
            raise BadPayload(
                f"the answer could not be decompressed ({_reason(exc)})", where
            ) from None
        except httpx.HTTPError as exc:
            raise NetError(
                f"could not fetch ({type(exc).__name__}: {_reason(exc)})", where
            ) from None

    def _status_error(self, response: httpx.Response, where: str) -> Exception:
        status = response.status_code
        phrase = response.reason_phrase or ""
        host = host_of(where)
        if status in (404, 410):
            return NotFound(f"not found ({status} {phrase})".strip(), where)
        if status in RETRY_STATUSES:
            wait = retry_after_seconds(response.headers.get("retry-after"))
            if status == 429 or (wait is not None and status == 503):
                if wait is not None and wait > self.policy.max_retry_after:
                    return RateLimited(
                        f"{host} asks to wait {wait:.0f} s before retrying (rate limited)",
                        where,
                        status=status,
                    )
                error: HttpStatus = RateLimited(
                    f"{host} refused: too many requests ({status}); try again later",
                    where,
                    status=status,
                )
            else:
                error = HttpStatus(
                    f"{host} answered {status} {phrase}".strip(), where, status=status
                )
            return _Retry(error, wait=wait)
        return HttpStatus(f"{host} answered {status} {phrase}".strip(), where, status=status)


class _Retry(Exception):
    """A transient failure: ``error`` is raised if no try is left."""

    def __init__(self, error: NetError, *, wait: float | None = None, connect: bool = False):
        super().__init__(str(error))
        self.error = error
        self.wait = wait
        self.connect = connect
        """Connection failures (offline, refused) are tried once more only."""


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None if absent or
    unreadable (then the client's own backoff applies)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 10**6))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None or "content-encoding" in response.headers:
        return None  # compressed: the cap applies to what decompression gives
    try:
        return int(value)
    except ValueError:
        return None


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, n // 1024)} KB"


def _wanted(accept: tuple[str, ...]) -> str:
    return " or ".join(a for a in accept if not a.startswith("+")) or "*/*"


def _reason(exc: BaseException) -> str:
    from legreader.text.clean import clean_line

    text = clean_line(str(exc))
    # "[Errno -2] Name or service not known" -> "Name or service not known"
    if text.startswith("[Errno") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text[:120] or type(exc).__name__
