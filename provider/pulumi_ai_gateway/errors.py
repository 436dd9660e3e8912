"""The one error tree of pulumi-ai-gateway.

::

    AIGatewayError                      everything this package raises on purpose
    ├── ConfigurationError              no credentials / account id; says where it looked
    ├── AdoptionRequired                a create found its object already there, and adopt_existing is off
    ├── DeclaredTwice                   two resources of one program manage the same object
    ├── NoLongerSupported               what the API no longer does (create or change a legacy spending limit)
    ├── NotActiveError                  an object the program waits for did not become active in time
    ├── TransportError                  no HTTP answer (connection refused or reset, timeout) after retries
    ├── UnreadableAnswerError           an answer this package cannot read (names the field)
    └── ApiError                        an HTTP error answer: status, Cloudflare code and message
        ├── ValidationError             400 / 7001: the API rejected an input (``path`` names it)
        │   └── AlreadyExistsError      the object already exists (a duplicate id, name, slug + alias)
        ├── NotFoundError               404 / 7002, and dynamic routes' 400 / 7005 "not found"
        ├── AuthenticationError         401 / 403 / 10000: bad or missing credentials, or no permission
        ├── RateLimitedError            429; ``retry_after`` in seconds when the API said
        └── ServerError                 5xx

Every error names the object and the operation (``gateway 'prod': create``). Messages never contain
credentials or secrets: the client scrubs every secret value it knows before raising.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "AIGatewayError",
    "AdoptionRequired",
    "AlreadyExistsError",
    "ApiError",
    "AuthenticationError",
    "ConfigurationError",
    "DeclaredTwice",
    "NoLongerSupported",
    "NotActiveError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "TransportError",
    "UnreadableAnswerError",
    "ValidationError",
]

REDACTED = "[redacted]"


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret value replaced (longest first, so overlapping secrets go whole)."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


class AIGatewayError(Exception):
    """Base class of every error pulumi-ai-gateway raises on purpose."""


class ConfigurationError(AIGatewayError):
    """Settings are missing or inconsistent (credentials, account id, base URL)."""


class AdoptionRequired(AIGatewayError):
    """Create found the object already there and ``adopt_existing`` is off."""


class DeclaredTwice(AIGatewayError):
    """Two resources of one program manage the same object (same natural key)."""


class NoLongerSupported(AIGatewayError):
    """The API no longer does what the program asks (a legacy spending limit cannot be created or changed)."""


class NotActiveError(AIGatewayError):
    """An object the program waits for did not become active in time (a custom domain whose DCV is pending)."""


class TransportError(AIGatewayError):
    """The API could not be reached or did not answer in time, after every retry."""

    def __init__(
        self,
        what: str,
        operation: str,
        detail: str,
        attempts: int,
        uncertain: bool = False,
        timed_out: bool = False,
    ) -> None:
        super().__init__(f"{what}: {operation} failed after {attempts} attempt(s): {detail}")
        self.what = what
        self.operation = operation
        self.attempts = attempts
        self.uncertain = uncertain
        """True when the request was sent and may have been applied (a create that lost its answer)."""
        self.timed_out = timed_out
        """True when no answer came in time: the server may still be applying the request."""


class UnreadableAnswerError(AIGatewayError):
    """The API answered something this package cannot read: a known field of an unexpected type, or one missing.

    Fields the package does not know are never this error: they are ignored.
    """

    def __init__(self, what: str, operation: str, field: str, reason: str, problems: int = 1) -> None:
        more = f" (and {problems - 1} more)" if problems > 1 else ""
        super().__init__(
            f"{what}: {operation}: the API's answer cannot be read: field {field}: {reason}{more}. "
            "This package may be older than the API: upgrade pulumi-ai-gateway, or report it."
        )
        self.what = what
        self.operation = operation
        self.field = field


class ApiError(AIGatewayError):
    """An error answer of the Cloudflare API."""

    def __init__(
        self,
        what: str,
        operation: str,
        status: int,
        code: int | None,
        message: str,
        path: list[str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        where = f" (at {'.'.join(path)})" if path else ""
        cloudflare = f"Cloudflare error {code}" if code is not None else "Cloudflare error"
        super().__init__(f"{what}: {operation} failed: HTTP {status}, {cloudflare}: {message}{where}")
        self.what = what
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.path = path
        self.retry_after = retry_after

    @property
    def field(self) -> str | None:
        """The input field the API blamed, without the leading ``body``."""
        if not self.path:
            return None
        parts = self.path[1:] if self.path[0] == "body" else self.path
        return ".".join(parts) or None


class ValidationError(ApiError):
    """The API rejected an input (400 / 7001)."""


class AlreadyExistsError(ValidationError):
    """The object already exists: a duplicate gateway id, route name, or provider slug + alias."""


class NotFoundError(ApiError):
    """The object, or its parent gateway, does not exist."""


class AuthenticationError(ApiError):
    """The credentials were missing, wrong, or lack the AI Gateway permission."""


class RateLimitedError(ApiError):
    """Too many requests (429); ``retry_after`` says how long the API asked to wait."""


class ServerError(ApiError):
    """The API failed (5xx)."""


def classify(status: int, code: int | None, message: str) -> type[ApiError]:
    """The error class for an HTTP error answer."""
    lowered = message.lower()
    if status == 429:
        return RateLimitedError
    if status >= 500:
        return ServerError
    if status in (401, 403) or code in (10000, 9106, 9109):
        return AuthenticationError
    if status == 404 or code == 7002 or (code == 7005 and "not found" in lowered):
        return NotFoundError
    if "already exists" in lowered:
        return AlreadyExistsError
    return ValidationError
