"""Datasets: models and API calls (``/gateways/{gateway_id}/datasets``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._inputs import DatasetArgs, DatasetArgsDict, DatasetBase
from pulumi_ai_gateway._models import ComputedOutputs, RequestModel, ResponseModel
from pulumi_ai_gateway._resource import GatewayScoped, Provider

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

DatasetFilterKey = Literal[
    "created_at",
    "request_content_type",
    "response_content_type",
    "success",
    "cached",
    "provider",
    "model",
    "cost",
    "tokens",
    "tokens_in",
    "tokens_out",
    "duration",
    "feedback",
]


class DatasetFilter(RequestModel):
    """Which logs belong to a dataset: ``key`` ``operator`` any of ``value``."""

    key: DatasetFilterKey = Field(description="The log field to filter on.")
    operator: Literal["eq", "contains", "lt", "gt"] = Field(description="How to compare.")
    value: list[str | float | bool] = Field(min_length=1, description="Values to compare with (any matches).")


class DatasetBody(RequestModel):
    """A dataset's settings: the body of create and of (full) update."""

    name: str = Field(min_length=1, description="Dataset name (the key ``adopt_existing`` looks up).")
    enable: bool = Field(default=True, description="Whether the dataset is active.")
    filters: list[DatasetFilter] = Field(
        default_factory=list,
        description="Filters over log fields; a log belongs to the dataset when it matches all of them.",
    )


class DatasetInfo(ResponseModel):
    """A dataset as the API returns it."""

    id: str
    gateway_id: str
    name: str
    enable: bool
    filters: list[dict[str, object]]
    created_at: str
    modified_at: str


class DatasetApi(ObjectApi):
    """``/gateways/{gateway_id}/datasets`` of one account."""

    def list(self, gateway_id: str, *, name: str | None = None, per_page: int = 100) -> Iterator[DatasetInfo]:
        params = {"name": name} if name is not None else None
        for item in self._client.paginate(
            f"/gateways/{gateway_id}/datasets",
            what=f"datasets of {gateway_id!r}",
            operation="list",
            params=params,
            per_page=per_page,
        ):
            yield DatasetInfo.model_validate(item)

    def get(self, gateway_id: str, dataset_id: str) -> DatasetInfo:
        result = self._client.call(
            "GET",
            f"/gateways/{gateway_id}/datasets/{dataset_id}",
            what=f"dataset {dataset_id!r}",
            operation="read",
        )
        return DatasetInfo.model_validate(result)

    def create(self, gateway_id: str, body: DatasetBody) -> DatasetInfo:
        result = self._client.call(
            "POST",
            f"/gateways/{gateway_id}/datasets",
            what=f"dataset {body.name!r}",
            operation="create",
            json=body.body(),
        )
        return DatasetInfo.model_validate(result)

    def update(self, gateway_id: str, dataset_id: str, body: DatasetBody) -> DatasetInfo:
        result = self._client.call(
            "PUT",
            f"/gateways/{gateway_id}/datasets/{dataset_id}",
            what=f"dataset {dataset_id!r}",
            operation="update",
            json=body.body(),
        )
        return DatasetInfo.model_validate(result)

    def delete(self, gateway_id: str, dataset_id: str) -> DatasetInfo:
        result = self._client.call(
            "DELETE",
            f"/gateways/{gateway_id}/datasets/{dataset_id}",
            what=f"dataset {dataset_id!r}",
            operation="delete",
        )
        return DatasetInfo.model_validate(result)


# The Pulumi resource ---------------------------------------------------------------------------------------


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

    def _read(
        self, api: DatasetApi, id_: str, inputs: DatasetInputs
    ) -> tuple[DatasetInputs, dict[str, object]]:
        info = api.get(inputs.gateway_id, id_)
        observed = self._observed(
            {**inputs.model_dump(), "name": info.name, "enable": info.enable, "filters": info.filters}, inputs
        )
        return observed, self._computed(info)

    def _update(
        self, api: DatasetApi, id_: str, olds: DatasetInputs | None, news: DatasetInputs
    ) -> dict[str, object]:
        return self._computed(api.update(news.gateway_id, id_, news.as_body(DatasetBody)))

    def _delete(self, api: DatasetApi, id_: str, inputs: DatasetInputs) -> None:
        api.delete(inputs.gateway_id, id_)


class Dataset(DatasetBase, module="aigateway", name="Dataset"):
    """A dataset of gateway logs, for evaluations (type token ``pulumi-python:dynamic/aigateway:Dataset``)."""

    provider_type = DatasetProvider
