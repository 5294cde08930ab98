"""One real `linkprospector demo` run (two nights on a simulated clock) shared by the
tests of what a new user sees next: the export, the HTML report, Datasette."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    proc = cli("demo", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return Demo(folder, folder / "output/demo.db", folder / "output/demo-report.html", proc.stdout)
