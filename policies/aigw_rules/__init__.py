"""The AI Gateway policy rules, importable without starting a policy server (tests call ``validate`` directly).

Each rule is a small function from a resource's typed view (the provider's own inputs model, see ``_base``)
and the policy's config to problem messages; ``policy`` turns it into a ``ResourceValidationPolicy`` that only
looks at one resource type, fills config defaults, and reports every problem naming the resource and the field.
Resources are recognised by their type tokens. Rules live per object, in the module of the object's registry
name (``gateway``, ``dynamic_route``, ``evaluation``, ``custom_provider``, ``custom_domain``: each a
``POLICIES`` list, found through ``pulumi_ai_gateway._objects``), and across resources in ``stack``.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_policy import Policy

from aigw_rules import stack
from aigw_rules._base import TYPES
from pulumi_ai_gateway._objects import OBJECTS

__all__ = ["ALL_POLICIES", "TYPES", "config_problems"]


def _object_policies() -> list[Policy]:
    """The rules of every object of the registry that has some: ``aigw_rules/<object>.py``'s ``POLICIES``."""
    found: list[Policy] = []
    for spec in OBJECTS:
        if importlib.util.find_spec(f"aigw_rules.{spec.name}") is not None:
            found += importlib.import_module(f"aigw_rules.{spec.name}").POLICIES
    return found


ALL_POLICIES: list[Policy] = [*_object_policies(), *stack.POLICIES]


def config_problems(config: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Mistakes in a policy pack config (policy name -> its parameters), each naming the closest valid name.

    The engine checks parameter values against each policy's schema but passes unknown names through, so a
    typo would otherwise leave a policy mandatory, or a parameter at its default, without a word.
    """
    params = {
        policy.name: set(policy.config_schema.properties) if policy.config_schema else set()
        for policy in ALL_POLICIES
    }
    problems = []
    for name, values in sorted(config.items()):
        if name not in params:
            problems.append(f"unknown policy {name!r} in the policy pack config{_closest(name, params)}")
            continue
        for key in sorted(set(values) - params[name] - {"enforcementLevel"}):
            valid = ", ".join(sorted(params[name])) or "none"
            problems.append(
                f"unknown parameter {key!r} of policy {name!r}{_closest(key, params[name])} (valid: {valid})"
            )
    return problems


def _closest(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        found = [c for c in choices if c.lower() == word.lower()]
    return f"; did you mean {found[0]!r}?" if found else ""
