"""Authority within what linkprospector has crawled: referring domains per page and per
host, and PageRank over the host graph, normalised to 0-100.

This is not a web-wide index: a host that the crawls never reached a link to scores 0
however famous it is, and a host linked from every crawled page scores high however
small it is. It answers "who, among the pages you have looked at, gets linked to".
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse

#: The damping factor of the original paper (and networkx's default).
ALPHA = 0.85
TOLERANCE = 1.0e-10  # per node, as networkx's tol
MAX_ITERATIONS = 200


def host_graph(links: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str], int]:
    """(source host, target host) -> number of distinct linking pages, from links given
    as (source page URL, source host, target host); links within one host are left out."""
    pages: dict[tuple[str, str], set[str]] = defaultdict(set)
    for source_url, source_host, target_host in links:
        if source_host and target_host and source_host != target_host:
            pages[(source_host, target_host)].add(source_url)
    return {edge: len(urls) for edge, urls in pages.items()}


def pagerank(
    edges: Mapping[tuple[str, str], float], nodes: Iterable[str] = (), alpha: float = ALPHA
) -> dict[str, float]:
    """PageRank of every node of a weighted directed graph (power iteration on a scipy
    sparse matrix). A node without out-links spreads its rank evenly over all nodes, as in
    networkx's ``pagerank``; the ranks sum to 1."""
    names = sorted({*nodes, *(a for a, _ in edges), *(b for _, b in edges)})
    n = len(names)
    if n == 0:
        return {}
    index = {name: i for i, name in enumerate(names)}
    rows = [index[a] for a, _ in edges]
    cols = [index[b] for _, b in edges]
    weights = np.array(list(edges.values()), dtype=float)
    matrix = scipy.sparse.csr_array((weights, (rows, cols)), shape=(n, n))
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out_weight == 0
    scale = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    transition = scipy.sparse.diags_array(scale) @ matrix  # rows sum to 1 (or 0: dangling)
    rank = np.full(n, 1.0 / n)
    for _ in range(MAX_ITERATIONS):
        previous = rank
        rank = alpha * (previous @ transition + previous[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(rank - previous).sum() < n * TOLERANCE:
            break
    return {name: float(rank[i]) for i, name in enumerate(names)}


def authority_0_100(ranks: Mapping[str, float]) -> dict[str, float]:
    """PageRank on a 0-100 scale: logarithmic (as the paid tools' domain ratings are), 0
    for the least-linked node of the graph and 100 for the most."""
    if not ranks:
        return {}
    low, high = min(ranks.values()), max(ranks.values())
    if high <= low:
        return {name: 0.0 for name in ranks}
    span = math.log(high) - math.log(low)
    return {name: round(100 * (math.log(r) - math.log(low)) / span, 1) for name, r in ranks.items()}


def referring_domains(
    links: Iterable[tuple[str, str]], own_site: Mapping[str, str]
) -> dict[str, int]:
    """Distinct linking registrable domains per linked thing, from (source site, linked
    thing) pairs; links from the thing's own site (``own_site[thing]``) do not count."""
    sites: dict[str, set[str]] = defaultdict(set)
    for source_site, thing in links:
        if source_site and source_site != own_site.get(thing):
            sites[thing].add(source_site)
    return {thing: len(found) for thing, found in sites.items()}


def blend(crawl: float, external: float | None, weight: float) -> float:
    """Authority from the crawl mixed with an external 0-100 rank (``weight`` 0..1 of it);
    without an external rank the crawl's own figure stands."""
    if external is None or weight <= 0:
        return crawl
    weight = min(weight, 1.0)
    return round((1 - weight) * crawl + weight * external, 1)
