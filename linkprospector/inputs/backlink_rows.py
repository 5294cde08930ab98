"""One row of a backlink export as a claim about a link to the site: the row's cells
read through its layout's columns (``backlink_formats.py``), values parsed
(``backlink_values.py``). Pure; exports repeat dates, targets and hosts on many rows, so
those are remembered rather than parsed again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from linkprospector.inputs.backlink_formats import Layout, column
from linkprospector.inputs.backlink_values import (
    parse_count,
    parse_date,
    parse_flag,
    parse_number,
    rel_flags,
)
from linkprospector.reading.urls import normalize_url, registrable_domain

URL_LIST = Layout("url_list", "a list of referring page URLs", (), ())
URL_LIST_HEADED = Layout(
    "url_list", "a list of referring page URLs (its heading not recognised)", (), ()
)


@dataclass(slots=True)
class Claim:
    """What one row of an export says about a link to the site."""

    line: int  # the row's line in its file (its row in a sheet)
    source_url: str  # the referring page; "" for a site-level row
    domain: str  # the referring page's (or site's) registrable domain
    target_url: str = ""  # my URL it links to, when the export says
    anchor: str = ""
    rel: str | None = None  # "nofollow sponsored ugc" as far as said; None: not said
    first_seen: str = ""  # YYYY-MM-DD
    last_seen: str = ""
    authority: float | None = None  # the tool's domain metric (DR, Authority Score, DA, TF)
    page_authority: float | None = None  # UR, Page Authority, Citation Flow
    traffic: float | None = None
    linking_pages: int | None = None  # site-level rows
    target_pages: int | None = None


FIELDS = ("source", "target", "anchor", "nofollow", "ugc", "sponsored", "rel_text",
          "first_seen", "last_seen", "authority", "page_authority", "traffic")  # fmt: skip


def columns_of(layout: Layout, header: list[str]) -> dict[str, int]:
    """Where each field of the layout is in this header (fields it lacks are left out)."""
    found = {name: column(header, getattr(layout, name)) for name in FIELDS}
    for number, names in enumerate(layout.counts):
        found[f"count{number}"] = column(header, names)
    return {name: index for name, index in found.items() if index is not None}


def to_claim(
    layout: Layout, where: dict[str, int], cells: list[Any], line: int, day_first: bool = False
) -> Claim | None:
    """One row as a claim (None: no usable URL); ``where`` from ``columns_of``."""

    def cell(name: str) -> Any:
        index = where.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    if layout in (URL_LIST, URL_LIST_HEADED):
        raw = str(cells[0] if cells else "").strip().split(" ")[0].strip('",;')
        url = _url(raw) if looks_like_url(raw) else None
        last = _date(str(cells[1]), day_first) if len(cells) > 1 else ""
        return Claim(line, url, _domain(url), last_seen=last) if url else None
    raw = str(cell("source") or "").strip()
    if layout.kind == "sites":
        host = urlsplit(raw if "://" in raw else f"http://{raw}").hostname or ""
        domain = _host_domain(host) if "." in host else ""
        if not domain:
            return None
        pages, targets = parse_count(cell("count0")), parse_count(cell("count1"))
        return Claim(line, "", domain, linking_pages=pages, target_pages=targets)
    url = _url(raw) if raw else None
    if url is None:
        return None
    flags = {f for f in ("nofollow", "ugc", "sponsored") if parse_flag(cell(f)) is True}
    flags |= rel_flags(cell("rel_text"))
    said = any(f in where for f in ("nofollow", "ugc", "sponsored", "rel_text"))
    target = str(cell("target") or "").strip()
    return Claim(
        line, url, _domain(url),
        target_url=(_url(target) or "") if target else "",
        anchor=anchor_text(cell("anchor")),
        rel=" ".join(sorted(flags)) if said else None,
        first_seen=_date(cell("first_seen"), day_first),
        last_seen=_date(cell("last_seen"), day_first),
        authority=parse_number(cell("authority")),
        page_authority=parse_number(cell("page_authority")),
        traffic=parse_number(cell("traffic")),
    )  # fmt: skip


_BREAKS = re.compile(r"[ \t\r\n]+")


def anchor_text(value: Any) -> str:
    """An anchor as the export wrote it, runs of spaces and line breaks (\\r, \\n, tab) made
    one space; other characters, U+2028 included, stay as they are."""
    return _BREAKS.sub(" ", str(value or "")).strip()


# Exports repeat the same dates, targets and hosts on many rows: remembered, not redone.
@lru_cache(maxsize=8192)
def _url(raw: str) -> str | None:
    return normalize_url(raw)


@lru_cache(maxsize=8192)
def _host_domain(host: str) -> str:
    return registrable_domain(host)


def _date(value: Any, day_first: bool) -> str:
    return _cached_date(value, day_first) if isinstance(value, str) else parse_date(value)


@lru_cache(maxsize=4096)
def _cached_date(value: str, day_first: bool) -> str:
    return parse_date(value, day_first)


def _domain(url: str | None) -> str:
    return _host_domain(urlsplit(url).hostname or "") if url else ""


def looks_like_url(text: str) -> bool:
    return text.strip().strip('"').lower().startswith(("http://", "https://"))
