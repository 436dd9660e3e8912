"""tools/pulumi/ensure.sh: reuse a matching pulumi on PATH, build when missing, explain when it cannot."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.harness.pulumi_cli import REPO_ROOT

HELPERS = ("pulumi", "pulumi-language-python", "pulumi-language-python-exec", "pulumi-resource-pulumi-python")
VERSION = (REPO_ROOT / "tools" / "pulumi" / "VERSION").read_text().strip()


def _scratch_repo(tmp_path: Path) -> Path:
    """A copy of the script and its pin, so runs here never touch the real .tools/bin."""
    repo = tmp_path / "repo"
    (repo / "tools" / "pulumi").mkdir(parents=True)
    for name in ("ensure.sh", "VERSION"):
        shutil.copy2(REPO_ROOT / "tools" / "pulumi" / name, repo / "tools" / "pulumi" / name)
    return repo


def _run(repo: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        ["/usr/bin/bash", str(repo / "tools" / "pulumi" / "ensure.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _fake_install(where: Path, version: str) -> Path:
    """A 'user installation': a pulumi that prints ``version``, and the three helpers beside it."""
    where.mkdir(parents=True)
    (where / "pulumi").write_text(f"#!/bin/sh\necho v{version}\n")
    for helper in HELPERS[1:]:
        (where / helper).write_text("#!/bin/sh\n")
    for item in where.iterdir():
        item.chmod(0o755)
    return where


def test_a_matching_pulumi_on_path_is_used(tmp_path: Path) -> None:
    repo = _scratch_repo(tmp_path)
    user = _fake_install(tmp_path / "user-bin", VERSION)
    result = _run(repo, f"{user}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    for helper in HELPERS:
        assert (repo / ".tools" / "bin" / helper).resolve() == (user / helper).resolve()
    # Second run: already current, nothing to do.
    again = _run(repo, f"{user}:/usr/bin:/bin")
    assert "already in .tools/bin" in again.stderr


def test_without_a_matching_pulumi_or_go_it_says_how_to_install(tmp_path: Path) -> None:
    repo = _scratch_repo(tmp_path)
    old = _fake_install(tmp_path / "old-bin", "3.100.0")
    result = _run(repo, f"{old}:/usr/bin:/bin")
    assert result.returncode == 1
    assert "ignoring" in result.stderr and f"v{VERSION}" in result.stderr
    assert "https://www.pulumi.com/docs/install/" in result.stderr
    assert not (repo / ".tools" / "bin" / "pulumi").exists()


def test_the_project_engine_is_current() -> None:
    """What make test ran before this suite: every executable in place, stamped with the pinned version."""
    bin_dir = REPO_ROOT / ".tools" / "bin"
    for helper in HELPERS:
        assert (bin_dir / helper).exists(), helper
    assert os.access(bin_dir / "pulumi-resource-pulumi-python", os.X_OK)
    # The exec script must sit beside the (real, resolved) language host.
    host = (bin_dir / "pulumi-language-python").resolve()
    assert (host.parent / "pulumi-language-python-exec").is_file()
    out = subprocess.run([str(bin_dir / "pulumi"), "version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"v{VERSION}"
