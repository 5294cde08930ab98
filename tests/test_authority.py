"""Authority from the crawl graph: PageRank on a scipy sparse matrix checked against
networkx and against cases worked out by hand; referring domains; the Common Crawl rank
file loader on real rows of that format."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import networkx as nx
import pytest

from linkprospector.judge.authority import (
    authority_0_100,
    blend,
    host_graph,
    pagerank,
    referring_domains,
)
from linkprospector.judge.domain_ranks import (
    RankFileError,
    parse_rank_lines,
    rank_0_100,
    reverse_name,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ranks"


def networkx_pagerank(edges: dict, nodes=()) -> dict:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in edges.items())
    return nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12, max_iter=500)


def random_graph(seed: int, nodes: int, edges: int) -> dict:
    rng = random.Random(seed)
    found = {}
    for _ in range(edges):
        a, b = f"h{rng.randrange(nodes)}.test", f"h{rng.randrange(nodes)}.test"
        if a != b:
            found[(a, b)] = rng.randint(1, 5)
    return found


GRAPHS = {
    "chain": {("a", "b"): 1, ("b", "c"): 1},
    "cycle": {("a", "b"): 1, ("b", "c"): 1, ("c", "a"): 1},
    "star_in": {("a", "hub"): 1, ("b", "hub"): 1, ("c", "hub"): 1},
    "weighted": {("a", "b"): 9, ("a", "c"): 1, ("b", "a"): 1, ("c", "a"): 1},
    "two_islands": {("a", "b"): 1, ("b", "a"): 1, ("x", "y"): 2},
    "random_small": random_graph(1, 12, 40),
    "random_large": random_graph(7, 300, 2000),
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_pagerank_matches_networkx(name):
    edges = GRAPHS[name]
    ours = pagerank(edges, nodes=["isolated.test"])
    reference = networkx_pagerank(edges, nodes=["isolated.test"])
    assert set(ours) == set(reference)
    assert max(abs(ours[n] - reference[n]) for n in reference) < 1e-8
    assert sum(ours.values()) == pytest.approx(1.0)


def test_pagerank_worked_by_hand():
    """a -> c <- b, c links nowhere (dangling: its rank is spread over all three).
    By symmetry a = b; a = 0.15/3 + 0.85 * c/3 and c = 1 - 2a give a = 10/47, c = 27/47."""
    ranks = pagerank({("a", "c"): 1, ("b", "c"): 1})
    assert ranks["a"] == pytest.approx(10 / 47, abs=1e-9)
    assert ranks["b"] == pytest.approx(10 / 47, abs=1e-9)
    assert ranks["c"] == pytest.approx(27 / 47, abs=1e-9)


def test_a_cycle_ranks_every_node_alike():
    ranks = pagerank(GRAPHS["cycle"])
    assert all(r == pytest.approx(1 / 3) for r in ranks.values())


def test_empty_graph():
    assert pagerank({}) == {} and authority_0_100({}) == {}


def test_authority_scale_is_0_to_100_and_keeps_the_order():
    ranks = pagerank(GRAPHS["star_in"], nodes=["lonely"])
    scaled = authority_0_100(ranks)
    assert scaled["hub"] == 100.0
    assert scaled["lonely"] == 0.0 == scaled["a"]  # nobody links to them
    assert authority_0_100({"a": 0.5, "b": 0.5}) == {"a": 0.0, "b": 0.0}


def test_host_graph_counts_linking_pages_and_ignores_links_within_a_host():
    links = [
        ("http://a.test/1", "a.test", "hub.test"),
        ("http://a.test/2", "a.test", "hub.test"),
        ("http://a.test/2", "a.test", "hub.test"),  # the same page twice counts once
        ("http://a.test/3", "a.test", "a.test"),
        ("http://b.test/", "b.test", "hub.test"),
        ("http://b.test/", "b.test", ""),
    ]
    assert host_graph(links) == {("a.test", "hub.test"): 2, ("b.test", "hub.test"): 1}


def test_referring_domains_leave_out_the_own_site():
    pairs = [
        ("a.test", "http://hub.test/x"),
        ("a.test", "http://hub.test/x"),
        ("b.test", "http://hub.test/x"),
        ("hub.test", "http://hub.test/x"),  # its own site's link
    ]
    assert referring_domains(pairs, {"http://hub.test/x": "hub.test"}) == {"http://hub.test/x": 2}


@pytest.mark.parametrize(
    ("crawl", "external", "weight", "expected"),
    [(40.0, None, 0.3, 40.0), (40.0, 100.0, 0.0, 40.0), (40.0, 100.0, 0.5, 70.0),
     (40.0, 100.0, 2.0, 100.0)],
)  # fmt: skip
def test_blend(crawl, external, weight, expected):
    assert blend(crawl, external, weight) == expected


# -- the Common Crawl rank files --------------------------------------------------------


def test_host_rank_file_is_read():
    with (FIXTURES / "cc-host-ranks-head.txt").open(encoding="utf-8") as handle:
        rows = list(parse_rank_lines(handle))
    assert len(rows) == 10
    fonts = next(r for r in rows if r.name == "fonts.googleapis.com")
    assert (fonts.harmonic_pos, fonts.pr_pos) == (2, 2)
    assert fonts.harmonic_val == 3.42356e7 and fonts.pr_val == pytest.approx(0.00701081)
    assert rows[-1].name == "gmpg.org"


def test_domain_rank_file_with_host_counts_is_read_gzipped():
    with gzip.open(FIXTURES / "cc-domain-ranks-head.txt.gz", "rt", encoding="utf-8") as handle:
        rows = list(parse_rank_lines(handle))
    assert [r.name for r in rows[:3]] == ["facebook.com", "googleapis.com", "google.com"]
    assert rows[14].name == "wikipedia.org" and rows[14].pr_pos == 31


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "empty file"),
        (["name\trank\n", "x\t1\n"], "line 1 is not a Common Crawl rank header"),
        (["#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\n", "1\tx\t1\t0.1\tcom.a\n"],
         "line 2 is not a rank row"),
        (["#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\n", "\n", "1\t2\n"],
         "line 3 is not a rank row"),
    ],
)  # fmt: skip
def test_bad_rank_files_are_named_by_line(lines, message):
    with pytest.raises(RankFileError, match=message):
        list(parse_rank_lines(lines))


@pytest.mark.parametrize(
    ("position", "positions", "expected"),
    [(1, 100, 100.0), (10, 100, 50.0), (100, 100, 0.0), (1, 1, 100.0)],
)
def test_rank_scale(position, positions, expected):
    assert rank_0_100(position, positions) == expected


def test_reverse_name():
    assert reverse_name("com.googleapis.fonts") == "fonts.googleapis.com"
    assert reverse_name(reverse_name("www.example.co.uk")) == "www.example.co.uk"
