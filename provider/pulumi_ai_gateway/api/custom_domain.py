"""Custom domains of a gateway: models and API calls (``/gateways/{gateway_id}/custom-domains``).

A custom domain serves the gateway on a hostname of the customer's (``ai.acme.com``). The API has no update:
any change replaces it. It answers create with the ``cname_target`` the hostname's proxied CNAME must point
at, and never answers ``minTLS``. Its status moves from ``initializing`` and ``pending_dcv`` to ``active``
once Cloudflare sees the CNAME; ``pulumi refresh`` shows where it stands. Timestamps come as epoch
milliseconds and are exposed as ISO strings, like every other object's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field, field_validator

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import WRITE_ONLY, RequestModel, ResponseModel

__all__ = ["CustomDomainApi", "CustomDomainBody", "CustomDomainInfo"]


class CustomDomainBody(RequestModel):
    """The body of a create (there is no update)."""

    domain: str = Field(
        min_length=1, max_length=253, description="The hostname, e.g. ``ai.acme.com`` (kept lowercase)."
    )
    zone_id: str = Field(min_length=1, description="The Cloudflare zone that owns the hostname.")
    min_tls: Annotated[Literal["1.0", "1.1", "1.2", "1.3"] | None, WRITE_ONLY] = Field(
        default=None,
        alias="minTLS",
        description="The lowest TLS version clients may use (the API's default when unset); the API never "
        "answers it, so a refresh keeps the value applied.",
    )

    @field_validator("domain")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        return value.lower()  # hostnames are case-insensitive; the API answers them lowercase


class CustomDomainInfo(ResponseModel):
    """A custom domain as the API returns it (``cname_target`` on create, ``ssl_hostname_id`` otherwise)."""

    hostname: str
    gateway_id: str
    status: str
    created_at: int
    modified_at: int
    cname_target: str | None = None
    ssl_hostname_id: str | None = None


class CustomDomainApi(ObjectApi):
    """``/gateways/{gateway_id}/custom-domains`` of one account."""

    def list(
        self, gateway_id: str, *, search: str | None = None, status: str | None = None, per_page: int = 100
    ) -> Iterator[CustomDomainInfo]:
        params = {k: v for k, v in {"search": search, "status": status}.items() if v is not None}
        path, what = f"/gateways/{gateway_id}/custom-domains", f"custom domains of {gateway_id!r}"
        for item in self._client.paginate(
            path, what=what, operation="list", params=params, per_page=per_page
        ):
            yield CustomDomainInfo.model_validate(item)

    def get(self, gateway_id: str, hostname: str) -> CustomDomainInfo:
        path, what = f"/gateways/{gateway_id}/custom-domains/{hostname}", f"custom domain {hostname!r}"
        return CustomDomainInfo.model_validate(self._client.call("GET", path, what=what, operation="read"))

    def create(self, gateway_id: str, body: CustomDomainBody) -> CustomDomainInfo:
        path, what = f"/gateways/{gateway_id}/custom-domains", f"custom domain {body.domain!r}"
        result = self._client.call("POST", path, what=what, operation="create", json=body.body())
        return CustomDomainInfo.model_validate(result)

    def delete(self, gateway_id: str, hostname: str) -> CustomDomainInfo:
        path, what = f"/gateways/{gateway_id}/custom-domains/{hostname}", f"custom domain {hostname!r}"
        return CustomDomainInfo.model_validate(
            self._client.call("DELETE", path, what=what, operation="delete")
        )
