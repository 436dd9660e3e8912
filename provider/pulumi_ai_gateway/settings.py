"""Where the client finds its account, credentials and API address.

Most specific first, for each value:

1. explicit arguments;
2. Pulumi config ``aigateway:apiToken`` (secret), ``aigateway:apiKey`` + ``aigateway:email``,
   ``aigateway:accountId``, ``aigateway:baseUrl``;
3. the same keys under ``cloudflare:`` (users of the official provider already have them);
4. environment ``CLOUDFLARE_API_TOKEN``, ``CLOUDFLARE_API_KEY`` + ``CLOUDFLARE_EMAIL``,
   ``CLOUDFLARE_ACCOUNT_ID``, ``CLOUDFLARE_BASE_URL``.

``requestTimeout`` (seconds one API call may take, default 60) is read the same way, from the argument
``request_timeout``, ``aigateway:requestTimeout``, ``cloudflare:requestTimeout`` or ``AIGATEWAY_REQUEST_TIMEOUT``;
so is ``throttleTimeout`` (seconds a call may wait while the API rate-limits the token, default 300), from
``throttle_timeout``, ``aigateway:throttleTimeout``, ``cloudflare:throttleTimeout`` or
``AIGATEWAY_THROTTLE_TIMEOUT``.

Credentials resolve as a unit: the first source with a token, or with both a key and an email, wins.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pulumi_ai_gateway.errors import ConfigurationError

__all__ = ["CONFIG_KEYS", "DEFAULT_BASE_URL", "Secret", "Settings"]

DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4"
_NAMESPACES = ("aigateway", "cloudflare")
_SETTINGS = ("apiToken", "apiKey", "email", "accountId", "baseUrl", "requestTimeout", "throttleTimeout")
CONFIG_KEYS = tuple(f"{ns}:{key}" for ns in _NAMESPACES for key in _SETTINGS)
"""Every Pulumi config key the settings read (dynamic providers ask the engine for exactly these)."""
_ENVIRONMENT = {
    "apiToken": "CLOUDFLARE_API_TOKEN",
    "apiKey": "CLOUDFLARE_API_KEY",
    "email": "CLOUDFLARE_EMAIL",
    "accountId": "CLOUDFLARE_ACCOUNT_ID",
    "baseUrl": "CLOUDFLARE_BASE_URL",
    "requestTimeout": "AIGATEWAY_REQUEST_TIMEOUT",
    "throttleTimeout": "AIGATEWAY_THROTTLE_TIMEOUT",
}
_ARGUMENTS = {"apiToken": "api_token", "apiKey": "api_key", "email": "email", "accountId": "account_id",
              "baseUrl": "base_url", "requestTimeout": "request_timeout",
              "throttleTimeout": "throttle_timeout"}  # fmt: skip
# Cloudflare account ids are 32 hexadecimal characters; a local API (the emulator) may use any plain name.
_CLOUDFLARE_ACCOUNT = re.compile(r"[0-9a-f]{32}")
_LOCAL_ACCOUNT = re.compile(r"[A-Za-z0-9_.-]+")


class Secret:
    """A string that never shows itself in ``str``, ``repr`` or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('[redacted]')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        # Settings are never pickled into Pulumi state; refuse loudly if something tries.
        raise TypeError("credentials must not be pickled")


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one API client."""

    account_id: str
    base_url: str = DEFAULT_BASE_URL
    api_token: Secret | None = field(default=None, repr=False)
    api_key: Secret | None = field(default=None, repr=False)
    email: str | None = None
    request_timeout: float | None = None
    """Seconds one API call may take (None: the retry policy's default)."""
    throttle_timeout: float | None = None
    """Seconds a call may wait while the API rate-limits the token (None: the retry policy's default)."""

    def auth_headers(self) -> dict[str, str]:
        if self.api_token is not None:
            return {"Authorization": f"Bearer {self.api_token.reveal()}"}
        assert self.api_key is not None and self.email is not None
        return {"X-Auth-Email": self.email, "X-Auth-Key": self.api_key.reveal()}

    def secrets(self) -> list[str]:
        """Credential values, so error messages can be scrubbed of them."""
        return [s.reveal() for s in (self.api_token, self.api_key) if s is not None]

    @classmethod
    def resolve(
        cls,
        *,
        account_id: str | None = None,
        api_token: str | None = None,
        api_key: str | None = None,
        email: str | None = None,
        base_url: str | None = None,
        request_timeout: float | None = None,
        throttle_timeout: float | None = None,
        config: Mapping[str, str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, Pulumi config and the environment, in that order."""
        timeouts = {
            key: None if value is None else str(value)
            for key, value in (("requestTimeout", request_timeout), ("throttleTimeout", throttle_timeout))
        }
        arguments = {"apiToken": api_token, "apiKey": api_key, "email": email, "accountId": account_id,
                     "baseUrl": base_url, **timeouts}  # fmt: skip
        sources = _Sources(arguments, config, environ)
        base = sources.base_url()
        credentials = sources.credentials()
        account = sources.first("accountId")
        if account is not None:
            _check_account(account, sources.origin("accountId"), base)
        missing = [what for what, absent in (("credentials", credentials is None), ("account id", account is None))
                   if absent]  # fmt: skip
        if missing:
            raise ConfigurationError(
                "Cloudflare AI Gateway settings are incomplete. Missing "
                + "; ".join(f"{what}: none of {sources.places(what)} is set" for what in missing)
            )
        assert account is not None and credentials is not None
        token, key, email_address = credentials
        return cls(
            account_id=account,
            base_url=base,
            api_token=Secret(token) if token is not None else None,
            api_key=Secret(key) if key is not None else None,
            email=email_address,
            request_timeout=sources.request_timeout(),
            throttle_timeout=sources.throttle_timeout(),
        )

    @staticmethod
    def resolve_account(
        account_id: str | None = None,
        *,
        config: Mapping[str, str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> str | None:
        """The account id the settings would use (None when none is set), checked like ``resolve`` does."""
        sources = _Sources({"accountId": account_id}, config, environ)
        account = sources.first("accountId")
        if account is not None:
            _check_account(account, sources.origin("accountId"), sources.base_url())
        return account


class _Sources:
    """Where each setting may come from, most specific first: the arguments, Pulumi config ``aigateway:``
    and ``cloudflare:``, the environment. Each source spells a setting its own way (``api_token``,
    ``aigateway:apiToken``, ``CLOUDFLARE_API_TOKEN``), and messages name the place as the user set it."""

    def __init__(
        self,
        arguments: Mapping[str, str | None],
        config: Mapping[str, str | None] | None,
        environ: Mapping[str, str] | None,
    ) -> None:
        config, environ = config or {}, os.environ if environ is None else environ
        # (how messages name the source, how it spells a setting, the value of a setting there)
        self.layers: list[tuple[str, Callable[[str], str], Callable[[str], str | None]]] = [
            ("arguments", _ARGUMENTS.__getitem__, arguments.get),
            *(("Pulumi config", f"{ns}:{{}}".format, _prefixed(config, ns)) for ns in _NAMESPACES),
            ("environment", _ENVIRONMENT.__getitem__, lambda key: environ.get(_ENVIRONMENT[key])),
        ]

    def first(self, key: str) -> str | None:
        return next((value for _, _, get in self.layers if (value := get(key))), None)

    def origin(self, key: str) -> str:
        """Where the value of ``key`` came from (``Pulumi config aigateway:accountId``)."""
        for label, spell, get in self.layers:
            if get(key):
                return f"the {spell(key)} argument" if label == "arguments" else f"{label} {spell(key)}"
        return "the default"

    def places(self, what: str) -> str:
        """Every place ``what`` (``credentials`` or ``account id``) may be set, for a message."""
        if what == "credentials":
            spelt = [f"{label} {s('apiToken')}, {s('apiKey')} + {s('email')}" for label, s, _ in self.layers]
        else:
            spelt = [f"{label} {s('accountId')}" for label, s, _ in self.layers]
        return ", ".join(spelt[:-1]) + ", or " + spelt[-1]

    def credentials(self) -> tuple[str | None, str | None, str | None] | None:
        """(token, key, email): credentials resolve as a unit, from the first source with a token or with
        both a key and an email."""
        for _, _, get in self.layers:
            if token := get("apiToken"):
                return token, None, None
            if (key := get("apiKey")) and (email := get("email")):
                return None, key, email
        return None

    def base_url(self) -> str:
        base = (self.first("baseUrl") or DEFAULT_BASE_URL).rstrip("/")
        if not base.startswith(("https://", "http://")):
            raise ConfigurationError(
                f"baseUrl {base!r} from {self.origin('baseUrl')} is not an http(s) URL (e.g. {DEFAULT_BASE_URL})"
            )
        return base

    def request_timeout(self) -> float | None:
        return self.seconds("requestTimeout", 600)

    def throttle_timeout(self) -> float | None:
        return self.seconds("throttleTimeout", 3600)

    def seconds(self, key: str, most: float) -> float | None:
        """The setting ``key`` as seconds in (0, most], or None when unset."""
        value = self.first(key)
        try:
            seconds = None if value is None else float(value)
        except ValueError:
            seconds = -1.0
        if seconds is not None and not 0 < seconds <= most:
            raise ConfigurationError(f"{key} {value!r} is not a number of seconds in (0, {most:g}]")
        return seconds


def _prefixed(config: Mapping[str, str | None], namespace: str) -> Callable[[str], str | None]:
    return lambda key: config.get(f"{namespace}:{key}")


def _check_account(account: str, origin: str, base_url: str) -> None:
    if base_url == DEFAULT_BASE_URL and not _CLOUDFLARE_ACCOUNT.fullmatch(account):
        raise ConfigurationError(
            f"account id {account!r} from {origin} is not a Cloudflare account id: 32 hexadecimal characters "
            "(the part after dash.cloudflare.com/ in the dashboard URL)"
        )
    if not _LOCAL_ACCOUNT.fullmatch(account):
        raise ConfigurationError(
            f"account id {account!r} from {origin} has whitespace or characters an account id cannot have"
        )
