"""Checks run before a crawl starts, so bad input is one line, not a traceback."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from linkprospector.config import Config, ConfigError
from linkprospector.crawl.browser import preflight_problem as rendering_preflight
from linkprospector.crawl.gctune import parse_threshold
from linkprospector.crawl.netguard import parse_networks
from linkprospector.crawl.progress import LINE_MODES
from linkprospector.crawl.resolver import load_host_map
from linkprospector.inputs.niche_args import parse_niche
from linkprospector.inputs.spider_args import ArgumentError
from linkprospector.judge.network_health import parse_canary_urls
from linkprospector.store.pg_store import is_postgres_url
from linkprospector.store.storage import StoreError, check_writable


@dataclass(frozen=True)
class Preflight:
    """A crawl checked before it starts: the spider's parsed arguments, or the problem."""

    params: Any = None  # the spider's typed arguments (its parse_arguments' value)
    problem: str | None = None

    @property
    def spider_kwargs(self) -> dict[str, Any]:
        """What the spider is built with: its parsed arguments, never parsed again."""
        return {} if self.params is None else {"params": self.params}


def preflight(spidercls: type, spider_args: dict[str, Any], settings: Any) -> Preflight:
    """Parse the spider's arguments once and check the settings, the database and the
    browser; a bad value is one line in ``problem``."""
    parse = getattr(spidercls, "parse_arguments", None)
    try:
        params = parse(**spider_args) if parse is not None else None
        parse_niche(spider_args.get("niche"))  # any spider may be given the niche
        config = Config.from_settings(settings)  # a value of the wrong kind: ConfigError
        problem = _settings_problem(config) or _spider_problem(spidercls, params, config)
    except (ArgumentError, ConfigError) as exc:
        return Preflight(problem=str(exc))
    except StoreError as exc:
        return Preflight(problem=str(exc))
    except (OSError, json.JSONDecodeError) as exc:
        return Preflight(problem=f"cannot read LINKPROSPECTOR_HOST_MAP: {exc}")
    except ValueError as exc:
        return Preflight(problem=f"bad LINKPROSPECTOR_ALLOWED_NETWORKS: {exc}")
    return Preflight(None, problem) if problem else Preflight(params)


def crawl_problem(spidercls: type, spider_args: dict[str, Any], settings: Any) -> str | None:
    """One line describing why this crawl cannot start, or None."""
    return preflight(spidercls, spider_args, settings).problem


def _settings_problem(config: Config) -> str | None:
    if config.progress_line not in LINE_MODES:
        return (
            f"setting LINKPROSPECTOR_PROGRESS_LINE must be one of {', '.join(LINE_MODES)}, "
            f"got {config.progress_line!r}"
        )
    try:
        parse_threshold(config.gc_threshold)
    except ValueError as exc:
        return str(exc)
    try:
        parse_canary_urls(config.canary_url)
    except ValueError as exc:
        return f"bad LINKPROSPECTOR_CANARY_URL: {exc}"
    parse_networks(config.allowed_networks)
    load_host_map(config.host_map)
    if not is_postgres_url(config.db):  # a PostgreSQL run is checked by its store
        check_writable(config.db)
    return None


def _spider_problem(spidercls: type, params: Any, config: Config) -> str | None:
    """What the spider itself says (search providers), then the browser it may need."""
    settings_problem = getattr(spidercls, "settings_problem", None)
    if settings_problem is not None:
        problem = settings_problem(params, config)
        if problem:
            return problem
    render, domains = getattr(params, "render", "auto"), getattr(params, "render_domains", ())
    return rendering_preflight(render, domains, config) or None
