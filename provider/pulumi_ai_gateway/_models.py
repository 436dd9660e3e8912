"""Base classes of every request and response model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["RequestModel", "ResponseModel"]

# Validators are built on first use, not at import: a Pulumi program and each provider process import every
# model but use a few (measured: importing the package after pulumi went from 0.13 s to 0.10 s).


class RequestModel(BaseModel):
    """What we send: unknown fields are an error, and "unset" stays apart from ``None`` (sent as null)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    def body(self) -> dict[str, Any]:
        """The JSON body: only the fields that were set, ``None`` included as null."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


class ResponseModel(BaseModel):
    """What we receive: unknown fields are ignored, because the API grows."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, defer_build=True)
