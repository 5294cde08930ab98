"""Backlink lists in, referring pages out (issue 13): Search Console's link exports (CSV or
the ZIP it downloads), Ahrefs and Semrush backlink exports, or a plain list of URLs.

Recognised by their columns, not their file names (exports are renamed and translated
file names are common); a UTF-8 or UTF-16 byte-order mark, ``;`` or tab delimiters and
thousands separators are handled. Pure: bytes in, rows out, one-line errors.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from linkprospector.reading.spider_args import ArgumentError
from linkprospector.reading.urls import normalize_url

#: Recognised formats: name -> (columns that must all be there, source, target, anchor).
FORMATS = {
    "ahrefs": ({"referring page url", "target url"}, "referring page url", "target url", "anchor"),
    "semrush": ({"source url", "target url"}, "source url", "target url", "anchor"),
    "search_console_links": ({"linking page", "last crawled"}, "linking page", None, None),
    "search_console_sample": ({"linking page"}, "linking page", None, None),
    "search_console_sites": ({"site", "linking pages", "target pages"}, "site", None, None),
}  # fmt: skip
ACCEPTED = (
    "Search Console (Linking page[, Last crawled] or Site, Linking pages, Target pages), "
    "Ahrefs (Referring page URL, Target URL, Anchor, Nofollow, UGC, Sponsored, ...), "
    "Semrush (Source url, Target url, Anchor, Nofollow, Sponsored, Ugc, ...), "
    "or one referring page URL per line"
)
TRUE = {"true", "yes", "1", "y", "x", "nofollow", "ugc", "sponsored"}


class InputError(ArgumentError):
    """A backlink file that cannot be read; the message is one line."""


@dataclass(frozen=True)
class BacklinkRow:
    source_url: str  # the referring page
    target_url: str = ""  # my URL it linked to, when the export says
    anchor: str = ""
    rel: str | None = None  # "nofollow sponsored ugc" as the export says; None: not said
    first_seen: str = ""
    last_seen: str = ""


@dataclass
class BacklinkInput:
    format: str
    rows: list[BacklinkRow]
    skipped: int = 0  # lines that were not usable URLs


def read_backlinks(data: bytes, name: str = "input") -> BacklinkInput:
    """Rows of a backlink export (``name`` is only for messages)."""
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, name)
    return read_text_export(decode(data, name), name)


def decode(data: bytes, name: str = "input") -> str:
    if not data.strip():
        raise InputError(f"{name} is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", "replace")
    if b"\x00" in data[:200]:  # UTF-16 without a byte-order mark
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            f"{name} is not UTF-8 or UTF-16 text (save it as CSV UTF-8 and try again)"
        ) from None


def read_text_export(text: str, name: str = "input") -> BacklinkInput:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(f"{name} is empty")
    delimiter = max(("\t", ";", ","), key=lambda d: lines[0].count(d))
    first = next(csv.reader([lines[0]], delimiter=delimiter))
    header = [h.strip().strip('"').strip().lower() for h in first]
    for fmt, (needed, source, target, anchor) in FORMATS.items():
        if needed <= set(header):
            return _rows(fmt, lines, delimiter, header, source, target, anchor)
    if _looks_like_url(lines[0]) or header in (["url"], ["urls"], ["linking page"]):
        return _plain_list(lines)
    shown = ", ".join(h for h in header if h)[:200] or "none"
    raise InputError(f"{name}: columns not recognised ({shown}); accepted: {ACCEPTED}")


def _rows(fmt, lines, delimiter, header, source, target, anchor) -> BacklinkInput:  # noqa: ANN001
    reader = csv.DictReader(
        io.StringIO("\n".join(lines[1:])), fieldnames=header, delimiter=delimiter
    )
    rows, skipped = [], 0
    rel_known = bool({"nofollow", "sponsored", "ugc"} & set(header))
    for record in reader:
        raw = (record.get(source) or "").strip()
        if fmt == "search_console_sites":
            raw = raw if "://" in raw else f"https://{raw}/"
        url = normalize_url(raw)
        if url is None:
            skipped += 1
            continue
        flags = [
            f
            for f in ("nofollow", "sponsored", "ugc")
            if (record.get(f) or "").strip().lower() in TRUE
        ]
        rows.append(
            BacklinkRow(
                source_url=url,
                target_url=normalize_url((record.get(target) or "").strip()) or ""
                if target
                else "",
                anchor=(record.get(anchor) or "").strip() if anchor else "",
                rel=" ".join(flags) if rel_known else None,
                first_seen=(record.get("first seen") or "").strip(),
                last_seen=(record.get("last seen") or record.get("last crawled") or "").strip(),
            )
        )
    return BacklinkInput(fmt, rows, skipped)


def _plain_list(lines: list[str]) -> BacklinkInput:
    rows, skipped = [], 0
    for line in lines:
        value = line.strip().split()[0].strip('",;')
        url = normalize_url(value) if _looks_like_url(value) else None
        if url is None:
            skipped += line.strip().lower() not in ("url", "urls", "linking page")
            continue
        rows.append(BacklinkRow(source_url=url))
    return BacklinkInput("url_list", rows, skipped)


def _read_zip(data: bytes, name: str) -> BacklinkInput:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{name} is not a readable ZIP file") from None
    found: list[BacklinkInput] = []
    for info in archive.infolist():
        wanted = info.filename.lower().endswith((".csv", ".tsv", ".txt"))
        if wanted and info.file_size < 50_000_000:
            try:
                found.append(read_backlinks(archive.read(info), f"{name}:{info.filename}"))
            except InputError:
                continue  # Search Console's ZIP holds a table of sites too: any readable one
    pages = [f for f in found if f.format != "search_console_sites"] or found
    if not pages:
        raise InputError(f"{name}: no CSV in the ZIP has recognised columns; accepted: {ACCEPTED}")
    rows = [row for f in pages for row in f.rows]
    return BacklinkInput(pages[0].format, rows, sum(f.skipped for f in pages))


def _looks_like_url(text: str) -> bool:
    return text.strip().strip('"').lower().startswith(("http://", "https://"))
