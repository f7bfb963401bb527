"""What can go wrong when fetching: each error is one line a user can act on.

Every failure of :mod:`legreader.net.client` is a :class:`NetError`; ``str(err)`` is the
reason in plain words and ``err.url`` the address it concerns (cleaned of credentials and
control characters by the caller that prints it). No Textual import.
"""

from __future__ import annotations


class NetError(Exception):
    """A fetch failed; ``str(err)`` says why in one line."""

    def __init__(self, what: str, url: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        """What went wrong, in plain words."""
        self.url = url
        """The address concerned, if any."""


class Offline(NetError):
    """The host could not be reached at all (no network, DNS failure, refused)."""


class TimedOut(NetError):
    """The server did not answer (or finish answering) in time."""


class NotFound(NetError):
    """The server says the resource does not exist (404, 410), or an API found nothing."""


class HttpStatus(NetError):
    """Any other unsuccessful HTTP status (after retries for the transient ones)."""

    def __init__(self, what: str, url: str | None = None, *, status: int = 0) -> None:
        super().__init__(what, url)
        self.status = status
        """The HTTP status code."""


class RateLimited(HttpStatus):
    """429 (or 503 with Retry-After) still after the retries, or a wait too long to honour."""


class TooLarge(NetError):
    """The response is larger than the cap."""


class WrongContentType(NetError):
    """The response is not of a media type the caller accepts."""


class BadPayload(NetError):
    """The response arrived but could not be read (malformed JSON or XML, wrong shape)."""


class Cancelled(NetError):
    """The caller asked to stop (a worker was cancelled)."""
