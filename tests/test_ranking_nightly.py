"""The nightly ``[niche]`` table: checked before any crawl, own pages crawled, the niche
stored, and the report written after the crawls ranks against it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from linkprospector.demo.localweb import LocalWeb
from linkprospector.nightly.jobs import ConfigError, NightlyContext, load_config
from linkprospector.nightly.niche_step import niche_jobs, parse_niche_table
from linkprospector.nightly.report_step import write_nightly_report
from tests.conftest import TEST_SETTINGS
from tests.test_nightly import run_cli
from tests.webs_ranking import SEEDS, ranking_web

VEGGIE = "http://veggie-patch.test/links/"


@pytest.mark.parametrize(
    ("table", "keywords", "pages"),
    [
        ({"keywords": ["compost", " mulch "]}, ("compost", "mulch"), ()),
        ({"pages": [VEGGIE]}, (), (VEGGIE,)),
        ({"keywords": ["堆肥"], "pages": [VEGGIE, VEGGIE]}, ("堆肥",), (VEGGIE,)),
    ],
)
def test_niche_table(table, keywords, pages):
    niche = parse_niche_table(table)
    assert (niche.keywords, niche.pages) == (keywords, pages)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({}, r"\[niche\] niche is empty"),
        ({"keywords": "compost"}, r"\[niche\] keywords must be a list of strings"),
        ({"pages": ["mysite.example"]}, r"\[niche\] pages must be URLs"),
        ({"keywords": ["https://x.test/"]}, "put URLs under pages"),
        ({"keyword": ["compost"]}, r"unknown key\(s\) in \[niche\]: keyword"),
    ],
)
def test_bad_niche_tables(table, message):
    with pytest.raises(ConfigError, match=message):
        parse_niche_table(table)


def test_own_pages_are_crawled_at_depth_0():
    jobs = niche_jobs({"keywords": ["compost"], "pages": [VEGGIE]}, None)
    assert [(j.spider, j.args) for j in jobs] == [
        ("resource_pages", {"seeds": VEGGIE, "depth": "0"})
    ]
    assert niche_jobs({"keywords": ["compost"]}, None) == []


def test_nightly_ranks_against_the_niche_table(tmp_path: Path):
    sites, options = ranking_web()
    with LocalWeb(sites, **options) as web:
        hosts = tmp_path / "hosts.json"
        hosts.write_text(json.dumps(web.host_map))
        settings = {**TEST_SETTINGS, "LINKPROSPECTOR_HOST_MAP": str(hosts)}
        body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in settings.items())
        seeds = [s for s in SEEDS if "veggie" not in s]
        config = tmp_path / "garden.toml"
        config.write_text(
            f'db = "garden.db"\n\n[crawl]\nseeds = {json.dumps(seeds)}\ndepth = 1\n\n'
            f'[niche]\nkeywords = ["compost", "mulch"]\npages = ["{VEGGIE}"]\n\n'
            f"[settings]\n{body}\n",
            encoding="utf-8",
        )
        proc = run_cli(["nightly", "--config", str(config)], cwd=tmp_path, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "[niche] 2 keyword(s), 1 own page(s)" in proc.stdout
    with sqlite3.connect(tmp_path / "garden.db") as conn:
        stored = conn.execute("SELECT keywords, pages FROM niche").fetchone()
        own_text = conn.execute("SELECT body_text FROM pages WHERE url = ?", [VEGGIE]).fetchone()
    assert stored == ('["compost", "mulch"]', f'["{VEGGIE}"]')
    assert own_text[0].startswith("Vegetable garden links")  # crawled by the [niche] job
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    section = html[html.index("Top prospects by prospect score") :]
    section = section[: section.index("</section>")]
    assert section.index("http://compost-hub.test/resources/") < section.index(
        "http://lone-garden.test/links.html"
    )
    assert VEGGIE not in section and "soil-notes.test" not in section  # the user's own

    # A broken do-not-contact file: no report (rather than one that may name listed
    # sites), one line saying why, and the night is not clean.
    (tmp_path / "do-not-contact.txt").write_text("???\n", encoding="utf-8")
    (tmp_path / "report.html").unlink()
    nightly = load_config(config)
    context = NightlyContext(nightly, tmp_path / "x.log")
    assert write_nightly_report({}, context) is False
    assert context.lines == ["[report] not written: " + str(tmp_path / "do-not-contact.txt")
                             + " line 1: not a site or URL: '???'"]  # fmt: skip
    assert not (tmp_path / "report.html").exists()
