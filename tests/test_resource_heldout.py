"""Resource pages on pages the rules were never tuned on: a held-out corpus of real
pages from public repositories (tests/fixtures/resource_heldout, see its SOURCES.md) —
links pages, blogrolls, friend links and "liens utiles" in English, Chinese, Japanese,
French, Spanish, German and Russian, an awesome list, and link-heavy pages that are not
resource pages (blog posts, event reports, an about page, a publication list, a
changelog, documentation pages, a blog archive, a category page, a home page). Each
page's class is asserted, and the corpus as a whole must keep precision and recall at
0.9 or better."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from linkprospector.reading.scoring import is_resource_page
from tests.resource_class import precision_recall, resource_score

HELDOUT = Path(__file__).parent / "fixtures" / "resource_heldout"
CASES = sorted(tomllib.loads((HELDOUT / "cases.toml").read_text(encoding="utf-8")).items())


def judge(name: str, url: str) -> tuple[float, list[str]]:
    return resource_score((HELDOUT / f"{name}.html").read_text(encoding="utf-8"), url)


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_heldout_page_is_classified(name, case):
    score, reasons = judge(name, case["url"])
    assert is_resource_page(score) is case["resource"], (score, reasons)


def test_heldout_precision_and_recall():
    got = {name: is_resource_page(judge(name, case["url"])[0]) for name, case in CASES}
    truth = {name: case["resource"] for name, case in CASES}
    precision, recall = precision_recall(got, truth)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_heldout_corpus_is_listed_with_its_sources():
    files = {path.stem for path in HELDOUT.glob("*.html")}
    sources = (HELDOUT / "SOURCES.md").read_text(encoding="utf-8")
    assert files == {name for name, _ in CASES}
    assert all(f"| {name}.html |" in sources for name in files)
    resources = [name for name, case in CASES if case["resource"]]
    assert len(resources) >= 15 and len(CASES) - len(resources) >= 15
    assert len({name[:2] for name in resources}) >= 5
