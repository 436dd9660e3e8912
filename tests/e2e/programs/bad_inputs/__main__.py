"""Mistakes ``pulumi preview`` must report, beside the field, in plain words, before any API call.

Config ``mistake``: ``settings`` (a string where a number belongs, a typo in a nested setting), ``graph``
(a route target that does not exist) or ``import`` (the ``import_`` option, which dynamic resources cannot
honour). The route's gateway id comes from a gateway made in the same run, so it
is unknown during preview: the route graph is checked all the same.
"""

from typing import Any

import pulumi

import pulumi_ai_gateway as aig

mistake = pulumi.Config().require("mistake")
# Plain dicts and strings where numbers belong: what a program reading YAML or env vars easily does.
settings: dict[str, Any] = {
    "cache_ttl": "300",
    "dlp": {"action": "BLOK", "enabled": True, "profiles": ["pii"]},
}
opts = pulumi.ResourceOptions(import_="bad-inputs") if mistake == "import" else None
gateway = aig.Gateway(
    "gateway", gateway_id="bad-inputs", opts=opts, **(settings if mistake == "settings" else {})
)
if mistake == "graph":
    aig.DynamicRoute(
        "route",
        gateway_id=gateway.gateway_id,
        name="chat",
        elements=[
            aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="nowhere")}),
            aig.EndElementArgs(id="end"),
        ],
    )
