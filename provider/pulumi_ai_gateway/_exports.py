"""How a resource module exports its generated resource class and Args (``Gateway``, ``GatewayArgs``,
``GatewayArgsDict``, written into ``_inputs`` by tools/gen_inputs.py) without loading them: the
dynamic-provider process loads the module from the state and never asks for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["generated_names"]


def generated_names(module: str, resource: str) -> Callable[[str], Any]:
    """The ``__getattr__`` of the resource module ``module``: its generated names load when first asked for."""
    names = (resource, f"{resource}Args", f"{resource}ArgsDict")

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        from pulumi_ai_gateway import _inputs

        return getattr(_inputs, name)

    return __getattr__
