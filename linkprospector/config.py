"""linkprospector's own settings, read once into a small typed config.

Each default is declared here and only here. ``settings.py`` publishes them to Scrapy as
``LINKPROSPECTOR_*`` settings (so ``-s LINKPROSPECTOR_X=...`` and the nightly config's
``[settings]`` override them); crawl components ask :meth:`Config.of` (read once per
crawler, as scrapy-playwright's ``Config.from_settings`` does); the CLI asks
:meth:`Config.from_env`, which reads the same names from the environment.
"""

from __future__ import annotations

import os
import types
import typing
import weakref
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

PREFIX = "LINKPROSPECTOR_"


class ConfigError(ValueError):
    """A setting with a value of the wrong kind (the message is one line)."""


@dataclass(frozen=True)
class Config:
    # storage and network boundaries
    db: str = "output/linkprospector.db"
    allow_private: bool = False  # crawl private/loopback addresses (tests, the demo)
    allowed_networks: str = ""  # comma-separated CIDRs allowed although private
    host_map: Any = None  # {host: address}, or a JSON file of it, the resolver answers from
    # link checks
    check_method: str = "GET"  # or HEAD: HEAD first, GET when HEAD is refused
    checks: bool = True  # off: pages are crawled, their links stored, no target checked
    shards: int = 0  # PostgreSQL runs: shards of a run (0: four per worker core seen)
    host_state: str = ""  # JSON file of per-host back-off read at start, written at the end
    check_maxsize: int = 256 * 1024  # bytes of a checked body read at most
    check_timeout: float = 20.0  # seconds per check request
    check_retries: int = 2
    retry_backoff: float = 1.0
    retry_after_max: float = 30.0  # a longer Retry-After is capped to this
    max_redirects: int = 10
    host_timeouts_max: int = 2  # timeouts after which a host's other requests fail fast
    check_deadline: float = 60.0  # seconds per check, all retries/redirects/probes included
    # trustworthy verdicts on the hostile web
    hostile_checks: bool = True  # off: none of the hostile-web checks (to measure their cost)
    soft404_probe: bool = True  # probe suspicious hosts with a nonsense sibling URL
    confirm_bot_404: bool = True  # re-GET bot-filtered 404s with browser headers
    outage_guard: bool = True  # hold dns/refused verdicts until the network is proven up
    canary_url: str | None = None  # URLs that must always answer (default: well-known sites)
    outage_check_interval: float = 1.0  # seconds between health checks at most
    outage_check_timeout: float = 10.0
    outage_burst_hosts: int = 8  # network errors on this many hosts in a row: check now
    # the crawl itself
    progress_interval: float = 10.0  # seconds between progress lines
    progress_line: str = "auto"  # one updating status line: auto (on a terminal), on, off
    batch_size: int = 500  # rows written to SQLite per transaction
    now: str | None = None  # ISO time to use as "now" (tests simulate time with it)
    gc_threshold: str = "50000,20,10"  # gc.set_threshold during a crawl; "" = defaults
    # JavaScript rendering (scrapy-playwright + Chromium)
    browser: str | None = None  # path or name of Chromium/Chrome; default: found on PATH
    render_domains: str = ""  # comma-separated domains always rendered
    render_timeout: float = 30.0  # seconds per rendered page
    render_concurrency: int = 4  # browser pages open at once per context
    # outreach
    contact_pages_per_site: int = 3  # contact/about pages visited per prospect site
    contacted_days: int = 30  # exports leave out sites contacted this recently
    # nightly runs (recheck policy, confirmation)
    recheck_live_days: float = 7.0  # live targets are checked again after this
    recheck_failed_days: float = 1.0  # dead/blocked/unknown targets after this
    recrawl_pages_days: float = 1.0  # a crawled page is fetched again after this
    confirm_hours: float = 20.0  # two failures this far apart confirm a dead link
    # keyword discovery through a search provider
    search: str = ""  # "searxng" or "brave" (Brave's key: the BRAVE_API_KEY environment variable)
    searxng_url: str = ""  # base URL of a SearXNG instance, e.g. http://localhost:8888
    brave_url: str = "https://api.search.brave.com/res/v1/web/search"
    search_pages: int = 2  # result pages asked for per query
    search_window_days: float = 7.0  # a search made this recently is not made again
    search_seeds_per_site: int = 2  # seeds taken from one registrable domain at most
    search_resource_footprints: str = ""  # one per line; "" = the built-in ones
    search_guest_footprints: str = ""  # one per line; "" = the built-in ones
    # toxic-link signals of the backlinks crawl
    spam_tlds: str = ""  # comma-separated TLDs counted as spam-prone; "" = the built-in list
    toxic_farm_domains: int = 100  # a page linking to this many other domains, little text
    toxic_anchor_domains: int = 10  # one exact anchor on this many referring domains
    # no page may stall the crawl
    page_budget_ms: float = 300.0  # CPU for reading one page; over it, optional steps skipped
    page_threads: int = 2  # threads that read pages off the reactor; 0 = on the reactor
    stall_seconds: float = 5.0  # reactor blocked this long: logged with what was running
    # prospects ranked by one score; outreach hygiene
    relevance_min: float = 0.05  # with a niche, less relevant prospects are hidden
    score_weight_relevance: float = 0.35  # the prospect score's weights (normalised)
    score_weight_authority: float = 0.2
    score_weight_dead_links: float = 0.15
    score_weight_resource: float = 0.15
    score_weight_contact: float = 0.1
    score_weight_freshness: float = 0.05
    domain_rank_weight: float = 0.3  # share of a loaded domain-rank file in authority
    dnc_file: str = ""  # do-not-contact list; "" = do-not-contact.txt beside the database
    # from a dead link to a pitch (Wayback lookups, replacements, pitch drafts)
    wayback: bool = True  # look dead pages up in the Wayback Machine (off: never asked)
    wayback_url: str = "https://web.archive.org"  # the archive's base URL (CDX, availability)
    wayback_delay: float = 1.0  # seconds between two requests to the archive at least
    pitch_min_score: float = 1.5  # BM25 score below which no page is a good replacement
    pitch_template: str = ""  # a pitch template file; "" = the built-in one

    @classmethod
    def from_settings(cls, settings: Any) -> Config:
        """Read Scrapy settings (or any object with ``.get(name, default)``)."""
        return cls(
            **{
                f.name: _coerce(setting_name(f.name), settings.get(setting_name(f.name), f.default))
                for f in fields(cls)
            }
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        """The defaults, overridden by ``LINKPROSPECTOR_*`` environment variables."""
        return cls.from_settings(os.environ if environ is None else environ)

    @classmethod
    def of(cls, crawler: Any) -> Config:
        """The crawler's config, read from its settings the first time it is asked for."""
        config = _BY_CRAWLER.get(crawler)
        if config is None:
            config = _BY_CRAWLER[crawler] = cls.from_settings(crawler.settings)
        return config

    def as_settings(self) -> dict[str, Any]:
        """``{"LINKPROSPECTOR_DB": ..., ...}``: what settings.py publishes to Scrapy."""
        return {setting_name(name): value for name, value in asdict(self).items()}


def setting_name(field_name: str) -> str:
    return PREFIX + field_name.upper()


_HINTS = typing.get_type_hints(Config)
_BY_CRAWLER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
DEFAULTS = Config()


def _coerce(name: str, value: Any) -> Any:
    hint = _HINTS[name.removeprefix(PREFIX).lower()]
    if hint is Any:
        return value
    optional = isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)
    if optional:
        if value is None or value == "":
            return None
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if hint is bool:
        return _boolean(name, value)
    if hint in (int, float):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name} must be a number, got {value!r}") from None
        if hint is int:
            if not number.is_integer():
                raise ConfigError(f"setting {name} must be a whole number, got {value!r}")
            return int(number)
        return number
    return "" if value is None else str(value)


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"setting {name} must be true or false, got {value!r}")
