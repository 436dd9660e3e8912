"""Credentials and provider secrets never appear in errors, reprs or logs."""

from __future__ import annotations

import logging
import pickle

import httpx
import pytest

from pulumi_ai_gateway._http import ApiClient, RetryPolicy
from pulumi_ai_gateway.errors import AIGatewayError
from pulumi_ai_gateway.gateway import GatewayApi, GatewaySettings, Stripe
from pulumi_ai_gateway.provider_config import ProviderConfigApi, ProviderConfigCreate
from pulumi_ai_gateway.settings import Settings

TOKEN = "cf-token-SUPERSECRET-0001"
PROVIDER_SECRET = "sk-provider-SUPERSECRET-0002"
STRIPE_KEY = "sk_live_SUPERSECRET_0003"


def echoing(status: int) -> httpx.MockTransport:
    """An API that (badly) echoes the whole request, headers and body, in its error message."""

    def handle(request: httpx.Request) -> httpx.Response:
        echoed = f"{dict(request.headers)} {request.content.decode()}"
        return httpx.Response(status, json={"success": False, "errors": [{"code": 7001, "message": echoed}]})

    return httpx.MockTransport(handle)


@pytest.mark.parametrize("status", [400, 403, 500])
def test_errors_never_show_token_or_secrets(status: int, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pulumi_ai_gateway")
    settings = Settings.resolve(account_id="0123456789abcdef0123456789abcdef", api_token=TOKEN, environ={})
    api = ApiClient(
        settings,
        http=httpx.Client(transport=echoing(status)),
        retry=RetryPolicy(max_retries=1),
        sleep=lambda _: None,
    )
    body = ProviderConfigCreate(
        provider_slug="openai", alias="a", default_config=True, secret=PROVIDER_SECRET
    )
    with pytest.raises(AIGatewayError) as failure:
        ProviderConfigApi(api).create("g", body)
    settings_body = GatewaySettings(
        cache_invalidate_on_update=False,
        cache_ttl=None,
        collect_logs=True,
        rate_limiting_interval=None,
        rate_limiting_limit=None,
        stripe=Stripe(authorization=STRIPE_KEY, usage_events=[]),
    )
    with pytest.raises(AIGatewayError) as gateway_failure:
        GatewayApi(api).update("g", settings_body)
    for error in (failure.value, gateway_failure.value):
        for text in (str(error), repr(error), str(error.args)):
            assert TOKEN not in text and PROVIDER_SECRET not in text and STRIPE_KEY not in text
        assert "[redacted]" in str(error)
    for text in (repr(settings), str(settings), repr(api), repr(body), str(body), caplog.text):
        assert TOKEN not in text and PROVIDER_SECRET not in text


def test_settings_refuse_to_be_pickled() -> None:
    settings = Settings.resolve(account_id="0123456789abcdef0123456789abcdef", api_token=TOKEN, environ={})
    with pytest.raises(TypeError, match="must not be pickled"):
        pickle.dumps(settings)
