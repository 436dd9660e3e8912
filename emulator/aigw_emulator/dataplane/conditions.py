"""The condition of a dynamic route's ``conditional`` element, evaluated against a request's metadata.

The API description leaves ``conditions`` an open object. The emulator reads it as Cloudflare's route editor
writes it: field paths (``metadata.<key>``) mapped to an operator object, e.g.
``{"metadata.plan": {"$eq": "paid"}}``, with ``$eq``, ``$ne``, ``$in``, ``$nin``, ``$gt``, ``$gte``, ``$lt``,
``$lte`` and ``$exists``; a plain value means ``$eq``; ``$and`` / ``$or`` take lists of such objects. Every
entry must hold. A missing or empty condition is true; anything it cannot read is false, never an error, so the
request takes the ``false`` branch.
"""

from __future__ import annotations

from typing import Any

__all__ = ["holds"]

_MISSING = object()


def _compare(actual: Any, operator: str, wanted: Any) -> bool:
    if operator == "$exists":
        return (actual is not _MISSING) == bool(wanted)
    if actual is _MISSING:
        return operator in ("$ne", "$nin")
    if operator == "$eq":
        return bool(actual == wanted)
    if operator == "$ne":
        return bool(actual != wanted)
    if operator in ("$in", "$nin"):
        inside = isinstance(wanted, list) and actual in wanted
        return inside if operator == "$in" else not inside
    try:
        if operator == "$gt":
            return bool(actual > wanted)
        if operator == "$gte":
            return bool(actual >= wanted)
        if operator == "$lt":
            return bool(actual < wanted)
        if operator == "$lte":
            return bool(actual <= wanted)
    except TypeError:
        return False
    return False


def _field(metadata: dict[str, Any], path: str) -> Any:
    if not path.startswith("metadata."):
        return _MISSING
    return metadata.get(path[len("metadata.") :], _MISSING)


def holds(conditions: dict[str, Any] | None, metadata: dict[str, Any]) -> bool:
    for key, test in (conditions or {}).items():
        if key in ("$and", "$or"):
            if not isinstance(test, list):
                return False
            results = [isinstance(part, dict) and holds(part, metadata) for part in test]
            if not (all(results) if key == "$and" else any(results)):
                return False
            continue
        actual = _field(metadata, key)
        tests = test if isinstance(test, dict) else {"$eq": test}
        if not all(_compare(actual, operator, wanted) for operator, wanted in tests.items()):
            return False
    return True
