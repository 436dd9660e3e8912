"""The ``Dataset`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.dataset`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import GatewayScoped, Provider
from pulumi_ai_gateway.api.dataset import (
    DatasetApi,
    DatasetBody,
    DatasetFilter,
    DatasetInfo,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import Dataset, DatasetArgs, DatasetArgsDict

__all__ = [
    "Dataset",
    "DatasetApi",
    "DatasetArgs",
    "DatasetArgsDict",
    "DatasetBody",
    "DatasetComputed",
    "DatasetFilter",
    "DatasetInfo",
    "DatasetProvider",
]


class DatasetInputs(GatewayScoped, DatasetBody):
    """Inputs of a ``Dataset``: the logs of a gateway that match every filter."""


class DatasetComputed(ComputedOutputs):
    """What the API computes about a dataset."""

    dataset_id: str = Field(validation_alias="id", description="The id Cloudflare gave the dataset "
                            "(pass it to ``Evaluation.dataset_ids``).")  # fmt: skip
    created_at: str = Field(description="When the dataset was created.")
    modified_at: str = Field(description="When it last changed.")


class DatasetProvider(Provider[DatasetInputs, DatasetApi]):
    """Dynamic provider of ``Dataset``."""

    resource_doc = """A dataset of gateway logs, for evaluations."""

    inputs_model = DatasetInputs
    outputs_model = DatasetComputed
    api_type = DatasetApi
    kind = "dataset"
    natural_key = ("gateway_id", "name")
    replace_on = frozenset({"gateway_id"})
    check_existing_first = True  # the API does not keep dataset names unique

    def _name(self, inputs: DatasetInputs) -> str:
        return f"dataset {inputs.name!r} of gateway {inputs.gateway_id!r}"

    def _create(self, api: DatasetApi, inputs: DatasetInputs) -> tuple[str, dict[str, object]]:
        info = api.create(inputs.gateway_id, inputs.as_body(DatasetBody))
        return info.id, self._computed(info)

    def _find(self, api: DatasetApi, inputs: DatasetInputs) -> str | None:
        return next((d.id for d in api.list(inputs.gateway_id, name=inputs.name)), None)

    def _get(self, api: DatasetApi, id_: str, inputs: DatasetInputs) -> DatasetInfo:
        return api.get(inputs.gateway_id, id_)

    def _update(
        self, api: DatasetApi, id_: str, olds: DatasetInputs | None, news: DatasetInputs
    ) -> dict[str, object]:
        return self._computed(api.update(news.gateway_id, id_, news.as_body(DatasetBody)))

    def _delete(self, api: DatasetApi, id_: str, inputs: DatasetInputs) -> None:
        api.delete(inputs.gateway_id, id_)


__getattr__ = generated_names(__name__, "Dataset")
