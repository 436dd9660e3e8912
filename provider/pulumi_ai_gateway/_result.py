"""The base of the lookup results (``GetGatewayResult``, ...), which ``_results`` generates from the read models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class LookupResult(dict[str, Any]):
    """What a lookup answers: a dict of the API's fields, each also a typed, documented attribute.

    A dict, so that ``pulumi.export`` exports it as a map and it compares equal to the same fields as a dict.
    (``@pulumi.output_type`` is not used: it would make a result unequal to any plain dict and give it a
    keyword-only constructor, and Pulumi only needs it to translate resource outputs, not to export.)
    The plain and the ``_output`` form of a lookup give the same class.
    """

    _nested: ClassVar[Mapping[str, type[LookupResult]]] = {}
    """The fields holding another result (a route's ``deployment``), by name."""

    def __init__(self, fields: Mapping[str, Any]) -> None:
        super().__init__({name: self._nested_value(name, value) for name, value in fields.items()})

    @classmethod
    def _nested_value(cls, name: str, value: Any) -> Any:
        inner = cls._nested.get(name)
        if inner is None or value is None:
            return value
        return [inner(item) for item in value] if isinstance(value, list) else inner(value)
