"""The secrets sweep finds what it must find (so a clean sweep means something)."""

from __future__ import annotations

from pathlib import Path

from tests.harness.sweep import SecretSweep


def test_a_secret_in_an_output_or_a_log_is_reported(tmp_path: Path) -> None:
    sweep = SecretSweep()
    sweep.secret("sk-live-0123456789")
    sweep.secret("true")  # too short to be a test secret: ignored
    sweep.record("pulumi up", "Updating... [secret] done, true")
    assert sweep.leaks() == []
    log = tmp_path / "provider.log"
    sweep.watch(log)
    sweep.watch(tmp_path / "never-written.log")
    log.write_text("POST /gateways -> 200\\nAuthorization: Bearer sk-live-0123456789\\n")
    assert sweep.leaks() == ["sk-l... in provider.log"]
    sweep.record("pulumi stack export", '{"secret": "sk-live-0123456789"}')
    assert len(sweep.leaks()) == 2
    assert "2 leaks" in sweep.summary()
