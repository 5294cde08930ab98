"""Smoke test: the crawl benchmark runs end to end on a tiny web and prints its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.bench_crawl import FIGURES  # the names the summary promises

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench_crawl.py"


def test_quick_benchmark_prints_every_figure_for_each_round():
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--quick",
            "--targets",
            "120",
            "--hosts",
            "30",
            "--pages",
            "4",
            "--rounds",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for name in FIGURES:
        assert f"  {name}:" in out, f"{name!r} missing from:\n{out}"
    # Every target got the verdict the generated web implies, each checked once
    # (the redirecting ones with two requests).
    assert "verdicts as expected:                120/120" in out, out
    assert "web: 120 distinct targets on 30 hosts" in out, out
    live_line = next(line for line in out.splitlines() if "distinct live target:" in line)
    assert 1.0 <= float(live_line.split(":")[1].split()[0]) <= 1.1, live_line
    # --rounds 2: a second pair of crawls, each round's figures and the median judged
    rounds = [line for line in out.splitlines() if line.startswith("  round ")]
    assert len(rounds) == 2 and all("verdicts 120/120" in line for line in rounds), out
    assert "median ratio vs bare scrapy:" in out, out


def test_bad_size_is_one_line_and_exit_2():
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--targets", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "--targets must be a positive number" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_render_share_benchmark_prints_its_figures():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_render_share.py"), "--pages", "300"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in (
        "rendered share of ordinary pages:",
        "script-built lists found:          60/60",
        "CPU per page of the decision:",
    ):
        assert name in proc.stdout, proc.stdout


def test_politeness_benchmark_prints_its_figures():
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_politeness.py"),
            "--hosts",
            "30",
            "--urls",
            "4",
            "--timeout",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in (
        "max requests open per host (server):   2",
        "max requests in flight per host (crawler): 2",
        "rate-limited host's URLs live:         12/12",
        "hang tail (last answer to end of run):",
    ):
        assert name in proc.stdout, proc.stdout
