"""The niche as the user gives it (``-a niche=…``, the nightly ``[niche]`` table,
``linkprospector niche set``): keywords and URLs of the user's own pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from linkprospector.inputs.spider_args import ArgumentError
from linkprospector.reading.urls import normalize_url


@dataclass(frozen=True)
class NicheArgs:
    keywords: tuple[str, ...]
    pages: tuple[str, ...]


def split_niche(items: list[str]) -> NicheArgs:
    """Keywords and page URLs from a list of items (URLs are the items with ``://``)."""
    keywords: list[str] = []
    pages: list[str] = []
    for raw in items:
        item = " ".join(raw.split())
        if not item or item.startswith("#"):
            continue
        if "://" in item:
            url = normalize_url(item)
            if url is None:
                raise ArgumentError(f"niche: not a page URL: {item[:100]!r}")
            if url not in pages:
                pages.append(url)
        elif item not in keywords:
            keywords.append(item)
    if not keywords and not pages:
        raise ArgumentError("niche is empty: give keywords and/or URLs of your own pages")
    return NicheArgs(tuple(keywords), tuple(pages))


def parse_niche(value: str | None) -> NicheArgs | None:
    """``-a niche=`` as given: comma-separated keywords and URLs, or a file with one a
    line (``#`` comments); None when not given."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    path = Path(value).expanduser()
    if "," not in value and "://" not in value and path.is_file():
        try:
            items = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise ArgumentError(f"cannot read niche file {path}: {exc.strerror or exc}") from None
    else:
        items = value.split(",")
    return split_niche(items)
