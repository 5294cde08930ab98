"""Competitor analysis end to end: `scrapy crawl competitors` + `resource_pages` over a
loopback web, then every opportunity, inlink count and the intersect ranking, from the
database and from the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter

import pytest
import sqlite_utils
from click.testing import CliRunner

from linkprospector.cli.main import cli
from linkprospector.demo.localweb import LocalWeb
from linkprospector.inputs.spider_args import ArgumentError
from linkprospector.store import competitor_queries as analysis
from tests.conftest import ROOT, run_crawl
from tests.webs_competitors import COMPETITOR_DOMAINS, THIRD_SEEDS, competitor_web

R1, R2 = "http://rival-one.test", "http://rival-two.test"

# --------------------------------------------------------------------------- pure


@pytest.mark.parametrize(
    ("value", "urls"),
    [
        ("rival.com", ["https://rival.com/"]),
        ("rival.com,www.other.org", ["https://rival.com/", "https://www.other.org/"]),
        (" rival.com , rival.com ", ["https://rival.com/"]),
        ("http://rival-one.test/,http://rival-two.test/", [f"{R1}/", f"{R2}/"]),
        ("rival.com/blog/", ["https://rival.com/blog/"]),
        ("rival.com another.net", ["https://rival.com/", "https://another.net/"]),
        ("RIVAL.com,", ["https://rival.com/"]),
    ],
)
def test_parse_domains(value, urls):
    assert analysis.parse_domains(value).urls == urls


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "missing domains"),
        ("  ", "missing domains"),
        ("nodot", "no valid domain"),
        (",,", "no valid domain"),
        ("ftp://x.test/", "no valid domain"),
    ],
)
def test_parse_domains_rejects(value, message):
    with pytest.raises(ArgumentError, match=message):
        analysis.parse_domains(value)


def test_parse_domains_from_file(tmp_path):
    path = tmp_path / "rivals.txt"
    path.write_text("# my rivals\nrival.com\nhttps://other.org/shop/\n")
    assert analysis.parse_domains(str(path)).urls == [
        "https://rival.com/",
        "https://other.org/shop/",
    ]


@pytest.mark.parametrize(
    ("value", "site"),
    [
        ("mysite.com", "mysite.com"),
        ("www.mysite.com", "mysite.com"),
        ("https://blog.mysite.co.uk/post", "mysite.co.uk"),
        ("MINE.test", "mine.test"),
        ("", ""),
    ],
)
def test_site_of_domain(value, site):
    assert analysis.site_of_domain(value) == site


def test_parse_site_list():
    assert analysis.parse_site_list("a.com, www.a.com,http://b.org/x,,") == ["a.com", "b.org"]


# --------------------------------------------------------------------------- crawl


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Competitors first, then the third sites, into one database."""
    tmp = tmp_path_factory.mktemp("competitors")
    sites, options = competitor_web()
    with LocalWeb(sites, **options) as web:
        first = run_crawl(tmp, web, spider="competitors", args={"domains": COMPETITOR_DOMAINS})
        competitor_hits = list(web.hits)
        second = run_crawl(tmp, web, spider="resource_pages", args={"seeds": THIRD_SEEDS})
    return first, second, competitor_hits


@pytest.fixture
def db(crawled):
    database = crawled[0].db
    yield database
    database.close()


def test_both_crawls_finish_cleanly(crawled):
    for result in crawled[:2]:
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        assert " ERROR: " not in result.stderr


def test_every_competitor_page_is_recorded_with_its_role(db):
    pages = {row["url"]: row for row in db["pages"].rows_where("role = 'competitor'")}
    assert set(pages) == {
        f"{R1}/",
        f"{R1}/guides/",
        f"{R1}/about/",
        f"{R1}/from-sitemap-only",  # only in the gzip sitemap behind the sitemap index
        f"{R2}/",
        f"{R2}/blog/",
        f"{R2}/blog/post-a",
        f"{R2}/blog/lost-post",  # answers 200 ("page not found"): crawled, judged soft 404
    }
    assert {row["site"] for row in pages.values()} == {"rival-one.test", "rival-two.test"}
    assert analysis.competitor_sites(db) == ["rival-one.test", "rival-two.test"]


def test_internal_and_outbound_links_recorded_with_placement(db):
    links = {(r["source_url"], r["target_url"]): r for r in db["links"].rows}
    nav = links[(f"{R1}/guides/", f"{R1}/about/")]
    assert (nav["kind"], nav["placement"]) == ("internal", "nav")
    footer = links[(f"{R1}/", f"{R1}/moved")]
    assert (footer["kind"], footer["placement"], footer["anchor_text"]) == (
        "internal",
        "footer",
        "Moved",
    )
    nofollow = links[(f"{R1}/guides/", "http://live-ref.test/")]
    assert (nofollow["kind"], nofollow["rel"]) == ("outbound", "nofollow")
    assert links[(f"{R2}/blog/", f"{R1}/guides/old-guide")]["kind"] == "outbound"


def test_each_competitor_url_fetched_once(crawled):
    hits = Counter((m, h, p) for m, h, p in crawled[2] if h.startswith("rival-"))
    assert not [key for key in hits if key[2].startswith("/private/")]
    # robots.txt: once, by the robots middleware; the spider reads its Sitemap: lines from
    # the parsed file (signals.robots_parsed) instead of fetching it again
    assert hits[("GET", "rival-one.test", "/robots.txt")] == 1
    assert hits[("GET", "rival-two.test", "/robots.txt")] == 1
    # /moved redirects to /about/, also linked directly. If the direct request wins, the
    # redirected one is dropped as a duplicate and /moved gets its own check (which
    # follows the redirect to /about/ again); otherwise both are answered at once.
    redirect_pair = (
        hits[("GET", "rival-one.test", "/moved")],
        hits[("GET", "rival-one.test", "/about/")],
    )
    assert redirect_pair in {(1, 1), (2, 2)}
    # A page that looks like a soft 404 is checked again and judged against the host's
    # answer to one nonsense URL (: its words alone are no verdict).
    assert hits[("GET", "rival-two.test", "/blog/lost-post")] == 2
    probes = [key for key in hits if key[1] == "rival-two.test" and key[2] not in PATHS_TWO]
    assert len(probes) == 1 and probes[0][2].startswith("/blog/"), probes
    others = {
        key: n
        for key, n in hits.items()
        if key[2] not in ("/robots.txt", "/moved", "/about/", "/blog/lost-post")
    }
    assert set(others.values()) == {1}, others
    for path in ("/sitemap_index.xml", "/sitemap-pages.xml.gz", "/sitemap.xml"):
        assert hits[("GET", "rival-one.test", path)] == 1
    assert hits[("GET", "rival-two.test", "/sitemap.xml")] == 1


PATHS_TWO = {"/", "/blog/", "/blog/post-a", "/blog/lost-post", "/robots.txt", "/sitemap.xml"}

INTERNAL_TARGETS = {
    f"{R1}/": ("live", "ok"),
    f"{R1}/guides/": ("live", "ok"),
    f"{R1}/about/": ("live", "ok"),
    f"{R1}/from-sitemap-only": ("live", "ok"),
    f"{R1}/moved": ("live", "redirect_ok"),
    f"{R1}/guides/old-guide": ("dead", "http_404"),
    f"{R1}/guides/removed-guide": ("dead", "http_410"),
    f"{R1}/guides/lost-from-sitemap": ("dead", "http_404"),
    f"{R2}/": ("live", "ok"),
    f"{R2}/blog/": ("live", "ok"),
    f"{R2}/blog/post-a": ("live", "ok"),
    f"{R2}/blog/lost-post": ("dead", "soft_404"),
    f"{R2}/old-page": ("dead", "soft_404"),  # linked only from a third site
}


def test_internal_targets_have_verdicts_and_robots_forbidden_are_never_checked(db):
    targets = {
        r["url"]: (r["verdict"], r["reason"])
        for r in db["targets"].rows
        if r["host"].startswith("rival-")
    }
    assert targets == INTERNAL_TARGETS
    moved = db["targets"].get(f"{R1}/moved")
    assert moved["final_url"] == f"{R1}/about/"


BROKEN = [
    ("rival-one.test", f"{R1}/guides/", "http://dead-ref.test/gone", "http_404", 2),
    ("rival-two.test", f"{R2}/blog/", "http://dead-ref.test/gone", "http_404", 2),
    ("rival-two.test", f"{R2}/blog/", f"{R1}/guides/old-guide", "http_404", 2),
    ("rival-one.test", f"{R1}/from-sitemap-only", "http://dead-ref.test/old", "http_404", 1),
    ("rival-two.test", f"{R2}/blog/post-a", "http://error-ref.test/", "http_500", 1),
    ("rival-one.test", f"{R1}/guides/", "http://gone-ref.test/removed", "http_410", 1),
    ("rival-one.test", f"{R1}/about/", "http://nxdomain-ref.test/", "dns", 1),
]


def test_broken_outbound_links_are_every_opportunity(db):
    rows = analysis.broken_outbound_links(db)
    assert [
        (r["competitor"], r["source_url"], r["target_url"], r["reason"], r["competitors_linking"])
        for r in rows
    ] == BROKEN
    assert rows[0]["anchor_text"] == "Dead reference"
    only_two = analysis.broken_outbound_links(db, ["rival-two.test"])
    assert {r["competitor"] for r in only_two} == {"rival-two.test"}
    assert len(only_two) == 3


DEAD_PAGES = [
    # url, inlinks, internal, external, referring sites
    (f"{R1}/guides/old-guide", "http_404", 4, 2, 2, 2),
    (f"{R2}/blog/lost-post", "soft_404", 2, 2, 0, 0),
    (f"{R2}/old-page", "soft_404", 1, 0, 1, 1),
    (f"{R1}/guides/lost-from-sitemap", "http_404", 1, 1, 0, 0),
    (f"{R1}/guides/removed-guide", "http_410", 1, 1, 0, 0),
]


def test_dead_pages_with_inlink_counts(db):
    rows = analysis.dead_pages(db)
    assert [
        (
            r["url"],
            r["reason"],
            r["inlinks"],
            r["internal_inlinks"],
            r["external_inlinks"],
            r["referring_sites"],
        )
        for r in rows
    ] == DEAD_PAGES
    assert rows[0]["anchors"] == "Old guide (1); Rival One's guide (1); our old guide (1)"


INTERSECT = [
    # url, resource?, competitors linked
    ("http://links-a.test/resources/", True, 2),
    ("http://links-d.test/useful-sites", True, 2),
    ("http://links-c.test/resources/", True, 1),
    ("http://blog-e.test/post/", False, 2),
    ("http://blog-f.test/post/", False, 1),
    ("http://links-b.test/more/", False, 1),
]


def test_link_intersect_ranking(db):
    rows = analysis.link_intersect(db, "mine.test")
    assert [(r["url"], r["is_resource"], r["competitors_linked"]) for r in rows] == INTERSECT
    assert [r["rank"] for r in rows] == list(range(1, 7))
    # links-d has fewer domains than links-c, yet ranks higher: it links to both rivals
    assert rows[1]["resource_score"] < rows[2]["resource_score"]
    # among non-resource pages with one competitor, the URL breaks the tie
    assert rows[4]["resource_score"] == rows[5]["resource_score"] < 0.2
    assert rows[0]["competitors"] == "rival-one.test,rival-two.test"
    assert rows[5]["site_links_to_mine"] is True  # links-b.test/links/ links to mine.test
    assert not any(r["site_links_to_mine"] for r in rows[:5])
    urls = {r["url"] for r in rows}
    assert "http://links-b.test/links/" not in urls  # links to mine
    assert "http://blog-g.test/" not in urls  # links to neither


def test_link_intersect_filters(db):
    two = analysis.link_intersect(db, "www.mine.test", min_competitors=2)
    assert [r["url"] for r in two] == [
        "http://links-a.test/resources/",
        "http://links-d.test/useful-sites",
        "http://blog-e.test/post/",
    ]
    one = analysis.link_intersect(db, "mine.test", competitors=["rival-two.test"])
    assert [r["url"] for r in one] == [
        "http://links-a.test/resources/",
        "http://links-c.test/resources/",
        "http://links-d.test/useful-sites",
        "http://blog-e.test/post/",
    ]
    # "mine" being a competitor: its own links do not count as a competitor's
    as_rival = analysis.link_intersect(db, "rival-one.test", min_competitors=1)
    assert [r["url"] for r in as_rival] == ["http://links-c.test/resources/"]


PROFILE = [
    ("rival-one.test", "dead-ref.test", 2, 2, 2, "Dead reference (1); Old tool (1)"),
    ("rival-one.test", "live-ref.test", 2, 1, 0, "Live home (1); Live reference (1)"),
    ("rival-one.test", "gone-ref.test", 1, 1, 1, "Removed reference (1)"),
    ("rival-one.test", "nxdomain-ref.test", 1, 1, 1, "Our old partner (1)"),
    ("rival-two.test", "dead-ref.test", 1, 1, 1, "A dead reference (1)"),
    ("rival-two.test", "error-ref.test", 1, 1, 1, "Broken tool (1)"),
    ("rival-two.test", "live-ref.test", 1, 1, 0, "Live reference (1)"),
    ("rival-two.test", "rival-one.test", 1, 1, 1, "Rival One's guide (1)"),
]


def test_outbound_profile(db):
    rows = analysis.outbound_profile(db)
    assert [
        (r["competitor"], r["domain"], r["links"], r["pages"], r["dead_targets"], r["top_anchors"])
        for r in rows
    ] == PROFILE
    top1 = analysis.outbound_profile(db, top=1)
    assert [(r["competitor"], r["domain"]) for r in top1] == [
        ("rival-one.test", "dead-ref.test"),
        ("rival-two.test", "dead-ref.test"),
    ]


# --------------------------------------------------------------------------- CLI


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_intersect_prints_the_ranking(crawled):
    db_path = str(crawled[0].db_path)
    result = invoke("intersect", "--mine", "mine.test", "--db", db_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "link intersect: 6 page(s) link to at least 1 of 2 competitor(s) "
        "(rival-one.test, rival-two.test) but not to mine.test"
    )
    ranked = [re.search(r"(http://\S+)", line).group(1) for line in lines[2:]]
    assert ranked == [url for url, *_ in INTERSECT]
    assert re.match(r"^\s+1\s+2\s+yes\s+0\.\d\d\s+http://links-a\.test/resources/", lines[2])
    assert lines[-1].endswith("[rival-one.test]  (site links to you elsewhere)")

    two = invoke("intersect", "--mine", "mine.test", "--min-competitors", "2", "--db", db_path)
    assert [re.search(r"(http://\S+)", line).group(1) for line in two.output.splitlines()[2:]] == [
        "http://links-a.test/resources/",
        "http://links-d.test/useful-sites",
        "http://blog-e.test/post/",
    ]
    as_csv = invoke("intersect", "--mine", "mine.test", "--db", db_path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["rank"], r["url"]) for r in rows] == [
        (str(i), url) for i, (url, *_) in enumerate(INTERSECT, start=1)
    ]
    only = invoke(
        "intersect", "--mine", "mine.test", "--db", db_path,
        "--competitors", "rival-one.test", "--format", "json", "--limit", "2",
    )  # fmt: skip
    assert [r["url"] for r in json.loads(only.output)] == [
        "http://links-a.test/resources/",
        "http://links-d.test/useful-sites",
    ]


def test_cli_competitors_report(crawled):
    db_path = str(crawled[0].db_path)
    result = invoke("competitors-report", "--db", db_path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("competitors: rival-one.test, rival-two.test\n")
    assert "their broken outbound links (7)" in out
    for _site, source, target, reason, _n in BROKEN:
        assert f"  {target}  ({reason})  <- {source}" in out
    assert "their dead pages (5)" in out
    assert f"     4 (2 + 2)  {R1}/guides/old-guide  (http_404)" in out
    assert f"     1 (0 + 1)  {R2}/old-page  (soft_404)" in out
    assert "        2      2     2  dead-ref.test  Dead reference (1); Old tool (1)" in out

    dead = invoke("competitors-report", "--db", db_path, "--section", "dead", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(dead.output)))
    assert [(r["url"], r["inlinks"]) for r in rows] == [(u, str(n)) for u, _, n, *_ in DEAD_PAGES]
    as_json = json.loads(invoke("competitors-report", "--db", db_path, "--format", "json").output)
    assert set(as_json) == {"broken", "dead", "profile"}
    assert len(as_json["broken"]) == len(BROKEN)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["intersect", "--db", "{db}"], "Missing option '--mine'"),
        (["intersect", "--mine", "nodot!", "--db", "{db}"], "--mine is not a domain"),
        (["intersect", "--mine", "mine.test", "--db", "{missing}"], "no database at"),
        (
            ["intersect", "--mine", "mine.test", "--db", "{db}", "--min-competitors", "0"],
            "Invalid value for '--min-competitors'",
        ),
        (
            ["intersect", "--mine", "m.test", "--db", "{db}", "--competitors", ","],
            "no valid domain",
        ),
        (["competitors-report", "--db", "{db}", "--format", "csv"], "needs one --section"),
        (["competitors-report", "--db", "{empty}"], "no competitor sites in the database"),
    ],
)
def test_cli_bad_input_is_one_line(crawled, tmp_path, args, message):
    from linkprospector.store.storage import open_db

    empty = tmp_path / "empty.db"
    open_db(empty).close()
    paths = {"db": str(crawled[0].db_path), "missing": str(tmp_path / "no.db"), "empty": str(empty)}
    result = CliRunner().invoke(cli, [a.format(**paths) for a in args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({}, "missing domains: use -a domains="),
        ({"domains": "nodot"}, "no valid domain"),
        ({"domains": "rival.test", "max_pages": "many"}, "max_pages must be a whole number"),
    ],
)
def test_spider_bad_arguments(tmp_path, args, message):
    result = run_crawl(tmp_path, None, spider="competitors", args=args)
    assert result.returncode == 2
    assert f"linkprospector: error: {message}" in result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_demo_competitors_walkthrough(tmp_path):
    """The README walk-through: the demo web with its competitor sites, then the CLI."""
    db_path = tmp_path / "demo.db"
    run = [sys.executable, "-c", "from linkprospector.cli.main import main; main()"]
    proc = subprocess.run(
        [*run, "demo-competitors", "--db", str(db_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "competitors: plotpals.test, veggieverse.test" in proc.stdout
    assert "http://veggieverse.test/archive/seed-swap-2019" in proc.stdout  # via sitemap
    assert "     4 (2 + 2)  http://veggieverse.test/guides/heirloom-tomatoes  (http_404)" in (
        proc.stdout
    )
    assert "     2 (2 + 0)  http://plotpals.test/tools/planting-calendar  (soft_404)" in (
        proc.stdout
    )
    intersect = subprocess.run(
        [*run, "intersect", "--db", str(db_path), "--mine", "greenthumbguide.test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert intersect.returncode == 0, intersect.stderr
    ranked = [
        re.search(r"(http://\S+)", line).group(1) for line in intersect.stdout.splitlines()[2:]
    ]
    assert ranked == [
        "http://gardenlinksdirectory.test/resources/",
        "http://balconygrowers.test/links/",
        "http://compostchat.test/blog/favourite-sites/",
    ]


def test_export_adds_competitor_sheets(crawled, tmp_path):
    from openpyxl import load_workbook

    db_path = str(crawled[0].db_path)
    out = tmp_path / "outreach.xlsx"
    result = invoke("export", "--db", db_path, "--out", str(out), "--mine", "mine.test")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out, read_only=True)
    try:
        sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()
    intersect = sheets["Link intersect"]
    assert intersect[0][:2] == ("Rank", "Page URL")
    assert [row[1] for row in intersect[1:]] == [url for url, *_ in INTERSECT]
    broken = sheets["Competitor broken links"]
    assert [(r[1], r[2]) for r in broken[1:]] == [(b[1], b[2]) for b in BROKEN]
    dead = sheets["Competitor dead pages"]
    assert [(r[1], r[4]) for r in dead[1:]] == [(d[0], d[2]) for d in DEAD_PAGES]
    profile = sheets["Competitor link profile"]
    assert [(r[0], r[2], r[3]) for r in profile[1:]] == [(p[0], p[1], p[2]) for p in PROFILE]

    csv_dir = tmp_path / "csv"
    no_mine = invoke("export", "--db", db_path, "--format", "csv", "--out", str(csv_dir))
    assert no_mine.exit_code == 0, no_mine.output
    assert not (csv_dir / "link_intersect.csv").exists()
    with (csv_dir / "competitor_dead_pages.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Dead page"], r["Inlinks"]) for r in rows] == [(d[0], str(d[2])) for d in DEAD_PAGES]


def test_pages_beyond_max_pages_are_checked_not_crawled(tmp_path):
    sites, options = competitor_web()
    with LocalWeb(sites, **options) as web:
        result = run_crawl(
            tmp_path, web, spider="competitors", args={"domains": f"{R2}/", "max_pages": "2"}
        )
        hits = Counter((m, h, p) for m, h, p in web.hits if h == "rival-two.test")
    assert result.returncode == 0, result.stderr[-3000:]
    db = result.db
    try:
        assert {r["url"] for r in db["pages"].rows} == {f"{R2}/", f"{R2}/blog/"}
        targets = {r["url"]: (r["verdict"], r["reason"]) for r in db["targets"].rows}
        assert targets[f"{R2}/blog/post-a"] == ("live", "ok")
        assert targets[f"{R2}/blog/lost-post"] == ("dead", "soft_404")
        # another site's page is an outbound target when it is not crawled
        assert targets[f"{R1}/guides/old-guide"] == ("dead", "http_404")
        stats = json.loads(next(db["runs"].rows)["stats"])
        assert stats["linkprospector/targets/internal_checks"] == 2
        assert [r["url"] for r in analysis.dead_pages(db)] == [f"{R2}/blog/lost-post"]
    finally:
        db.close()
    assert hits[("GET", "rival-two.test", "/blog/post-a")] == 1
    assert hits[("GET", "rival-two.test", "/blog/lost-post")] == 1


def test_nightly_config_with_a_competitors_table(tmp_path):
    from tests.conftest import TEST_SETTINGS

    sites, options = competitor_web()
    with LocalWeb(sites, **options) as web:
        hosts = tmp_path / "hosts.json"
        hosts.write_text(json.dumps(web.host_map))
        settings = {**TEST_SETTINGS, "LINKPROSPECTOR_HOST_MAP": str(hosts)}
        body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in settings.items())
        seeds = json.dumps(THIRD_SEEDS.split(","))
        (tmp_path / "rivals.txt").write_text(COMPETITOR_DOMAINS.replace(",", "\n"))
        config = tmp_path / "niche.toml"
        config.write_text(
            f'db = "niche.db"\n\n[crawl]\nseeds = {seeds}\n\n'
            f'[competitors]\ndomains = "rivals.txt"\nmax_pages = 100\n\n[settings]\n{body}\n'
        )
        proc = subprocess.run(
            [sys.executable, "-c", "from linkprospector.cli.main import main; main()",
             "nightly", "--config", str(config)],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    db = sqlite_utils.Database(tmp_path / "niche.db")
    try:
        assert {r["spider"] for r in db["runs"].rows} == {"resource_pages", "competitors"}
        rows = analysis.link_intersect(db, "mine.test")
        assert [(r["url"], r["is_resource"], r["competitors_linked"]) for r in rows] == INTERSECT
        assert [r["url"] for r in analysis.dead_pages(db)] == [d[0] for d in DEAD_PAGES]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("domains = []", "[competitors] needs domains"),
        ('domains = ["a.test"]\nspeed = 1', "unknown key(s) in [competitors]: speed"),
        ('domains = "nodot"', "no valid domain"),
    ],
)
def test_nightly_competitors_table_errors(tmp_path, table, message):
    config = tmp_path / "niche.toml"
    config.write_text(f'db = "n.db"\n[competitors]\n{table}\n')
    result = CliRunner().invoke(cli, ["nightly", "--config", str(config)])
    assert result.exit_code == 2, result.output
    assert message in result.output
