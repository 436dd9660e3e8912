"""The secrets sweep: everything the engine printed, stored and logged during the suite, searched for secrets.

Every secret a test hands to a stack (``pulumi config set --secret``) and the emulator's API token are
registered here; every CLI output, every exported state, the provider's log files and the emulator's logs are
recorded. At the end of the session ``leaks()`` must be empty (see ``tests/conftest.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SWEEP", "SecretSweep"]

# Shorter values (e.g. "true") would match by accident; every test secret is longer.
_MIN_SECRET_LENGTH = 8


@dataclass
class SecretSweep:
    """What was seen, and the secrets it must not contain."""

    secrets: set[str] = field(default_factory=set)
    texts: list[tuple[str, str]] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)

    def secret(self, value: str) -> None:
        """A value that must never appear in plain text."""
        if len(value) >= _MIN_SECRET_LENGTH:
            self.secrets.add(value)

    def record(self, where: str, text: str) -> None:
        self.texts.append((where, text))

    def watch(self, path: Path) -> None:
        """A log file, read at the end of the session."""
        self.files.add(path)

    def sources(self) -> list[tuple[str, str]]:
        """Every recorded text and every watched file that exists, as (where, text)."""
        found = list(self.texts)
        for path in sorted(self.files):
            if path.exists():
                found.append((str(path.name), path.read_text(encoding="utf-8", errors="replace")))
        return found

    def leaks(self) -> list[str]:
        """One line per secret found in plain text, naming where (the secret itself is shortened)."""
        return [
            f"{secret[:4]}... in {where}"
            for where, text in self.sources()
            for secret in sorted(self.secrets)
            if secret in text
        ]

    def summary(self) -> str:
        sources = self.sources()
        size = sum(len(text) for _, text in sources)
        files = sum(1 for path in self.files if path.exists())
        return (
            f"secrets sweep: {len(self.secrets)} secrets searched for in {len(self.texts)} engine outputs and "
            f"states and {files} provider/emulator logs ({size:,} characters): {len(self.leaks())} leaks"
        )


SWEEP = SecretSweep()
