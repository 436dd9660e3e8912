"""The HTTP layer: one pooled httpx client per process, auth, the envelope, errors, retries, pagination.

Nothing here is ever pickled into Pulumi state: dynamic providers build an ``ApiClient`` inside each call
from settings they resolve at run time, and the pooled ``httpx.Client`` lives in this module.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from pulumi_ai_gateway.errors import ApiError, TransportError, classify, scrub
from pulumi_ai_gateway.settings import Settings

__all__ = ["ApiClient", "RetryPolicy"]

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

    429, 408, 409 and 5xx answers and transport errors are retried with capped exponential backoff and
    jitter; a 429's ``Retry-After`` is honoured (up to ``max_retry_after``). Validation and auth errors are
    never retried. No retry starts after ``deadline`` seconds from the first attempt. A POST (a create) is
    retried only when it certainly did nothing (429, or no connection): after a 5xx or a failure in flight it
    may have been applied, and the resource layer looks the object up before creating again.
    """

    max_retries: int = 2
    max_rate_limited_retries: int = 10
    """429 means "not processed, come back later": it has its own, larger budget (the deadline still holds)."""
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.25
    deadline: float = 60.0
    timeout: float = 60.0
    connect_timeout: float = 5.0

    def backoff(self, retry: int, rand: float) -> float:
        """Seconds before retry number ``retry`` (0-based); ``rand`` in [0, 1) shaves off up to ``jitter``."""
        return float(min(self.max_delay, self.base_delay * 2**retry) * (1 - self.jitter * rand))


_RETRY_STATUSES = frozenset({408, 409, 429})


def _pooled(base_url: str, policy: RetryPolicy) -> httpx.Client:
    with _POOL_LOCK:
        client = _POOL.get(base_url)
        if client is None:
            client = httpx.Client(
                timeout=httpx.Timeout(policy.timeout, connect=policy.connect_timeout),
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
                headers={"User-Agent": _USER_AGENT},
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
    ) -> None:
        self.settings = settings
        self.retry = retry or RetryPolicy()
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
    ) -> Any:
        """Send one API call (retrying as the policy says) and return the decoded JSON body."""
        hidden = [*self.settings.secrets(), *secrets]
        started = self._clock()
        attempt = failures = throttles = 0
        while True:
            attempt += 1
            try:
                response = self._http.request(
                    method,
                    self.prefix + path,
                    json=json,
                    params=params,
                    headers=self.settings.auth_headers(),
                    **self._options,
                )
            except httpx.TransportError as exc:
                detail = scrub(f"{type(exc).__name__}: {exc}", hidden)
                log.debug("%s %s -> %s (attempt %d)", method, path, detail, attempt)
                # A create that failed after it was sent may have been applied: never repeat it blindly.
                sent = not isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
                failures += 1
                delay = None if method == "POST" and sent else self._retry_delay(failures, started, None)
                if delay is None:
                    raise TransportError(
                        what,
                        operation,
                        detail,
                        attempt,
                        uncertain=method == "POST" and sent,
                        timed_out=isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout)),
                    ) from None
                self._sleep(delay)
                continue
            log.debug("%s %s -> %d (attempt %d)", method, path, response.status_code, attempt)
            if response.is_success:
                return self._decode(response, what, operation, hidden)
            error = self._error(response, what, operation, hidden)
            # 429 is refused before anything happens; a POST answered 5xx may have been applied (see above).
            retryable = response.status_code == 429 or (
                method != "POST" and (response.status_code in _RETRY_STATUSES or response.status_code >= 500)
            )
            if response.status_code == 429:
                throttles += 1
                delay = self._retry_delay(
                    throttles, started, error.retry_after, self.retry.max_rate_limited_retries
                )
            else:
                failures += 1
                delay = self._retry_delay(failures, started, error.retry_after) if retryable else None
            if delay is None:
                raise error
            self._sleep(delay)

    def pause(self, retry: int) -> float:
        """Wait as the policy says before retry number ``retry`` (0-based) of a whole operation; returns seconds."""
        delay = self.retry.backoff(retry, self._rand())
        self._sleep(delay)
        return delay

    def _retry_delay(
        self, attempt: int, started: float, retry_after: float | None, limit: int | None = None
    ) -> float | None:
        """Seconds to wait before retry number ``attempt``, or None when retries or time are used up."""
        if attempt > (self.retry.max_retries if limit is None else limit):
            return None
        delay = self.retry.backoff(attempt - 1, self._rand())
        if retry_after is not None:
            delay = min(max(retry_after, 0.0), self.retry.max_retry_after)
        if self._clock() + delay - started > self.retry.deadline:
            return None
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

    def call(self, method: str, path: str, *, what: str, operation: str, **kwargs: Any) -> Any:
        """One call; returns the envelope's ``result``."""
        body = self.request(method, path, what=what, operation=operation, **kwargs)
        if not isinstance(body, dict) or "result" not in body:
            raise ApiError(what, operation, 200, None, "answer has no 'result'")
        return body["result"]

    def call_route(self, method: str, path: str, *, what: str, operation: str, **kwargs: Any) -> Any:
        """A dynamic-route call: ``result``, or the ``route`` that PATCH answers with."""
        body = self.request(method, path, what=what, operation=operation, **kwargs)
        if isinstance(body, dict) and "route" in body:
            return body["route"]
        if isinstance(body, dict) and "result" in body:
            return body["result"]
        raise ApiError(what, operation, 200, None, "answer has neither 'result' nor 'route'")

    def paginate(
        self,
        path: str,
        *,
        what: str,
        operation: str,
        params: dict[str, Any] | None = None,
        per_page: int = 100,
        data_key: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every item of a list, page by page (``page`` from 1), until an empty page or ``total_count``.

        ``data_key`` reads dynamic-route lists, which answer ``{data: {<data_key>: [...]}}``.
        """
        page, seen = 1, 0
        while True:
            query = {**(params or {}), "page": page, "per_page": per_page}
            body = self.request("GET", path, what=what, operation=operation, params=query)
            items = body["data"][data_key] if data_key else body["result"]
            if not items:
                return
            yield from items
            seen += len(items)
            total = (body.get("result_info") or {}).get("total_count") if not data_key else None
            if isinstance(total, int) and seen >= total:
                return
            page += 1
