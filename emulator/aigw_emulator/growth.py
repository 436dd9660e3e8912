"""An API that grows: answers carrying fields no client has modelled yet (``--unknown-fields``).

Cloudflare adds fields between releases. With the switch on, every JSON object of every API answer gains
fields the contract does not describe - top level, nested settings, list items, route elements and the targets
of their outputs - so a client can prove that it ignores what it does not know.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAPS", "UNKNOWN_FIELDS", "with_unknown_fields"]

UNKNOWN_FIELDS: dict[str, Any] = {
    "emulator_future_flag": True,
    "emulator_future_settings": {"mode": "later", "limits": [1, 2]},
}
"""What every object gains (a scalar and a nested object, so both shapes are exercised)."""

MAPS = frozenset({"outputs", "headers", "metadata", "conditions"})
"""Keys whose value is a map chosen by the client (output name -> target, header -> value, ...), not an
object of the API: a new key there would change the client's data, so only the values inside grow."""


def with_unknown_fields(value: Any, *, is_map: bool = False) -> Any:
    """``value`` (a decoded JSON answer) with ``UNKNOWN_FIELDS`` added to every object in it."""
    if isinstance(value, list):
        return [with_unknown_fields(item) for item in value]
    if not isinstance(value, dict):
        return value
    grown = {key: with_unknown_fields(item, is_map=key in MAPS) for key, item in value.items()}
    if not is_map:
        grown.update({key: item for key, item in UNKNOWN_FIELDS.items() if key not in grown})
    return grown
