"""The resource-page class of a held-out page, read as the crawl reads it, and the
precision and recall of a set of such calls (shared by the held-out corpus tests)."""

from __future__ import annotations

from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.scoring import is_resource_page, resource_features, score_resource_page
from linkprospector.reading.urls import site_of


def resource_score(html: str, url: str) -> tuple[float, list[str]]:
    """The score and its reasons for ``html`` served at ``url`` (its real URL, so that
    links to the site's other hosts count as its own)."""
    root = parse_html(html)
    links = extract_links(root, url).links
    return score_resource_page(resource_features(root, url, links, site_of(url)))


def is_resource(html: str, url: str) -> bool:
    return is_resource_page(resource_score(html, url)[0])


def precision_recall(got: dict[str, bool], truth: dict[str, bool]) -> tuple[float, float]:
    """Precision and recall of the resource calls ``got`` against ``truth``."""
    true_positives = sum(got[n] and truth[n] for n in truth)
    precision = true_positives / max(sum(got.values()), 1)
    return precision, true_positives / sum(truth.values())
