"""Cluster benchmark: one worker process against two, on the crawl benchmark's web.

Starts a throwaway PostgreSQL (Debian's ``postgresql``), serves ``bench_crawl.py``'s
generated web from its own process, and runs the same sharded crawl
(``scrapy crawl resource_pages -s LINKPROSPECTOR_DB=postgresql://…``) twice on fresh
databases: with one ``linkprospector worker`` and with two. Prints targets checked per
second for each, the speed-up, the per-worker rate, and whether every target got exactly
one check with the expected verdict::

    python benchmarks/bench_cluster.py              # 22,000 targets on 2,400 hosts
    python benchmarks/bench_cluster.py --quick      # 2,000 targets, a smoke run
    python benchmarks/bench_cluster.py --workers 1,2,3 --shards 12

On this 2-core machine the web server shares the cores with the workers, so two workers
can at best approach 2x; docs/scaling.md turns the per-worker rate into machine counts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import psycopg  # noqa: E402
from bench_crawl import CANARY_URL, BenchServer, WebSpec, _env, build_web  # noqa: E402

from tests.pg_server import PostgresServer  # noqa: E402


def run_cluster(server: BenchServer, dsn: str, workers: int, shards: int, work: Path) -> dict:
    """One sharded crawl with ``workers`` worker processes; its wall time and checks."""
    env = _env()
    subprocess.run(
        [sys.executable, "-m", "linkprospector", "worker", "--db", dsn, "--create-schema"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    seeds = work / "seeds.txt"
    seeds.write_text("\n".join(server.web.seed_urls) + "\n")
    hosts = work / "hosts.json"
    hosts.write_text(json.dumps(server.host_map()))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "linkprospector", "worker", "--db", dsn, "--concurrency", "1"],
            cwd=ROOT,
            env=env,
            stdout=(work / f"worker{i}.log").open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for i in range(workers)
    ]
    per_site = -(-server.web.spec.pages // server.web.spec.seed_sites)
    command = [
        sys.executable, "-m", "scrapy", "crawl", "resource_pages", "-a", f"seeds={seeds}",
        "-a", f"max_pages={max(300, 2 * per_site + 10)}",
    ]  # fmt: skip
    settings = {
        "LINKPROSPECTOR_DB": dsn,
        "LINKPROSPECTOR_SHARDS": str(shards),
        "LINKPROSPECTOR_ALLOW_PRIVATE": "1",
        "LINKPROSPECTOR_HOST_MAP": str(hosts),
        "LINKPROSPECTOR_CANARY_URL": CANARY_URL,
    }
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.monotonic() - started
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT target_url, count(*) FROM checks GROUP BY 1").fetchall()
        verdicts = dict(conn.execute("SELECT url, verdict FROM targets").fetchall())
    expected = server.web.expected
    right = sum(1 for url, (verdict, _) in expected.items() if verdicts.get(url) == verdict)
    return {
        "exit": result.returncode,
        "wall": wall,
        "checks": len(rows),
        "once": all(n == 1 for _, n in rows),
        "right": right,
        "expected": len(expected),
        "tail": result.stderr.strip().splitlines()[-1:] if result.stderr else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 targets on 300 hosts")
    parser.add_argument("--targets", type=int, default=None)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--shards", type=int, default=8)
    args = parser.parse_args(argv)
    if args.quick:
        spec = WebSpec(targets=2000, hosts=300, nxdomain_hosts=30, pages=40)
    else:
        spec = WebSpec(targets=args.targets) if args.targets else WebSpec()
    web = build_web(spec)
    counts = [int(n) for n in args.workers.split(",")]
    postgres = PostgresServer().start()
    results = {}
    try:
        with BenchServer(web) as server, tempfile.TemporaryDirectory() as tmp:
            for n in counts:
                work = Path(tmp) / f"w{n}"
                work.mkdir()
                results[n] = run_cluster(server, postgres.new_database(), n, args.shards, work)
                r = results[n]
                print(
                    f"{n} worker(s): {r['checks']} targets in {r['wall']:.1f} s = "
                    f"{r['checks'] / r['wall']:.1f} targets checked/s; exit {r['exit']}; "
                    f"one check each: {r['once']}; verdicts as expected: "
                    f"{r['right']}/{r['expected']}",
                    flush=True,
                )
                if r["exit"]:
                    print("  the crawl said: " + " ".join(r["tail"]), flush=True)
                    for log in sorted(work.glob("worker*.log")):
                        tail = log.read_text(errors="replace").strip().splitlines()[-40:]
                        print(f"  {log.name}: " + " | ".join(tail), flush=True)
    finally:
        postgres.stop()
    if any(r["exit"] or not r["checks"] for r in results.values()):
        return 1
    base = results[counts[0]]
    base_rate = base["checks"] / base["wall"]
    for n in counts[1:]:
        rate = results[n]["checks"] / results[n]["wall"]
        print(f"speed-up with {n} workers vs {counts[0]}: {rate / base_rate:.2f}x")
    print(f"per-worker rate (1 worker): {base_rate:.1f} targets checked/s")
    ok = all(r["exit"] == 0 and r["once"] for r in results.values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
