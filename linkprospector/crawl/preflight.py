"""Checks run before a crawl starts, so bad input is one line, not a traceback."""

from __future__ import annotations

import json
from typing import Any

from linkprospector.config import Config, ConfigError
from linkprospector.crawl.browser import preflight_problem as rendering_preflight
from linkprospector.crawl.gctune import parse_threshold
from linkprospector.crawl.netguard import parse_networks
from linkprospector.crawl.progress import LINE_MODES
from linkprospector.crawl.resolver import load_host_map
from linkprospector.judge.network_health import parse_canary_urls
from linkprospector.reading.niche_args import parse_niche
from linkprospector.reading.spider_args import ArgumentError
from linkprospector.store.pg_store import is_postgres_url
from linkprospector.store.storage import StoreError, check_writable


def crawl_problem(spidercls: type, spider_args: dict[str, Any], settings: Any) -> str | None:
    """One line describing why this crawl cannot start, or None."""
    parse = getattr(spidercls, "parse_arguments", None)
    try:
        if parse is not None:
            parse(**spider_args)
        parse_niche(spider_args.get("niche"))  # any spider may be given the niche
        config = Config.from_settings(settings)  # a value of the wrong kind: ConfigError
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
        settings_problem = getattr(spidercls, "settings_problem", None)  # issue 14
        if settings_problem is not None and settings_problem(spider_args, config):
            return settings_problem(spider_args, config)
        browser_missing = rendering_preflight(spider_args, config)  # issue 6
        if browser_missing:
            return browser_missing
    except (ArgumentError, ConfigError) as exc:
        return str(exc)
    except StoreError as exc:
        return str(exc)
    except (OSError, json.JSONDecodeError) as exc:
        return f"cannot read LINKPROSPECTOR_HOST_MAP: {exc}"
    except ValueError as exc:
        return f"bad LINKPROSPECTOR_ALLOWED_NETWORKS: {exc}"
    return None
