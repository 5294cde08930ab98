"""Nightly runs end to end: three nights over a changing loopback web, the run lock,
kill and resume, interrupted runs, and a database upgraded from the first schema.

Time is simulated with LINKPROSPECTOR_NOW; nothing sleeps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import ROOT, TEST_SETTINGS, run_crawl
from tests.webs import page, ul

NIGHT1 = "2026-11-01T02:30:00+00:00"
NIGHT2 = "2026-11-02T02:30:00+00:00"  # a day later: failed targets due, live ones fresh
NIGHT3 = "2026-11-09T02:30:00+00:00"  # a week later: everything due

HUB = "http://hub.test"
LINKS = f"{HUB}/links/"
MORE = f"{HUB}/more/"
GONE, FLIP, LATER, CLS = (
    "http://gone.test/x",
    "http://flip.test/",
    "http://later.test/p",
    "http://cls.test/",
)
LIVE, NEW = "http://live.test/a", "http://new.test/"


def links_page(with_gone: bool) -> str:
    targets = [LIVE, FLIP, LATER, CLS] + ([GONE] if with_gone else [])
    return page(
        "Useful gardening resources and links",
        "<h1>Useful resources</h1><p>Sites we like.</p>"
        + ul([(url, f"Resource {i}") for i, url in enumerate(targets)]),
    )


def home(with_more: bool) -> str:
    more = '<a href="/more/">More resources</a>' if with_more else ""
    return page("Hub", f'<nav><a href="/links/">Links</a> {more}</nav><p>Welcome.</p>')


def nightly_web() -> LocalWeb:
    hub = Site(
        "hub.test",
        robots="User-agent: *\nAllow: /\n",
        routes={
            "/": home(with_more=False),
            "/links/": links_page(with_gone=True),
            "/more/": page(
                "More useful resources and links",
                "<h1>More resources</h1>"
                + ul([(LIVE, "again"), (NEW, "new one"), (CLS, "c"), (LATER, "l")]),
            ),
        },
    )
    return LocalWeb(
        [
            hub,
            Site("live.test", routes={"/a": page("Live", "ok")}),
            Site("gone.test"),  # every path 404
            Site("flip.test", routes={"/": Route(status=500, body="down")}),
            Site("later.test", routes={"/p": page("Later", "ok")}),
            Site("cls.test", routes={"/": Route(status=404, body="nope")}),
            Site("new.test", routes={"/": page("New", "ok")}),
        ]
    )


def write_config(tmp: Path, web: LocalWeb, now: str, **settings: str) -> Path:
    hosts = tmp / "hosts.json"
    hosts.write_text(json.dumps(web.host_map))
    all_settings = {
        **TEST_SETTINGS,
        "LINKPROSPECTOR_HOST_MAP": str(hosts),
        "LINKPROSPECTOR_NOW": now,
        **settings,
    }
    body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in all_settings.items())
    config = tmp / "niche.toml"
    config.write_text(
        'db = "data/niche.db"\nkeep_logs = 2\n\n'
        f'[crawl]\nseeds = ["{HUB}/"]\ndepth = 2\n\n[settings]\n{body}\n'
    )
    return config


def run_cli(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", "from linkprospector.cli.main import main; main()", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def hits_by_url(web: LocalWeb) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _method, host, path in web.hits:
        url = f"http://{host}{path}"
        counts[url] = counts.get(url, 0) + 1
    return counts


@pytest.fixture(scope="module")
def three_nights(tmp_path_factory):
    """Run `linkprospector nightly` three times while the web changes between nights."""
    tmp = tmp_path_factory.mktemp("nightly")
    results = []
    with nightly_web() as web:
        # night 1: as built
        results.append(_night(tmp, web, NIGHT1))
        # night 2: flip.test is back, later.test/p is gone (not seen: still fresh),
        # cls.test fails differently, a new resource page appears
        web.site("flip.test").routes["/"] = page("Flip", "back")
        web.site("later.test").routes["/p"] = Route(status=404, body="gone")
        web.site("cls.test").routes["/"] = Route(status=500, body="error")
        web.site("hub.test").routes["/"] = home(with_more=True)
        results.append(_night(tmp, web, NIGHT2))
        # night 3, a week later: the links page dropped its dead link to gone.test
        web.site("hub.test").routes["/links/"] = links_page(with_gone=False)
        results.append(_night(tmp, web, NIGHT3))
    return tmp, results


def _night(tmp: Path, web: LocalWeb, now: str):
    web.reset_hits()
    web.reset_failures()
    proc = run_cli(["nightly", "--config", str(write_config(tmp, web, now))], cwd=tmp)
    db = sqlite_utils.Database(tmp / "data" / "niche.db")
    run_id = db.execute("SELECT max(id) FROM runs").fetchone()[0]
    changes = json.loads(db["runs"].get(run_id)["changes"])
    state = {row["url"]: row for row in db["targets"].rows}
    confirmed = {row["target_url"] for row in db["confirmed_dead_links"].rows}
    suspected = {row["target_url"] for row in db["dead_links"].rows}
    db.close()
    return proc, hits_by_url(web), changes, state, confirmed, suspected


def test_every_night_exits_cleanly_with_a_log(three_nights):
    tmp, results = three_nights
    for proc, *_ in results:
        assert proc.returncode == 0, proc.stderr[-3000:] + proc.stdout[-3000:]
        assert "nightly run finished cleanly" in proc.stdout
        assert "Traceback" not in proc.stdout + proc.stderr
    logs = sorted((tmp / "output" / "logs").glob("nightly-*.log"))
    assert len(logs) == 2  # keep_logs = 2: the oldest was pruned
    text = logs[-1].read_text()
    assert "changes in run 3" in text and "nightly run finished cleanly" in text


def test_each_night_writes_the_html_report_next_to_the_database(three_nights):
    tmp, results = three_nights
    report = tmp / "data" / "report.html"
    assert report.is_file()
    for proc, *_ in results:
        assert f"[report] wrote {report} (" in proc.stdout
    db = sqlite_utils.Database(tmp / "data" / "niche.db")
    html = report.read_text(encoding="utf-8")
    assert f'data-metric="targets">{db["targets"].count}<' in html
    assert html.count("<section>") >= 4 and "run 3" in html  # the trend has all three runs


def test_recheck_counts_follow_the_policy(three_nights):
    _tmp, results = three_nights
    (_, h1, *_), (_, h2, *_), (_, h3, *_) = results
    requested = [{u for u in (LIVE, GONE, FLIP, LATER, CLS, NEW) if h.get(u)} for h in (h1, h2, h3)]
    assert requested[0] == {LIVE, GONE, FLIP, LATER, CLS}
    # night 2: live targets are fresh (not requested), failed ones are re-checked
    assert requested[1] == {GONE, FLIP, CLS, NEW}
    # night 3, a week on: all due again; gone.test is no longer linked
    assert requested[2] == {LIVE, FLIP, LATER, CLS, NEW}
    assert h1[LIVE] == h1[LATER] == h2[FLIP] == h3[LIVE] == 1  # one GET per live check
    # a target linked from two pages is still checked once a night
    assert h3[LIVE] == 1 and h2[NEW] == 1


def test_confirmation_and_recovery_across_nights(three_nights):
    _tmp, results = three_nights
    (_, _, _, s1, c1, d1), (_, _, _, s2, c2, d2), (_, _, _, s3, c3, d3) = results
    assert c1 == set() and d1 == {GONE, FLIP, CLS}  # first night: suspected only
    assert c2 == {GONE} and d2 == {GONE, CLS}  # GONE failed twice a day apart
    assert s2[FLIP]["verdict"] == "live" and s2[FLIP]["recovered_at"] == NIGHT2
    assert s2[CLS]["confirmed"] == 0 and s2[CLS]["failure_class"] == "http_5xx"
    assert s2[CLS]["first_dead_at"] == NIGHT2  # 404 then 500: a new streak
    assert c3 == {CLS} and d3 == {CLS, LATER}  # GONE's only link was removed
    assert s3[LATER]["confirmed"] == 0 and s3[LATER]["consecutive_failures"] == 1
    assert s3[LATER]["last_live_at"] == NIGHT1 and s3[LATER]["first_dead_at"] == NIGHT3
    assert s3[GONE]["confirmed"] == 1 and s3[GONE]["confirmed_at"] == NIGHT2
    assert s3[LIVE]["last_checked"] == NIGHT3 and s3[LIVE]["first_seen"] == NIGHT1


def test_change_summaries(three_nights):
    _tmp, results = three_nights
    (_, _, ch1, *_), (_, _, ch2, *_), (_, _, ch3, *_) = results
    assert {t for _s, t, _r in ch1["new_dead_links"]} == {GONE, FLIP, CLS}
    assert ch1["newly_confirmed"] == [] and ch1["recovered"] == []
    assert [url for url, _score in ch1["new_prospects"]] == [LINKS]
    assert ch2["new_dead_links"] == [[MORE, CLS, "http_500"]]  # a new page, a known dead link
    assert ch2["newly_confirmed"] == [[GONE, 1]]
    assert ch2["recovered"] == [FLIP]
    assert [url for url, _score in ch2["new_prospects"]] == [MORE]
    assert ch2["counts"]["fresh_skipped"] >= 2  # LIVE (twice linked) and LATER
    assert ch3["new_dead_links"] == [[LINKS, LATER, "http_404"], [MORE, LATER, "http_404"]]
    assert ch3["newly_confirmed"] == [[CLS, 2]]
    assert ch3["removed_dead_links"] == [[LINKS, GONE]]
    assert ch3["new_prospects"] == []


def test_changes_command_shows_a_run_again(three_nights):
    tmp, results = three_nights
    db = str(tmp / "data" / "niche.db")
    proc = run_cli(["changes", "--db", db, "--run", "2"], cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("changes in run 2: 1 new dead links, 1 newly confirmed")
    assert f"  {FLIP}" in proc.stdout
    latest = run_cli(["changes", "--db", db], cwd=tmp)
    assert latest.stdout.startswith("changes in run 3:")
    assert "changes in run 3:" in results[2][0].stdout  # nightly printed it too
    missing = run_cli(["changes", "--db", db, "--run", "99"], cwd=tmp)
    assert missing.returncode == 2 and missing.stderr.strip() == (
        f"linkprospector: error: no run 99 in {db}"
    )


def test_recheck_all_forces_every_check(tmp_path):
    with nightly_web() as web:
        first = run_crawl(
            tmp_path, web, args={"seeds": f"{HUB}/"}, settings={"LINKPROSPECTOR_NOW": NIGHT1}
        )
        assert first.returncode == 0, first.stderr[-2000:]
        web.reset_hits()
        again = run_crawl(
            tmp_path, web, args={"seeds": f"{HUB}/", "recheck": "all"},
            settings={"LINKPROSPECTOR_NOW": NIGHT1},
        )  # fmt: skip
        assert again.returncode == 0, again.stderr[-2000:]
        assert web.count("live.test", "/a") == 1 and web.count("later.test", "/p") == 1
        web.reset_hits()
        due = run_crawl(
            tmp_path, web, args={"seeds": f"{HUB}/"}, settings={"LINKPROSPECTOR_NOW": NIGHT1}
        )
        assert due.returncode == 0
        assert web.count("live.test") == 0 and web.count("gone.test") == 0


# -- bad config --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[crawl\nseeds=", "is not valid TOML"),
        ("[settings]\nX = 1\n", "nothing to crawl in"),
        ('[crawl]\nseeds = ["http://a.test/"]\n[exportz]\n', "unknown section [exportz]"),
        ('[crawl]\nseeds = ["http://a.test/"]\nspeed = 3\n', "unknown key(s) in [crawl]: speed"),
        ("[crawl]\nseeds = []\n", "[crawl] needs seeds"),
        ('keep_logs = "x"\n[crawl]\nseeds = ["http://a.test/"]\n', "keep_logs must be a int"),
        ('[crawl]\nseeds = "missing.txt"\n', "seeds file not found"),
        ('[crawl]\nseeds = ["http://a.test/"]\nmax_pages = "lots"\n', "max_pages must be"),
        (
            '[crawl]\nseeds = ["http://a.test/"]\n[report]\nto = "x"\n',
            "unknown key(s) in [report]: to",
        ),
        (
            '[crawl]\nseeds = ["http://a.test/"]\n[report]\nenabled = 1\n',
            "[report] enabled must be",
        ),
    ],
)
def test_bad_config_is_one_line_and_exit_2(tmp_path, text, message):
    config = tmp_path / "niche.toml"
    config.write_text(text)
    proc = run_cli(["nightly", "--config", str(config)], cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_missing_config_file(tmp_path):
    proc = run_cli(["nightly", "--config", str(tmp_path / "none.toml")], cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.strip() == f"linkprospector: error: config file not found: {tmp_path}/none.toml"
    )


def test_confirmation_within_one_long_run(tmp_path):
    """A dead target linked again long after its failure is checked once more, same run."""
    dead = "http://gone.test/twice"
    hub = Site(
        "long.test",
        routes={
            "/": page("Hub", '<a href="/a">A</a> <a href="/b">B</a>'),
            "/a": page("A", f'<a href="{dead}">first</a>'),
            # /b answers 1.5 s later: its link to the dead target comes after the failure
            "/b": Route(body=page("B", f'<a href="{dead}">second</a>'), delay=1.5),
        },
    )
    with LocalWeb([hub, Site("gone.test")]) as web:
        result = run_crawl(
            tmp_path,
            web,
            args={"seeds": "http://long.test/"},
            settings={"LINKPROSPECTOR_CONFIRM_HOURS": "0.0002"},  # 0.72 s
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert web.count("gone.test", "/twice") == 2
    db = result.db
    target = db["targets"].get(dead)
    assert target["confirmed"] == 1 and target["consecutive_failures"] == 2
    assert [(r["run_id"], r["transition"]) for r in db["checks"].rows] == [
        (1, "new_dead,confirmed")
    ]
    changes = json.loads(db["runs"].get(1)["changes"])
    assert changes["newly_confirmed"] == [[dead, 2]]
    assert {t for _s, t, _r in changes["new_dead_links"]} == {dead}
