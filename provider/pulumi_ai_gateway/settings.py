"""Where the client finds its account, credentials and API address.

Most specific first, for each value:

1. explicit arguments;
2. Pulumi config ``aigateway:apiToken`` (secret), ``aigateway:apiKey`` + ``aigateway:email``,
   ``aigateway:accountId``, ``aigateway:baseUrl``;
3. the same keys under ``cloudflare:`` (users of the official provider already have them);
4. environment ``CLOUDFLARE_API_TOKEN``, ``CLOUDFLARE_API_KEY`` + ``CLOUDFLARE_EMAIL``,
   ``CLOUDFLARE_ACCOUNT_ID``, ``CLOUDFLARE_BASE_URL``.

``requestTimeout`` (seconds one API call may take, default 60) is read the same way, from the argument
``request_timeout``, ``aigateway:requestTimeout``, ``cloudflare:requestTimeout`` or ``AIGATEWAY_REQUEST_TIMEOUT``.

Credentials resolve as a unit: the first source with a token, or with both a key and an email, wins.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pulumi_ai_gateway.errors import ConfigurationError

__all__ = ["CONFIG_KEYS", "DEFAULT_BASE_URL", "Secret", "Settings"]

DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4"
_NAMESPACES = ("aigateway", "cloudflare")
_SETTINGS = ("apiToken", "apiKey", "email", "accountId", "baseUrl", "requestTimeout")
CONFIG_KEYS = tuple(f"{ns}:{key}" for ns in _NAMESPACES for key in _SETTINGS)
"""Every Pulumi config key the settings read (dynamic providers ask the engine for exactly these)."""
_ENVIRONMENT = {
    "apiToken": "CLOUDFLARE_API_TOKEN",
    "apiKey": "CLOUDFLARE_API_KEY",
    "email": "CLOUDFLARE_EMAIL",
    "accountId": "CLOUDFLARE_ACCOUNT_ID",
    "baseUrl": "CLOUDFLARE_BASE_URL",
    "requestTimeout": "AIGATEWAY_REQUEST_TIMEOUT",
}
_ARGUMENTS = {"apiToken": "api_token", "apiKey": "api_key", "email": "email", "accountId": "account_id",
              "baseUrl": "base_url", "requestTimeout": "request_timeout"}  # fmt: skip
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
        config: Mapping[str, str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, Pulumi config and the environment, in that order."""
        config = config or {}
        environ = os.environ if environ is None else environ
        sources = _sources(
            {
                "apiToken": api_token,
                "apiKey": api_key,
                "email": email,
                "accountId": account_id,
                "baseUrl": base_url,
                "requestTimeout": None if request_timeout is None else str(request_timeout),
            },
            config,
            environ,
        )

        def first(key: str) -> str | None:
            return next((value for _, values in sources if (value := values.get(key))), None)

        base = (first("baseUrl") or DEFAULT_BASE_URL).rstrip("/")
        if not base.startswith(("https://", "http://")):
            raise ConfigurationError(
                f"baseUrl {base!r} from {_origin(sources, 'baseUrl')} is not an http(s) URL "
                f"(e.g. {DEFAULT_BASE_URL})"
            )

        timeout = first("requestTimeout")
        try:
            request_timeout = None if timeout is None else float(timeout)
        except ValueError:
            request_timeout = -1.0
        if request_timeout is not None and not 0 < request_timeout <= 600:
            raise ConfigurationError(f"requestTimeout {timeout!r} is not a number of seconds in (0, 600]")

        token: str | None = None
        key_and_email: tuple[str, str] | None = None
        for _, values in sources:
            if values.get("apiToken"):
                token = values["apiToken"]
                break
            if values.get("apiKey") and values.get("email"):
                key_and_email = (str(values["apiKey"]), str(values["email"]))
                break

        missing = []
        if token is None and key_and_email is None:
            missing.append(
                "credentials: none of the api_token / api_key + email arguments, Pulumi config "
                "aigateway:apiToken, aigateway:apiKey + aigateway:email, cloudflare:apiToken, "
                "cloudflare:apiKey + cloudflare:email, or environment CLOUDFLARE_API_TOKEN, "
                "CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL is set"
            )
        account = first("accountId")
        if account is not None:
            _check_account(account, _origin(sources, "accountId"), base)
        if account is None:
            missing.append(
                "account id: none of the account_id argument, Pulumi config aigateway:accountId, "
                "cloudflare:accountId, or environment CLOUDFLARE_ACCOUNT_ID is set"
            )
        if missing:
            raise ConfigurationError(
                "Cloudflare AI Gateway settings are incomplete. Missing " + "; ".join(missing)
            )
        assert account is not None
        return cls(
            account_id=account,
            base_url=base,
            api_token=Secret(token) if token is not None else None,
            api_key=Secret(key_and_email[0]) if key_and_email else None,
            email=key_and_email[1] if key_and_email else None,
            request_timeout=request_timeout,
        )

    @staticmethod
    def resolve_account(
        account_id: str | None = None,
        *,
        config: Mapping[str, str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> str | None:
        """The account id the settings would use (None when none is set), checked like ``resolve`` does."""
        sources = _sources(
            {"accountId": account_id}, config or {}, os.environ if environ is None else environ
        )
        account = next((v for _, values in sources if (v := values.get("accountId"))), None)
        base = next((v for _, values in sources if (v := values.get("baseUrl"))), None) or DEFAULT_BASE_URL
        if account is not None:
            _check_account(account, _origin(sources, "accountId"), base.rstrip("/"))
        return account


Sources = list[tuple[str, Mapping[str, str | None]]]


def _sources(
    arguments: Mapping[str, str | None], config: Mapping[str, str | None], environ: Mapping[str, str]
) -> Sources:
    """Where each setting may come from, most specific first: (name of the source, setting -> value)."""
    return [
        ("arguments", arguments),
        *((f"Pulumi config {ns}:", {k: config.get(f"{ns}:{k}") for k in _SETTINGS}) for ns in _NAMESPACES),
        ("environment", {k: environ.get(variable) for k, variable in _ENVIRONMENT.items()}),
    ]


def _origin(sources: Sources, key: str) -> str:
    """Where the value of ``key`` came from, as the user set it (``Pulumi config aigateway:accountId``)."""
    for name, values in sources:
        if values.get(key):
            if name == "arguments":
                return f"the {_ARGUMENTS[key]} argument"
            return f"environment {_ENVIRONMENT[key]}" if name == "environment" else f"{name}{key}"
    return "the default"


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
