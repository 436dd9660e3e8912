"""A gateway and a dataset of its slow, successful requests."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-datasets")
slow = aig.Dataset(
    "slow",
    gateway_id=gateway.gateway_id,
    name="slow-requests",
    enable=config.get_bool("enable") is not False,
    filters=[
        aig.DatasetFilterArgs(key="duration", operator="gt", value=[config.get_int("slowMs") or 2000]),
        aig.DatasetFilterArgs(key="success", operator="eq", value=[True]),
    ],
)
pulumi.export("dataset_id", slow.dataset_id)
