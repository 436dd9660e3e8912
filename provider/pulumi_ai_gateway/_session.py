"""Settings and HTTP clients of this process, from the stack config it was given and the environment.

Dynamic providers are pickled into state, so they hold no settings: each call asks this module. The provider
process receives the stack config in ``configure()``; a program process reads it from the Pulumi runtime.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway.settings import CONFIG_KEYS, Settings

__all__ = ["configured", "http_for", "program_config", "settings_for", "use_config"]

_CONFIG: dict[str, str | None] = {}
_LOCK = threading.Lock()


def use_config(values: Mapping[str, str | None]) -> None:
    """Remember stack config values (``aigateway:*``, ``cloudflare:*``) for the clients built in this process."""
    with _LOCK:
        _CONFIG.update({key: value for key, value in values.items() if value is not None})


def program_config() -> None:
    """Inside a Pulumi program: remember the stack config, for clients built in the program process."""
    import pulumi.runtime  # only programs get here; the typed client alone never imports pulumi

    use_config({key: pulumi.runtime.get_config(key) for key in CONFIG_KEYS})


def configured() -> dict[str, str | None]:
    """The stack config values remembered so far."""
    with _LOCK:
        return dict(_CONFIG)


def settings_for(account_id: str | None) -> Settings:
    """Settings for ``account_id`` (or the configured account), from the stack config and the environment."""
    return Settings.resolve(account_id=account_id, config=configured())


def http_for(account_id: str | None) -> ApiClient:
    """The HTTP client of ``account_id`` (cheap: the connection pool is shared per process)."""
    return ApiClient(settings_for(account_id), notify=_tell_engine)


def _tell_engine(message: str) -> None:
    """Show ``message`` in the engine's output (from a provider process, Pulumi prints it to stderr, which
    the engine shows)."""
    import pulumi.log  # only programs and providers get here

    pulumi.log.info(message)
