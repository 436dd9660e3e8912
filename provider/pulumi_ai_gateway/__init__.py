"""Cloudflare AI Gateway as Pulumi infrastructure (dynamic resources)."""

__all__: list[str] = []
