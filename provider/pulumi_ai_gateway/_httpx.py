"""httpx, loaded without its command line.

httpx imports its CLI (click, rich, pygments: about 60 ms) whenever those packages happen to be installed, and
nothing here uses it. While httpx loads, its CLI module is marked as missing, so httpx falls back to its own
stub; the mark is removed afterwards, so anyone who imports ``httpx._main`` later gets the real one.
"""

import sys

_BLOCK = "httpx" not in sys.modules and "httpx._main" not in sys.modules
if _BLOCK:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]  # None in sys.modules: "cannot be imported"
try:
    import httpx
finally:
    if _BLOCK:
        del sys.modules["httpx._main"]

__all__ = ["httpx"]
