"""Settings resolution: arguments, then aigateway: config, then cloudflare: config, then the environment."""

from __future__ import annotations

import re

import pytest

from pulumi_ai_gateway.errors import ConfigurationError
from pulumi_ai_gateway.settings import DEFAULT_BASE_URL, Settings

HEX = "0123456789abcdef0123456789abcdef"
ENV = {
    "CLOUDFLARE_API_TOKEN": "env-token",
    "CLOUDFLARE_ACCOUNT_ID": "env-acc",
    "CLOUDFLARE_BASE_URL": "http://env/client/v4/",
}


def test_most_specific_source_wins() -> None:
    config = {
        "aigateway:apiToken": "aig-token",
        "cloudflare:accountId": "cf-acc",
        "cloudflare:apiToken": "cf-token",
    }
    settings = Settings.resolve(config=config, environ=ENV)
    assert settings.api_token is not None and settings.api_token.reveal() == "aig-token"
    assert settings.account_id == "cf-acc"
    assert settings.base_url == "http://env/client/v4"
    explicit = Settings.resolve(api_token="arg-token", account_id="arg-acc", config=config, environ=ENV)
    assert explicit.api_token is not None and explicit.api_token.reveal() == "arg-token"
    assert explicit.account_id == "arg-acc"


def test_environment_alone_and_defaults() -> None:
    settings = Settings.resolve(environ={"CLOUDFLARE_API_TOKEN": "t", "CLOUDFLARE_ACCOUNT_ID": HEX})
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.auth_headers() == {"Authorization": "Bearer t"}


def test_api_key_and_email() -> None:
    settings = Settings.resolve(
        config={"cloudflare:apiKey": "k", "cloudflare:email": "me@example.com", "cloudflare:accountId": HEX},
        environ={},
    )
    assert settings.auth_headers() == {"X-Auth-Email": "me@example.com", "X-Auth-Key": "k"}
    # A key without an email is not a credential: the token further down wins.
    mixed = Settings.resolve(config={"aigateway:apiKey": "k", "aigateway:accountId": "a"}, environ=ENV)
    assert mixed.auth_headers() == {"Authorization": "Bearer env-token"}


def test_missing_everything_says_where_it_looked() -> None:
    with pytest.raises(ConfigurationError) as error:
        Settings.resolve(environ={})
    message = str(error.value)
    for place in (
        "aigateway:apiToken",
        "cloudflare:apiKey + cloudflare:email",
        "CLOUDFLARE_API_TOKEN",
        "aigateway:accountId",
        "CLOUDFLARE_ACCOUNT_ID",
    ):
        assert place in message


def test_request_timeout_from_config_or_environment() -> None:
    config = {"aigateway:requestTimeout": "2.5"}
    assert Settings.resolve(config=config, environ=ENV).request_timeout == 2.5
    assert Settings.resolve(environ={**ENV, "AIGATEWAY_REQUEST_TIMEOUT": "7"}).request_timeout == 7
    assert Settings.resolve(environ=ENV).request_timeout is None  # the retry policy's default


@pytest.mark.parametrize("bad", ["soon", "0", "-1", "601"])
def test_a_bad_request_timeout_is_named(bad: str) -> None:
    with pytest.raises(ConfigurationError, match=f"requestTimeout '{bad}'"):
        Settings.resolve(config={"cloudflare:requestTimeout": bad}, environ=ENV)


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        (
            {"environ": {"CLOUDFLARE_ACCOUNT_ID": "acct-1 "}},
            "account id 'acct-1 ' from environment CLOUDFLARE_ACCOUNT_ID is not a Cloudflare account id: "
            "32 hexadecimal characters",
        ),
        (
            {"config": {"aigateway:accountId": HEX.upper()}},
            "from Pulumi config aigateway:accountId is not a Cloudflare account id",
        ),
        (
            {"config": {"cloudflare:accountId": "a b", "aigateway:baseUrl": "http://127.0.0.1:1/client/v4"}},
            "account id 'a b' from Pulumi config cloudflare:accountId has whitespace or characters",
        ),
        (
            {"config": {"aigateway:baseUrl": "127.0.0.1:8787/client/v4"}},
            "baseUrl '127.0.0.1:8787/client/v4' from Pulumi config aigateway:baseUrl is not an http(s) URL",
        ),
    ],
)
def test_a_bad_account_or_address_names_where_it_came_from(
    sources: dict[str, dict[str, str]], message: str
) -> None:
    environ = {"CLOUDFLARE_API_TOKEN": "t", **sources.get("environ", {})}
    with pytest.raises(ConfigurationError, match=re.escape(message)):
        Settings.resolve(config=sources.get("config", {}), environ=environ)


def test_a_local_api_takes_any_plain_account_name() -> None:
    local = {"CLOUDFLARE_API_TOKEN": "t", "CLOUDFLARE_BASE_URL": "http://127.0.0.1:1/client/v4"}
    assert Settings.resolve(account_id="test-account", environ=local).account_id == "test-account"
    assert Settings.resolve_account(environ={**local, "CLOUDFLARE_ACCOUNT_ID": "emu_1"}) == "emu_1"
    assert Settings.resolve_account(environ={}) is None
