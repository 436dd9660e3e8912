"""Datasets: models and API calls (``/gateways/{gateway_id}/datasets``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, Unpack, overload

import pulumi
from pydantic import Field

from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway._inputs import DatasetArgs, DatasetArgsDict, DatasetOutputs
from pulumi_ai_gateway._models import RequestModel, ResponseModel
from pulumi_ai_gateway._resource import AIGatewayResource, Provider, ResourceInputs

if TYPE_CHECKING:
    from pulumi_ai_gateway.client import AIGatewayClient

__all__ = [
    "Dataset",
    "DatasetApi",
    "DatasetArgs",
    "DatasetArgsDict",
    "DatasetBody",
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

    name: str = Field(min_length=1)
    enable: bool
    filters: list[DatasetFilter]


class DatasetInfo(ResponseModel):
    """A dataset as the API returns it."""

    id: str
    gateway_id: str
    name: str
    enable: bool
    filters: list[dict[str, object]]
    created_at: str
    modified_at: str


class DatasetApi:
    """``/gateways/{gateway_id}/datasets`` of one account."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client

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


class DatasetInputs(ResourceInputs):
    """Inputs of a ``Dataset``: the logs of a gateway that match every filter."""

    gateway_id: str = Field(
        min_length=1,
        description="The gateway whose logs the dataset selects. Changing it replaces the dataset.",
    )
    name: str = Field(min_length=1, description="Dataset name (the key ``adopt_existing`` looks up).")
    enable: bool = Field(default=True, description="Whether the dataset is active.")
    filters: list[DatasetFilter] = Field(
        default_factory=list,
        description="Filters over log fields; a log belongs to the dataset when it matches all of them.",
    )

    def dataset_body(self) -> DatasetBody:
        return DatasetBody(name=self.name, enable=self.enable, filters=self.filters)


class DatasetProvider(Provider[DatasetInputs]):
    """Dynamic provider of ``Dataset``."""

    inputs_model = DatasetInputs
    kind = "dataset"
    natural_key = ("gateway_id", "name")
    replace_on = frozenset({"gateway_id"})
    computed = ("dataset_id", "created_at", "modified_at")
    check_existing_first = True  # the API does not keep dataset names unique

    def _name(self, inputs: DatasetInputs) -> str:
        return f"dataset {inputs.name!r} of gateway {inputs.gateway_id!r}"

    @staticmethod
    def _computed(info: DatasetInfo) -> dict[str, object]:
        return {"dataset_id": info.id, "created_at": info.created_at, "modified_at": info.modified_at}

    def _create(self, api: AIGatewayClient, inputs: DatasetInputs) -> tuple[str, dict[str, object]]:
        info = api.datasets.create(inputs.gateway_id, inputs.dataset_body())
        return info.id, self._computed(info)

    def _find(self, api: AIGatewayClient, inputs: DatasetInputs) -> str | None:
        return next((d.id for d in api.datasets.list(inputs.gateway_id, name=inputs.name)), None)

    def _read(
        self, api: AIGatewayClient, id_: str, inputs: DatasetInputs
    ) -> tuple[DatasetInputs, dict[str, object]]:
        info = api.datasets.get(inputs.gateway_id, id_)
        observed = self._observed(
            {**inputs.model_dump(), "name": info.name, "enable": info.enable, "filters": info.filters}
        )
        return observed, self._computed(info)

    def _update(
        self, api: AIGatewayClient, id_: str, olds: DatasetInputs | None, news: DatasetInputs
    ) -> dict[str, object]:
        return self._computed(api.datasets.update(news.gateway_id, id_, news.dataset_body()))

    def _delete(self, api: AIGatewayClient, id_: str, inputs: DatasetInputs) -> None:
        api.datasets.delete(inputs.gateway_id, id_)


class Dataset(AIGatewayResource, DatasetOutputs, module="aigateway", name="Dataset"):
    """A dataset of gateway logs, for evaluations (type token ``pulumi-python:dynamic/aigateway:Dataset``)."""

    dataset_id: pulumi.Output[str]
    """The id Cloudflare gave the dataset (pass it to ``Evaluation.dataset_ids``)."""
    created_at: pulumi.Output[str]
    modified_at: pulumi.Output[str]

    @overload
    def __init__(
        self,
        resource_name: str,
        args: DatasetArgs | DatasetArgsDict,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...
    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        **fields: Unpack[DatasetArgsDict],
    ) -> None: ...
    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """``Dataset(name, DatasetArgs(...), opts)``, or ``Dataset(name, opts=None, **fields)``
        with the fields of ``DatasetArgs`` as keywords."""
        super().__init__(DatasetProvider(), resource_name, DatasetArgs, args, kwargs)
