"""One real `linkprospector demo` run (two nights on a simulated clock) shared by the
tests of what a new user sees next: the export, the HTML report, Datasette."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CLI = [sys.executable, "-c", "from linkprospector.cli.main import main; main()"]


@dataclass
class Demo:
    folder: Path
    db: Path
    report: Path
    stdout: str


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
    )


def nightly_config(folder: Path, web: Any, tables: str, name: str = "niche.toml") -> Path:
    """A nightly TOML config for a loopback web: ``tables`` plus the test settings."""
    from tests.conftest import TEST_SETTINGS

    hosts = folder / "hosts.json"
    hosts.write_text(json.dumps(web.host_map))
    settings = {**TEST_SETTINGS, "LINKPROSPECTOR_HOST_MAP": str(hosts)}
    body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in settings.items())
    config = folder / name
    config.write_text(f"{tables}\n\n[settings]\n{body}\n")
    return config


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    proc = cli("demo", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return Demo(folder, folder / "output/demo.db", folder / "output/demo-report.html", proc.stdout)
