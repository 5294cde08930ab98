"""Spider arguments as typed, frozen values: one class per spider, parsed once.

The preflight (``crawl/preflight.py``) asks the spider class to parse its ``-a`` arguments
(``parse_arguments``), turns a bad value into one line, and hands the parsed value to the
spider (``params=``); a spider built without one (a test, a bare ``Spider(seeds=…)``)
parses its keyword arguments itself, the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linkprospector.inputs.spider_args import (
    ArgumentError,
    SeedList,
    load_seeds,
    parse_choice,
    parse_count,
    parse_positive_int,
)
from linkprospector.reading.rendering import RENDER_MODES, parse_domains
from linkprospector.reading.urls import normalize_url, site_of

RECHECK = ("due", "all")
MY_SITE_MAX_PAGES = 300


def parse_site_url(name: str, value: object) -> str | None:
    """The user's site as an http(s) URL, or a one-line ArgumentError."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    url = normalize_url(text if "://" in text else f"https://{text}")
    if url is None or not site_of(url) or "." not in site_of(url):
        raise ArgumentError(f"{name} must be your site's URL (https://example.com/), got {text!r}")
    return url


@dataclass(frozen=True)
class MySiteParams:
    """The user's own site, read for replacement pages: its ``url`` (``-a mysite=`` on
    ``resource_pages``, ``-a site=`` on ``my_site``; None: not read) and ``max_pages``
    (``-a mysite_pages=``)."""

    url: str | None = None
    max_pages: int = MY_SITE_MAX_PAGES

    @classmethod
    def parse(cls, kwargs: dict[str, Any], name: str = "mysite") -> MySiteParams:
        """From ``-a`` arguments (the site under ``name``); ArgumentError if bad."""
        return MySiteParams(
            url=parse_site_url(name, kwargs.get(name)),
            max_pages=parse_positive_int(
                "mysite_pages", kwargs.get("mysite_pages"), MY_SITE_MAX_PAGES
            ),
        )


@dataclass(frozen=True)
class CrawlParams:
    """What every page crawl takes: ``seeds``, ``max_pages`` (per site), ``depth`` (0: the
    seed pages only), ``render``, ``render_domains``, ``recheck``."""

    seeds: SeedList
    max_pages: int
    depth: int
    render: str = "auto"
    render_domains: tuple[str, ...] = ()
    recheck: str = "due"

    @classmethod
    def parse(
        cls, kwargs: dict[str, Any], max_pages: int, depth: int, seeds: SeedList | None = None
    ) -> CrawlParams:
        """From ``-a`` arguments (``seeds`` given: already parsed); ArgumentError if bad."""
        return CrawlParams(
            seeds=seeds if seeds is not None else load_seeds(kwargs.get("seeds")),
            max_pages=parse_positive_int("max_pages", kwargs.get("max_pages"), max_pages),
            depth=parse_count("depth", kwargs.get("depth"), depth),
            render=parse_choice("render", kwargs.get("render"), RENDER_MODES, "auto"),
            render_domains=parse_domains(kwargs.get("render_domains")),
            recheck=parse_choice("recheck", kwargs.get("recheck"), RECHECK, "due"),
        )


@dataclass(frozen=True)
class CheckTargetsParams(CrawlParams):
    """``check_targets``: the link targets to check (``targets``, a file of URLs, read
    once); no page is crawled."""

    targets: tuple[str, ...] = ()

    @classmethod
    def parse_targets(
        cls, kwargs: dict[str, Any], max_pages: int, depth: int
    ) -> CheckTargetsParams:
        crawl = CrawlParams.parse(kwargs, max_pages, depth, seeds=SeedList())
        return CheckTargetsParams(**vars(crawl), targets=tuple(read_targets(kwargs.get("targets"))))


def read_targets(value: object) -> list[str]:
    """The http(s) URLs of a targets file, one per line; ArgumentError if unreadable."""
    if not value:
        raise ArgumentError("missing targets: use -a targets=FILE (one URL per line)")
    path = Path(str(value))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ArgumentError(f"cannot read targets file {path}: {exc.strerror or exc}") from None
    return [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]


@dataclass(frozen=True)
class ResourcePagesParams(CrawlParams):
    """``resource_pages``: a page crawl whose seeds may come from ``keywords`` searched
    through a provider (``research``, ``search_depth``; ``mine`` and ``exclude`` never
    become seeds)."""

    keywords: tuple[str, ...] = ()
    research: str = "due"
    search_depth: int = 1
    mine: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    my_site: MySiteParams = MySiteParams()  # -a mysite=, -a mysite_pages=


@dataclass(frozen=True)
class CompetitorsParams(CrawlParams):
    """``competitors``: a page crawl of the ``domains`` given (``seeds`` is an alias)."""


@dataclass(frozen=True)
class BacklinksParams:
    """``backlinks``: whose links (``site``) and the export to import (``links``: its
    layout and first rows checked by the preflight; ``start`` streams the rest)."""

    site: str
    links: Path
