"""A local emulator of the Cloudflare AI Gateway API.

Serves ``/client/v4/accounts/{account_id}/ai-gateway/...`` like the real API (envelopes, error codes,
validation, pagination), keeps state in SQLite, and offers a control API under ``/__emulator/`` to reset
state, seed logs, process evaluations, inject faults and read the request log.
"""

from aigw_emulator.app import create_app
from aigw_emulator.store import Store

__all__ = ["Store", "create_app"]
