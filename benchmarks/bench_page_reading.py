"""Page-reading benchmark: the slowest page per reading function over the test corpora.

Reads every page of the corpora (the demo webs' HTML files, the HTML pages the tests
build in ``tests/*_pages.py``, and the hostile pages of ``tests/adversarial_pages.py``)
with each page-reading function and prints, per function, the slowest CPU time and the
page that caused it, then the pages over the default budget::

    python benchmarks/bench_page_reading.py            # all corpora
    python benchmarks/bench_page_reading.py --top 3    # the three slowest per function

CPU time of this thread, the best of ``--runs`` runs (a busy machine inflates wall time).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make linkprospector and tests importable
    sys.path.insert(0, str(ROOT))

from linkprospector.config import DEFAULTS  # noqa: E402
from linkprospector.judge.main_content import main_content_text  # noqa: E402
from linkprospector.judge.page_reading import read_page  # noqa: E402
from linkprospector.judge.signatures import parked_signature  # noqa: E402
from linkprospector.judge.soft404 import soft_404_signals  # noqa: E402
from linkprospector.reading import extract  # noqa: E402
from linkprospector.reading.contacts import extract_contacts  # noqa: E402
from linkprospector.reading.extract import extract_links, parse_html  # noqa: E402
from linkprospector.reading.guest_posts import guest_post_verdict  # noqa: E402
from linkprospector.reading.rendering import needs_rendering  # noqa: E402
from linkprospector.reading.scoring import resource_features, score_resource_page  # noqa: E402

URL = "http://bench.test/page"
#: Test modules whose module-level strings (and lists of them) are HTML pages.
PAGE_MODULES = ("soft404_pages", "guest_post_pages", "resource_pages", "script_pages")


def corpus() -> Iterator[tuple[str, str]]:
    """(name, html) for every page of the corpora."""
    for path in sorted((ROOT / "linkprospector" / "demo" / "webs").rglob("*.html")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8", errors="replace")
    for module_name in PAGE_MODULES:
        module = importlib.import_module(f"tests.{module_name}")
        for attr, value in vars(module).items():
            values = value if isinstance(value, list | tuple) else [value]
            for index, item in enumerate(values):
                text = item[-1] if isinstance(item, tuple) and item else item
                if isinstance(text, str) and "<html" in text.lower():
                    suffix = f"[{index}]" if values is value else ""
                    yield f"tests/{module_name}.py {attr}{suffix}", text
    from tests.adversarial_pages import ADVERSARIAL_PAGES

    for name, make in ADVERSARIAL_PAGES:
        page = make()
        text = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
        yield f"tests/adversarial_pages.py {name} ({len(text) / 1e6:.2f} MB)", text


def _score(html: str) -> object:
    root = parse_html(html)
    links = extract_links(root, URL).links
    return score_resource_page(resource_features(root, URL, links, "bench.test"))


FUNCTIONS: dict[str, Callable[[str], object]] = {
    "parse_html": parse_html,
    "extract_links (with parsing)": lambda html: extract_links(html, URL),
    "resource score (with parsing)": _score,
    "extract_contacts (with parsing)": lambda html: extract_contacts(html, URL, "bench.test"),
    "guest_post_verdict (with parsing)": lambda html: guest_post_verdict(parse_html(html)),
    "needs_rendering": lambda html: needs_rendering(html, 2, page_url=URL),
    "soft_404_signals": lambda html: soft_404_signals(URL, URL, html[: 64 * 1024]),
    "main_content_text": main_content_text,
    "parked_signature": lambda html: parked_signature(html, URL),
    "read_page (all steps, no budget)": lambda html: read_page(
        html, URL, budget_seconds=0, soft404_urls=[(URL, URL)]
    ),
}


def cpu(function: Callable[[str], object], html: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        extract._placement_from_names.cache_clear()  # each run reads the page afresh
        start = time.thread_time()
        function(html)
        best = min(best, time.thread_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=1, help="slowest pages shown per function")
    parser.add_argument("--runs", type=int, default=2, help="runs per page (the best counts)")
    args = parser.parse_args(argv)
    if args.top < 1 or args.runs < 1:
        parser.error("--top and --runs must be positive numbers")
    pages = list(corpus())
    print(f"page-reading benchmark: {len(pages)} pages, CPU ms (best of {args.runs})")
    budget = DEFAULTS.page_budget_ms
    over: list[tuple[float, str]] = []
    for label, function in FUNCTIONS.items():
        times = sorted(
            ((cpu(function, html, args.runs), name) for name, html in pages), reverse=True
        )
        print(f"\n{label}")
        for seconds, name in times[: args.top]:
            print(f"  {seconds * 1000:9.1f} ms  {name}")
        if label.startswith("read_page"):
            over = [(s, n) for s, n in times if s * 1000 > budget]
    print(f"\npages over the default budget ({budget:.0f} ms CPU) when every step runs:")
    for seconds, name in over or [(0.0, "none")]:
        print(f"  {seconds * 1000:9.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
