"""Typed outcomes for failed fetches: "could not fetch" is a fact of its own, never "not updated"."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError

_BY_TYPE = (
    (DownloadTimeoutError, "timeout"),
    (CannotResolveHostError, "dns_error"),
    (DownloadConnectionRefusedError, "connection_refused"),
    (ResponseDataLossError, "data_loss"),
)


def classify(exc: BaseException) -> tuple[str, int | None, str]:
    """(outcome, HTTP status or None, detail) for the exception of a failed request."""
    if isinstance(exc, HttpError):
        status = exc.response.status
        return (f"http_{'4xx' if status < 500 else '5xx'}" if status >= 400 else "http_error"), status, f"HTTP {status}"
    for cls, outcome in _BY_TYPE:
        if isinstance(exc, cls):
            return outcome, None, _text(exc)
    name = type(exc).__name__
    text = _text(exc)
    lowered = f"{name} {text}".lower()
    if "connectionlost" in lowered or "reset" in lowered:
        return "connection_reset", None, text
    if "ssl" in lowered or "tls" in lowered or "certificate" in lowered:
        return "tls_error", None, text
    if isinstance(exc, IgnoreRequest) and "redirect" in lowered:
        return "too_many_redirects", None, text
    if isinstance(exc, IgnoreRequest) and ("maxsize" in lowered or "size" in lowered):
        return "too_large", None, text
    if isinstance(exc, DownloadFailedError):
        return "connection_failed", None, text
    return "error", None, f"{name}: {text}"


def _text(exc) -> str:
    return (str(exc) or type(exc).__name__)[:300]
