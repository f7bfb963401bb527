"""Fetching over HTTP: one polite client (:mod:`legreader.net.client`), its errors, and web
pages for the HTML import (:mod:`legreader.corpus.html.fetch`). No Textual import."""

from legreader.net.client import Fetched, HttpClient, NetPolicy, user_agent
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

__all__ = [
    "BadPayload",
    "Cancelled",
    "Fetched",
    "HttpClient",
    "HttpStatus",
    "NetError",
    "NetPolicy",
    "NotFound",
    "Offline",
    "RateLimited",
    "TimedOut",
    "TooLarge",
    "WrongContentType",
    "user_agent",
]
