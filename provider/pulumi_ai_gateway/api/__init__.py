"""The API's objects as wire models and calls, one module per object, without Pulumi: what the typed
client (``pulumi_ai_gateway.client``) imports, so a script that only calls the API never loads the Pulumi SDK.
The resource modules (``pulumi_ai_gateway.gateway``, ...) re-export these names."""
