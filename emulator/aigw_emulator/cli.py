"""``aigw-emulator serve``: run the emulator on a loopback port."""

from __future__ import annotations

import argparse
import sys

import uvicorn

from aigw_emulator.app import API_PREFIX, create_app
from aigw_emulator.common import Settings
from aigw_emulator.ratelimit import RateLimit
from aigw_emulator.store import Store

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aigw-emulator", description="A local Cloudflare AI Gateway API.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8787)
    serve.add_argument("--state", help="SQLite file to keep state in (default: in memory)")
    serve.add_argument("--api-token", help="accept only this bearer token (default: any credentials)")
    serve.add_argument(
        "--evaluation-delay", type=float, default=2.0, help="seconds before an evaluation is processed"
    )
    serve.add_argument(
        "--unknown-fields",
        action="store_true",
        help="add fields the API description does not have to every object of every answer (an API that grows)",
    )
    serve.add_argument(
        "--rate-limit",
        type=RateLimit.parse,
        metavar="REQUESTS/SECONDS",
        help="answer 429 beyond this many requests per token in any window, e.g. 1200/300s (Cloudflare's "
        "documented limit; default: no limit)",
    )
    serve.add_argument(
        "--seed",
        type=int,
        default=0,
        help="where percentage splits of dynamic routes start drawing (default 0)",
    )
    args = parser.parse_args(argv)

    settings = Settings(
        api_token=args.api_token, evaluation_delay_s=args.evaluation_delay, rate_limit=args.rate_limit
    )
    app = create_app(Store(args.state), settings, unknown_fields=args.unknown_fields, seed=args.seed)
    print(f"aigw-emulator: serving http://{args.host}:{args.port}{API_PREFIX}", file=sys.stderr, flush=True)
    print(f"aigw-emulator: gateway URLs at http://{args.host}:{args.port}/v1/<account>/<gateway>/<provider>",
          file=sys.stderr, flush=True)  # fmt: skip
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
