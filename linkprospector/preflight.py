"""Checks run before a crawl starts, so bad input is one line, not a traceback."""

from __future__ import annotations

import json
from typing import Any

from linkprospector.browser import preflight_problem as rendering_preflight
from linkprospector.gctune import parse_threshold
from linkprospector.netguard import parse_networks
from linkprospector.network_health import parse_canary_urls
from linkprospector.resolver import load_host_map
from linkprospector.spider_args import ArgumentError
from linkprospector.storage import StoreError, check_writable

NUMERIC_SETTINGS = (
    "LINKPROSPECTOR_CHECK_MAXSIZE",
    "LINKPROSPECTOR_CHECK_TIMEOUT",
    "LINKPROSPECTOR_CHECK_RETRIES",
    "LINKPROSPECTOR_RETRY_BACKOFF",
    "LINKPROSPECTOR_RETRY_AFTER_MAX",
    "LINKPROSPECTOR_MAX_REDIRECTS",
    "LINKPROSPECTOR_PROGRESS_INTERVAL",
    "LINKPROSPECTOR_BATCH_SIZE",
    "LINKPROSPECTOR_RENDER_TIMEOUT",  # issue 6
    "LINKPROSPECTOR_RENDER_CONCURRENCY",  # issue 6
)


def crawl_problem(spidercls: type, spider_args: dict[str, Any], settings: Any) -> str | None:
    """One line describing why this crawl cannot start, or None."""
    parse = getattr(spidercls, "parse_arguments", None)
    try:
        if parse is not None:
            parse(**spider_args)
        for name in NUMERIC_SETTINGS:
            value = settings.get(name)
            try:
                float(value)
            except (TypeError, ValueError):
                return f"setting {name} must be a number, got {value!r}"
        try:
            parse_threshold(settings.get("LINKPROSPECTOR_GC_THRESHOLD"))
        except ValueError as exc:
            return str(exc)
        try:
            parse_canary_urls(settings.get("LINKPROSPECTOR_CANARY_URL"))
        except ValueError as exc:
            return f"bad LINKPROSPECTOR_CANARY_URL: {exc}"
        parse_networks(settings.get("LINKPROSPECTOR_ALLOWED_NETWORKS"))
        load_host_map(settings.get("LINKPROSPECTOR_HOST_MAP"))
        check_writable(settings.get("LINKPROSPECTOR_DB"))
        browser_missing = rendering_preflight(spider_args, settings)  # issue 6
        if browser_missing:
            return browser_missing
    except ArgumentError as exc:
        return str(exc)
    except StoreError as exc:
        return str(exc)
    except (OSError, json.JSONDecodeError) as exc:
        return f"cannot read LINKPROSPECTOR_HOST_MAP: {exc}"
    except ValueError as exc:
        return f"bad LINKPROSPECTOR_ALLOWED_NETWORKS: {exc}"
    return None
