"""The bundled sample niche web (home gardening) for the offline demo and tests.

Three seed sites with resource pages, a links page, blogs and nav/footer links, linking
out to target sites that cover every case of the verdict table in DESIGN.md. The web is
data: ``webs/gardening/web.toml`` (sites, routes, statuses, redirects) and the HTML files
beside it; ``webs/gardening/expectations.toml`` says which verdict and reason a correct
check of each outbound target reaches::

    sites, kwargs = demo_sites()
    with LocalWeb(sites, **kwargs) as web:
        ...crawl demo_seeds() with web.host_map...

All URLs are plain ``http://`` on ``.test`` hosts; the host map sends them to loopback.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from linkprospector.demo.web_data import load_web
from linkprospector.demo.web_model import Site

__all__ = ["demo_expectations", "demo_seeds", "demo_sites", "TARGETS"]


@dataclass(frozen=True)
class Target:
    """One outbound URL linked from the seed sites and the verdict a check should reach."""

    url: str
    verdict: str
    reason: str
    case: str  # which verdict-table case it stands for


def _targets() -> list[Target]:
    text = resources.files("linkprospector.demo").joinpath("webs", "gardening", "expectations.toml")
    return [Target(**t) for t in tomllib.loads(text.read_text(encoding="utf-8"))["target"]]


TARGETS: list[Target] = _targets()

# Linked only from /private/ (disallowed by robots.txt): a crawler that obeys robots.txt
# never sees it, so it must never be checked.
ROBOTS_ONLY_TARGET = "http://secret-supplier.test/wholesale-price-list"


#: A link the demo's second night finds new on Urban Veggie Patch's links page. Its target
#: 404s, so the demo's workbook shows a suspected (checked once) row beside the confirmed.
TONIGHT_TARGET = Target(
    "http://wormfarmguide.test/getting-started", "dead", "http_404", "new tonight, 404"
)
TONIGHT_PAGE = "/links.html"


def add_tonights_link(web: Any) -> None:
    """Change the running demo web as a site owner would between two nights."""
    site = web.site("urbanveggiepatch.test")
    route = site.routes[TONIGHT_PAGE]
    item = f'<li><a href="{TONIGHT_TARGET.url}">Worm farm guide</a> - getting started</li>\n'
    head, _, tail = route.body.rpartition("</ul>")
    site.routes[TONIGHT_PAGE] = replace(route, body=f"{head}{item}</ul>{tail}")


def demo_sites() -> tuple[list[Site], dict]:
    """The sample gardening web: (sites, keyword arguments for ``LocalWeb``)."""
    return load_web("gardening")


def demo_seeds() -> list[str]:
    """Seed URLs of the demo crawl: the home pages of the three seed sites."""
    return [
        "http://greenthumbguide.test/",
        "http://urbanveggiepatch.test/",
        "http://seedsaverscircle.test/",
    ]


def demo_expectations(tonight: bool = False) -> dict[str, tuple[str, str]]:
    """Outbound target URL -> (verdict, reason) that a correct check should reach
    (``tonight``: after :func:`add_tonights_link`, as at the end of ``linkprospector demo``)."""
    targets = [*TARGETS, TONIGHT_TARGET] if tonight else TARGETS
    return {t.url: (t.verdict, t.reason) for t in targets}
