"""What a provider endpoint looks like on the wire: where the model is named, where the prompt is, and the
shape of an answer and of an error, for the three families the gateway URL serves (OpenAI's chat completions,
Anthropic's messages, Workers AI's ``@cf/...`` runs).

The stub upstream answers in plain terms (text and token counts); a dialect dresses that answer as the
provider would, so an unmodified client (the ``openai`` package, say) reads it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

__all__ = ["ANTHROPIC", "OPENAI", "WORKERS_AI", "Dialect", "Endpoint", "endpoint_of", "prompt_text"]


@dataclass(frozen=True)
class Dialect:
    """One wire format: how answers and errors are shaped."""

    name: str

    def answer(
        self, model: str, text: str, tokens_in: int, tokens_out: int, answer_id: str
    ) -> dict[str, Any]:
        if self is ANTHROPIC:
            return {
                "id": f"msg_{answer_id}",
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": [{"type": "text", "text": text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": tokens_in, "output_tokens": tokens_out},
            }
        if self is WORKERS_AI:
            result = {"response": text, "usage": _usage(tokens_in, tokens_out)}
            return {"result": result, "success": True, "errors": [], "messages": []}
        return {
            "id": f"chatcmpl-{answer_id}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
            "usage": _usage(tokens_in, tokens_out),
        }

    def error(self, status: int, message: str) -> dict[str, Any]:
        if self is ANTHROPIC:
            kind = "rate_limit_error" if status == 429 else "api_error"
            return {"type": "error", "error": {"type": kind, "message": message}}
        if self is WORKERS_AI:
            return {"result": None, "success": False, "errors": [{"code": status, "message": message}],
                    "messages": []}  # fmt: skip
        kind = "rate_limit_exceeded" if status == 429 else "server_error"
        return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def _usage(tokens_in: int, tokens_out: int) -> dict[str, int]:
    return {
        "prompt_tokens": tokens_in,
        "completion_tokens": tokens_out,
        "total_tokens": tokens_in + tokens_out,
    }


OPENAI = Dialect("openai")
ANTHROPIC = Dialect("anthropic")
WORKERS_AI = Dialect("workers-ai")


@dataclass(frozen=True)
class Endpoint:
    """What a request to ``/v1/{account}/{gateway}/{provider}/{path}`` asks for."""

    dialect: Dialect
    model: str
    """As named in the body (``provider/model`` or ``dynamic/<route>`` on ``compat``) or in the path."""
    compat: bool = False


_CHAT = ("chat/completions", "v1/chat/completions")


def endpoint_of(provider: str, path: str, body: dict[str, Any]) -> Endpoint | None:
    """The endpoint a provider path names, or None when the emulator does not serve it."""
    model = body.get("model")
    named = model if isinstance(model, str) else ""
    if provider == "compat":
        return Endpoint(OPENAI, named, compat=True) if path == "chat/completions" else None
    if provider == "anthropic":
        return Endpoint(ANTHROPIC, named) if path == "v1/messages" else None
    if provider == "workers-ai" and path.startswith(("@cf/", "@hf/")):
        return Endpoint(WORKERS_AI, path)
    # Every other provider (and workers-ai's OpenAI-compatible path) speaks chat completions.
    return Endpoint(OPENAI, named) if path in _CHAT else None


def prompt_text(body: dict[str, Any]) -> str:
    """Every piece of text the request sends the model (what DLP scans and the echo answers)."""
    parts: list[str] = []
    if isinstance(body.get("prompt"), str):
        parts.append(body["prompt"])
    if isinstance(body.get("system"), str):
        parts.append(body["system"])
    for message in body.get("messages") or []:
        if not isinstance(message, dict):
            continue
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(str(p.get("text")) for p in content if isinstance(p, dict) and "text" in p)
    return "\n".join(parts)
