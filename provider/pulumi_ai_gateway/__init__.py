"""Cloudflare AI Gateway as Pulumi infrastructure: every object of the API as a Pulumi dynamic resource.

Resources: ``Gateway``, ``Dataset``, ``Evaluation``, ``DynamicRoute``, ``ProviderConfig``, ``CustomProvider``,
``CustomProviderCost``, ``CustomDomain``, each with its ``...Args`` class and ``...ArgsDict``; nested settings
likewise (``OtelExporterArgs``, ``TargetArgs``, ...). Lookups: ``get_gateway``, ``get_gateway_url``,
``get_custom_providers``, ``get_evaluation_types``, ``get_logs`` and their ``_output`` forms, both forms
returning the same typed result (``GetGatewayResult``, ...). The typed API client is ``AIGatewayClient``; errors
derive from ``AIGatewayError``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pulumi_ai_gateway._public import PUBLIC

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name loads on first use
    from pulumi_ai_gateway import _public_types
    from pulumi_ai_gateway._public_types import *  # noqa: F403 (every public name; listed in its __all__)

# Public name -> the module defining it (generated from the registry and the models: tools/gen_inputs.py).
# Importing the package loads none of them: a script that only wants the typed client
# (``pulumi_ai_gateway.client``) never loads the Pulumi SDK, and a program loads what it uses.
_MODULES = PUBLIC
__all__: list[str] = []
if TYPE_CHECKING:
    __all__ += _public_types.__all__
else:
    __all__ += list(PUBLIC)


def __getattr__(name: str) -> Any:
    """Load a public name on first use (PEP 562); later uses find it in the module's namespace."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
