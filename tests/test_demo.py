"""`linkprospector demo` works offline and finds every kind of dead link it ships."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlite_utils

from linkprospector.demo.sampleweb import ROBOTS_ONLY_TARGET, demo_expectations
from linkprospector.reading.urls import site_of
from tests.conftest import ROOT

SEED_SITES = {"greenthumbguide.test", "urbanveggiepatch.test", "seedsaverscircle.test"}


def test_demo_runs_offline_and_prints_a_summary(tmp_path):
    db_path = tmp_path / "demo.db"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from linkprospector.cli.main import main; main()",
            "demo",
            "--db",
            str(db_path),
        ],
        cwd=tmp_path,  # not the checkout: the installed package must be enough
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "targets by verdict / reason:" in proc.stdout
    assert "top resource-page prospects" in proc.stdout
    db = sqlite_utils.Database(db_path)
    targets = {row["url"]: row for row in db["targets"].rows}
    outbound = {
        url: expected
        for url, expected in demo_expectations(tonight=True).items()
        if site_of(url) not in SEED_SITES
    }
    wrong = {
        url: (
            expected,
            (targets.get(url) or {}).get("verdict"),
            (targets.get(url) or {}).get("reason"),
        )
        for url, expected in outbound.items()
        if targets.get(url) is None or (targets[url]["verdict"], targets[url]["reason"]) != expected
    }
    assert not wrong
    assert ROBOTS_ONLY_TARGET not in targets
    assert db["prospects"].count >= 3
    assert db["dead_links"].count >= len([e for e in outbound.values() if e[0] == "dead"])
