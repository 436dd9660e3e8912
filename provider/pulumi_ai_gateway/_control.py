"""What both processes agree on about managing an object rather than describing it: the inputs that say how
(account, adoption), the adoption switch, and the key that carries the program's resource name to ``check``.

A leaf module: the program side (``_program``) and the provider side (``_provider``) both import it.
"""

from __future__ import annotations

import os

__all__ = ["ADOPT_VARIABLE", "CONTROL_INPUTS", "NAME_KEY", "adopting"]

NAME_KEY = "__resource_name"
"""The program's name of the resource, passed to check (which the engine gives no URN) and dropped there."""
CONTROL_INPUTS = frozenset({"account_id", "adopt_existing"})
"""Inputs that say how to manage the object rather than what it is."""
ADOPT_VARIABLE = "AIGATEWAY_ADOPT_EXISTING"
"""Environment variable: when true, every create that meets its object already there takes it over."""


def adopting(adopt_existing: object) -> bool:
    """Whether a create that meets its object takes it over (the input, or the environment switch)."""
    return adopt_existing is True or os.environ.get(ADOPT_VARIABLE, "").lower() in {"1", "true", "yes"}
