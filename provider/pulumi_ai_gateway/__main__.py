"""``python -m pulumi_ai_gateway generate ...``: the ``pulumi-ai-gateway`` command."""

from pulumi_ai_gateway.generate import main

raise SystemExit(main())
