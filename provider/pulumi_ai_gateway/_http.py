"""The HTTP layer: one pooled httpx client per process, auth, the envelope, errors, retries, pagination.

Nothing here is ever pickled into Pulumi state: dynamic providers build an ``ApiClient`` inside each call
from settings they resolve at run time, and the pooled ``httpx.Client`` lives in this module.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import ValidationError as PydanticError

from pulumi_ai_gateway._models import ResponseModel
from pulumi_ai_gateway.errors import (
    AIGatewayError,
    AlreadyExistsError,
    ApiError,
    RateLimitedError,
    ServerError,
    TransportError,
    classify,
    scrub,
)
from pulumi_ai_gateway.settings import Settings

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel
# httpx (and httpcore, with the first client) loads with the first ApiClient, not with this module: a preview's
# check and diff make no request, and its provider host is spared httpx's import (~12 ms measured).

__all__ = ["ApiClient", "Lost", "ObjectApi", "RetryPolicy", "SingletonApi", "post_recovering"]

R = TypeVar("R")
F = TypeVar("F")

log = logging.getLogger("pulumi_ai_gateway")
LOG_FILE_VARIABLE = "PULUMI_AI_GATEWAY_LOG"
"""Environment variable: a file the provider appends its request log to (method, path, status; no secrets)."""


def _log_to_file(path: str | None) -> None:
    # Dynamic providers run inside the engine, which shows none of their logging: a file is the way to see it.
    if path and not any(getattr(h, "baseFilename", None) == os.path.abspath(path) for h in log.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)


_log_to_file(os.environ.get(LOG_FILE_VARIABLE))

_POOL: dict[str, httpx.Client] = {}
_POOL_LOCK = threading.Lock()
_USER_AGENT = "pulumi-ai-gateway/0.1"


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to retry. Defaults follow Cloudflare's own Python client.

    408, 409 and 5xx answers and transport errors are retried ``max_retries`` times with capped exponential
    backoff and jitter, and no such retry starts after ``deadline`` seconds. A 429 means "not processed, come
    back later": the call waits as its ``Retry-After`` says, for as long as ``throttle_timeout`` allows in all,
    however many 429s that takes; and every call of the process to the same API and token waits with it
    instead of adding to the load. Validation and auth errors are never retried. A POST (a create) is retried
    only when it certainly did nothing (429, or no connection): after a 5xx or a failure in flight it may have
    been applied, and the resource layer looks the object up before creating again.
    """

    max_retries: int = 2
    max_rate_limited_retries: int | None = None
    """At most this many 429s per call (None: as many as ``throttle_timeout`` allows)."""
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float | None = None
    """The longest single wait a ``Retry-After`` may ask for (None: what is left of ``throttle_timeout``)."""
    jitter: float = 0.25
    deadline: float = 60.0
    throttle_timeout: float = 300.0
    """Seconds one call may spend waiting while the API rate-limits the token (``aigateway:throttleTimeout``)."""
    timeout: float = 60.0
    connect_timeout: float = 5.0

    def backoff(self, retry: int, rand: float) -> float:
        """Seconds before retry number ``retry`` (0-based); ``rand`` in [0, 1) shaves off up to ``jitter``."""
        return float(min(self.max_delay, self.base_delay * 2**retry) * (1 - self.jitter * rand))


_RETRY_STATUSES = frozenset({408, 409, 429})


def _pooled(base_url: str, policy: RetryPolicy) -> httpx.Client:
    from pulumi_ai_gateway._httpx import httpx

    with _POOL_LOCK:
        client = _POOL.get(base_url)
        if client is None:
            client = httpx.Client(
                timeout=httpx.Timeout(policy.timeout, connect=policy.connect_timeout),
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
                headers={"User-Agent": _USER_AGENT},
                # Loading the CA bundle costs ~40 ms per process; a plain-HTTP base URL (the emulator) never
                # uses it. Any https URL is verified as always.
                verify=not base_url.startswith("http://"),
            )
            _POOL[base_url] = client
        return client


class ApiClient:
    """Calls under ``/accounts/{account_id}/ai-gateway`` with auth, retries and error mapping."""

    def __init__(
        self,
        settings: Settings,
        *,
        retry: RetryPolicy | None = None,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        """``notify``: told, in words, when a call waits because the API rate-limits the token."""
        from pulumi_ai_gateway._httpx import httpx

        self.settings = settings
        self.retry = retry or RetryPolicy()
        if settings.throttle_timeout is not None:
            self.retry = dataclasses.replace(self.retry, throttle_timeout=settings.throttle_timeout)
        self._notify = notify
        # Calls of this process to one API with one token share what a 429 said (a digest, never the token).
        self._throttle = _throttle_of(settings, clock)
        self._http = http or _pooled(settings.base_url, self.retry)
        self._sleep, self._clock, self._rand = sleep, clock, rand
        self.prefix = f"{settings.base_url}/accounts/{settings.account_id}/ai-gateway"
        # The pool is shared by every client of a base URL: a configured timeout is set per request.
        self._options: dict[str, Any] = (
            {"timeout": httpx.Timeout(settings.request_timeout, connect=self.retry.connect_timeout)}
            if settings.request_timeout is not None
            else {}
        )

    def __repr__(self) -> str:
        return f"ApiClient(account_id={self.settings.account_id!r}, base_url={self.settings.base_url!r})"

    def request(
        self,
        method: str,
        path: str,
        *,
        what: str,
        operation: str,
        json: Any = None,
        params: Any = None,
        secrets: Iterable[str] = (),
        idempotent: bool | None = None,
    ) -> Any:
        """Send one API call (retrying as the policy says) and return the decoded JSON body.

        ``idempotent``: whether sending it twice does no more than once (default: every method but POST). A
        call that is not is never repeated after it may have reached the API (a 5xx, no answer)."""
        from pulumi_ai_gateway._httpx import httpx

        hidden = [*self.settings.secrets(), *secrets]
        repeatable = method != "POST" if idempotent is None else idempotent
        budget = _Budget(self.retry, self._clock, self._rand)
        while True:
            failure: AIGatewayError
            if (held := self._throttle.remaining()) > 0:
                # Another call of this process was just told to wait: no request until then.
                if not budget.may_wait(held):
                    raise RateLimitedError(what, operation, 429, None, _STILL_THROTTLED, None, held)
                self._waiting(what, held)
                continue
            try:
                response = self._http.request(
                    method, self.prefix + path, json=json, params=params,
                    headers=self.settings.auth_headers(), **self._options,
                )  # fmt: skip
            except httpx.TransportError as exc:
                lost = failure = _transport_error(exc, repeatable, what, operation, hidden, budget.attempts)
                log.debug("%s %s -> %s (attempt %d)", method, path, lost, budget.attempts)
                # A create that failed after it was sent may have been applied: never repeat it blindly.
                delay = None if lost.uncertain else budget.delay(throttled=False, retry_after=None)
            else:
                log.debug("%s %s -> %d (attempt %d)", method, path, response.status_code, budget.attempts)
                if response.is_success:
                    return self._decode(response, what, operation, hidden)
                error = failure = self._error(response, what, operation, hidden)
                status = response.status_code
                # 429 is refused before anything happens; a call that is not idempotent may have been applied.
                retryable = status == 429 or (repeatable and (status in _RETRY_STATUSES or status >= 500))
                delay = budget.delay(status == 429, error.retry_after) if retryable else None
                if status == 429 and delay is not None:
                    self._throttle.hold(delay)
                    self._waiting(what, delay)
                    continue
            if delay is None:
                raise failure
            self._sleep(delay)

    def _waiting(self, what: str, seconds: float) -> None:
        """Wait while the API rate-limits the token, saying so."""
        if self._notify is not None and seconds >= 1:
            self._notify(f"{what}: rate limited by the API, retrying in {seconds:.0f} s")
        self._sleep(seconds)

    def pause(self, retry: int) -> float:
        """Wait as the policy says before retry number ``retry`` (0-based) of a whole operation; returns seconds."""
        delay = self.retry.backoff(retry, self._rand())
        self._sleep(delay)
        return delay

    @staticmethod
    def _decode(response: httpx.Response, what: str, operation: str, hidden: list[str]) -> Any:
        try:
            return response.json()
        except ValueError:
            raise ApiError(
                what,
                operation,
                response.status_code,
                None,
                scrub(f"answer is not JSON: {response.text[:200]!r}", hidden),
            ) from None

    @staticmethod
    def _error(response: httpx.Response, what: str, operation: str, hidden: list[str]) -> ApiError:
        code: int | None = None
        path: list[str] | None = None
        message = response.reason_phrase or "error"
        try:
            errors = response.json().get("errors") or []
        except (ValueError, AttributeError):
            errors = []
        if errors and isinstance(errors[0], dict):
            first = errors[0]
            code = first.get("code") if isinstance(first.get("code"), int) else None
            message = str(first.get("message") or message)
            raw_path = first.get("path")
            path = [str(part) for part in raw_path] if isinstance(raw_path, list) else None
        elif response.text:
            message = response.text[:200]
        retry_after: float | None = None
        if header := response.headers.get("Retry-After"):
            try:
                retry_after = float(header)
            except ValueError:
                retry_after = None
        cls = classify(response.status_code, code, message)
        return cls(what, operation, response.status_code, code, scrub(message, hidden), path, retry_after)

    # The envelope -------------------------------------------------------------------------------------

    def call(
        self, method: str, path: str, *, what: str, operation: str, data_key: str | None = None, **kwargs: Any
    ) -> Any:
        """One call; returns what its envelope carries (see ``_Envelope.payload``)."""
        body = self.request(method, path, what=what, operation=operation, **kwargs)
        return _Envelope.read(body, what, operation).payload(what, operation, data_key)

    def paginate(
        self,
        path: str,
        *,
        what: str,
        operation: str,
        params: dict[str, Any] | None = None,
        per_page: int = 100,
        data_key: str | None = None,
    ) -> Iterator[Any]:
        """Every item of a list, page by page (``page`` from 1), until an empty page or ``total_count``."""
        page, seen = 1, 0
        while True:
            query = {**(params or {}), "page": page, "per_page": per_page}
            body = self.request("GET", path, what=what, operation=operation, params=query)
            envelope = _Envelope.read(body, what, operation)
            items = envelope.payload(what, operation, data_key)
            if not isinstance(items, list):
                raise ApiError(what, operation, 200, None, "answer's list is not a list")
            if not items:
                return
            yield from items
            seen += len(items)
            total = envelope.result_info.total_count if envelope.result_info else None
            if total is not None and seen >= total:
                return
            page += 1


class _ResultInfo(ResponseModel):
    total_count: int | None = None


class _Envelope(ResponseModel):
    """Cloudflare's answer around the data: ``result`` (with ``result_info`` on lists); dynamic routes answer
    a PATCH with ``route`` and their lists and versions with ``data: {<key>: [...]}``."""

    result: Any = None
    route: Any = None
    data: dict[str, Any] | None = None
    result_info: _ResultInfo | None = None

    @classmethod
    def read(cls, body: Any, what: str, operation: str) -> _Envelope:
        try:
            return cls.model_validate(body)
        except PydanticError:
            raise ApiError(what, operation, 200, None, "answer is not a Cloudflare envelope") from None

    def payload(self, what: str, operation: str, data_key: str | None) -> Any:
        """``data[data_key]`` when a key is named, else ``route`` or ``result``."""
        if data_key is not None:
            if self.data is None or data_key not in self.data:
                raise ApiError(what, operation, 200, None, f"answer has no 'data.{data_key}'")
            return self.data[data_key]
        for name in ("route", "result"):
            if name in self.model_fields_set:
                return getattr(self, name)
        raise ApiError(what, operation, 200, None, "answer has no 'result'")


class ObjectApi:
    """Base of the API of one kind of object (``GatewayApi``, ...): calls through one ``ApiClient``."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    @property
    def http(self) -> ApiClient:
        """The HTTP client these calls go through (its retry policy paces whole operations too)."""
        return self._client


class SingletonApi(ObjectApi):
    """The API of an object the account holds at most one of, at a path of its own (the spending limit, the
    auto top-up): read it, delete it."""

    def get(self) -> BaseModel:
        """The account's object; NotFoundError when it has none."""
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError


_STILL_THROTTLED = "rate limited by the API for longer than throttleTimeout allows"


@dataclass
class _Budget:
    """What one request has left: retries of failures within the deadline, and time to wait on 429s."""

    policy: RetryPolicy
    clock: Callable[[], float]
    rand: Callable[[], float]
    attempts: int = 1
    failures: int = 0
    throttles: int = 0
    throttled_s: float = 0.0

    def __post_init__(self) -> None:
        self.started = self.clock()

    def may_wait(self, seconds: float) -> bool:
        """Whether waiting ``seconds`` more on the rate limit fits the throttle budget (and counts it)."""
        if self.throttled_s + seconds > self.policy.throttle_timeout:
            return False
        self.throttled_s += seconds
        return True

    def delay(self, throttled: bool, retry_after: float | None) -> float | None:
        """Seconds to wait before the next attempt, or None when retries or time are used up."""
        if throttled:
            self.throttles += 1
            limit = self.policy.max_rate_limited_retries
            if limit is not None and self.throttles > limit:
                return None
            delay = (
                self.policy.backoff(self.throttles - 1, self.rand()) if retry_after is None else retry_after
            )
            cap = self.policy.max_retry_after
            delay = max(delay, 0.0) if cap is None else min(max(delay, 0.0), cap)
            if not self.may_wait(delay):
                return None
            self.attempts += 1
            return delay
        self.failures += 1
        if self.failures > self.policy.max_retries:
            return None
        delay = self.policy.backoff(self.failures - 1, self.rand())
        # The deadline bounds retries of failures; time spent waiting on the rate limit does not count.
        if self.clock() - self.throttled_s + delay - self.started > self.policy.deadline:
            return None
        self.attempts += 1
        return delay


class _Throttle:
    """Until when calls to one API with one token wait, after a 429 said so (shared by the process)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._until = 0.0

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, self._clock() + seconds)

    def remaining(self) -> float:
        with self._lock:
            return max(0.0, self._until - self._clock())


_THROTTLES: dict[tuple[str, str, int], _Throttle] = {}


def _throttle_of(settings: Settings, clock: Callable[[], float]) -> _Throttle:
    """The process's throttle of ``settings``' API and credentials (per clock: times of two clocks differ)."""
    who = hashlib.sha256("\0".join(settings.secrets()).encode()).hexdigest()
    with _POOL_LOCK:
        return _THROTTLES.setdefault((settings.base_url, who, id(clock)), _Throttle(clock))


def _transport_error(
    exc: httpx.TransportError, repeatable: bool, what: str, operation: str, hidden: list[str], attempts: int
) -> TransportError:
    from pulumi_ai_gateway._httpx import httpx

    # Failing to connect means nothing was sent; anything later may have reached the API.
    sent = not isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
    return TransportError(
        what,
        operation,
        scrub(f"{type(exc).__name__}: {exc}", hidden),
        attempts,
        uncertain=not repeatable and sent,
        timed_out=isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout)),
    )


# Gateway timeouts: the origin may still be applying the request.
_STILL_RUNNING = frozenset({504, 522, 524})


@dataclass(frozen=True)
class Lost(Generic[F]):
    """A POST whose answer was lost had made ``found`` (looked up after the fact)."""

    found: F


def post_recovering(
    http: ApiClient, post: Callable[[], R], find: Callable[[], F | None], *, repeat_would_duplicate: bool
) -> R | Lost[F]:
    """``post()``; when its answer is lost (5xx, or no answer after sending), what it made, looked up with
    ``find``; the POST is repeated (paced by the retry policy) only when nothing was made.

    A gateway timeout or no answer in time means the request may still be running. When repeating it would
    make a second object (``repeat_would_duplicate``: names are not unique), the result is awaited with
    backoff up to the policy's deadline; otherwise a repeat would meet the first as a duplicate, which is
    recognised: ``AlreadyExistsError`` after a lost answer is the object the lost answer made. On the first
    attempt ``AlreadyExistsError`` is raised (the object was there before).
    """
    for attempt in itertools.count():
        try:
            return post()
        except AlreadyExistsError:
            if attempt == 0 or (found := find()) is None:
                raise
            return Lost(found)
        except (ServerError, TransportError) as error:
            if isinstance(error, TransportError) and not error.uncertain:
                raise
            in_flight = (isinstance(error, TransportError) and error.timed_out) or (
                isinstance(error, ServerError) and error.status in _STILL_RUNNING
            )
            found, waited, retry = find(), 0.0, 0
            while found is None and repeat_would_duplicate and in_flight and waited < http.retry.deadline:
                waited += http.pause(retry)
                retry += 1
                found = find()
            if found is not None:
                return Lost(found)
            if attempt >= http.retry.max_retries:
                raise
            http.pause(attempt)
    raise AssertionError("unreachable")
