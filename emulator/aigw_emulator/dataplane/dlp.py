"""Data Loss Prevention on gateway traffic, with a few built-in detection profiles.

On Cloudflare, a gateway's ``dlp`` names Zero Trust DLP profiles (by id) and what to do when one matches:
``FLAG`` (the request goes through, its log records ``dlp_action: FLAG``) or ``BLOCK`` (refused, code 2029 for
a prompt, 2030 for a response). The emulator knows these profiles, by id (each a simple pattern):

- ``email``: an e-mail address;
- ``credit_card``: 13-19 digits, spaces or dashes between, that pass the Luhn check;
- ``ssn``: a US social security number, ``123-45-6789``;
- ``pii``: any of the three.

Any other profile id matches nothing. The simple form checks requests and responses alike; a policy checks
what its ``check`` lists. A ``BLOCK`` wins over a ``FLAG``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

__all__ = ["PROFILES", "Check", "verdict"]

Check = Literal["REQUEST", "RESPONSE"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def _card(text: str) -> bool:
    return any(_luhn(match) for match in _CARD.findall(text))


PROFILES: dict[str, Callable[[str], bool]] = {
    "email": lambda text: _EMAIL.search(text) is not None,
    "credit_card": _card,
    "ssn": lambda text: _SSN.search(text) is not None,
}
PROFILES["pii"] = lambda text: any(PROFILES[name](text) for name in ("email", "credit_card", "ssn"))


def _nothing(text: str) -> bool:
    return False


def _matches(profiles: list[Any], text: str) -> bool:
    return any(PROFILES.get(str(profile), _nothing)(text) for profile in profiles)


def verdict(dlp: dict[str, Any] | None, text: str, check: Check) -> Literal["FLAG", "BLOCK"] | None:
    """What the gateway's DLP setting does with ``text`` (a prompt for REQUEST, an answer for RESPONSE)."""
    if not dlp or not dlp.get("enabled"):
        return None
    if "policies" not in dlp:
        return dlp.get("action") if _matches(dlp.get("profiles") or [], text) else None
    actions = {
        policy.get("action")
        for policy in dlp["policies"]
        if policy.get("enabled") and check in (policy.get("check") or [])
        and _matches(policy.get("profiles") or [], text)
    }  # fmt: skip
    return "BLOCK" if "BLOCK" in actions else "FLAG" if "FLAG" in actions else None
