"""Typed outcomes for failed fetches: "could not fetch" is a fact of its own, never "not updated"."""

from __future__ import annotations

import re

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
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
    if "max size" in lowered or "download_maxsize" in lowered:  # declared, or decompressed
        return "too_large", None, text
    if isinstance(exc, DownloadCancelledError) and not str(exc):
        # Scrapy's HTTP/1.1 handler cancels a body without Content-Length, with no message, once it
        # passes DOWNLOAD_MAXSIZE (its only silent cancel; timeouts raise DownloadTimeoutError)
        return "too_large", None, "download cancelled: the streamed body passed DOWNLOAD_MAXSIZE"
    if isinstance(exc, IgnoreRequest) and "robots.txt" in lowered:
        return "robots_forbidden", None, text
    if "connectionlost" in lowered or "reset" in lowered:
        return "connection_reset", None, text
    if "ssl" in lowered or "tls" in lowered or "certificate" in lowered:
        return "tls_error", None, text
    if isinstance(exc, IgnoreRequest) and "redirect" in lowered:
        return "too_many_redirects", None, text
    if isinstance(exc, DownloadFailedError):
        return "connection_failed", None, text
    return "error", None, f"{name}: {text}"


def body_problem(response) -> tuple[str, str] | None:
    """(outcome, detail) for a 2xx answer whose body cannot be a page: empty, or binary."""
    body = response.body
    if not body.strip():
        return "empty_response", f"HTTP {response.status} with an empty body"
    head = body[:4096]
    control = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in head or control > len(head) * 0.05:
        ctype = response.headers.get("Content-Type", b"").decode("latin-1") or "no Content-Type"
        return "binary_body", f"binary data ({len(body)} bytes) served as {ctype}"
    return None


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def _text(exc) -> str:
    # "[<twisted.python.failure.Failure twisted.internet.error.ConnectionLost: …>]" → "twisted.internet.error.ConnectionLost: …"
    text = _FAILURE_REPR.sub(lambda m: f"{m.group(1)}: {m.group(2)}", str(exc))
    return (text or type(exc).__name__)[:300]


_FAILURE_REPR = re.compile(r"\[?<twisted\.python\.failure\.Failure ([\w.]+): (.*?)>\]?", re.S)
