"""The AI Gateway policy pack: `pulumi preview --policy-pack policies`. Every policy is listed here."""

from typing import Any

import grpc  # type: ignore[import-untyped]
from aigw_rules import ALL_POLICIES, config_problems
from google.protobuf import json_format  # type: ignore[import-untyped]
from pulumi_policy import PolicyPack, policy

_configure = policy._PolicyAnalyzerServicer.Configure


def _checked_configure(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
    # The engine passes unknown policy and parameter names through: refuse them, naming the closest valid one.
    config = {name: json_format.MessageToDict(c.properties) for name, c in request.policyConfig.items()}
    if problems := config_problems(config):
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "; ".join(problems))
    return _configure(self, request, context)  # type: ignore[no-untyped-call]


policy._PolicyAnalyzerServicer.Configure = _checked_configure  # type: ignore[method-assign]
PolicyPack(name="aigw-policies", policies=ALL_POLICIES)
