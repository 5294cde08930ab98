"""Backlink exports in, claims out, streamed: a file of any size is read row by row (CSV
or TSV in UTF-8 or UTF-16, a ZIP of them, an .xlsx workbook read with openpyxl's read-only
mode), so memory stays flat. Layouts are in ``backlink_formats.py``, a row read as a claim
in ``backlink_rows.py``, cell values in ``backlink_values.py``. Rows on the user's own
domain are skipped and counted; site-level rows ("Top linking sites") are claims about a
referring domain, not a page. Errors are one line (``InputError``).
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from linkprospector.inputs.backlink_formats import ACCEPTED, Layout, find_layout
from linkprospector.inputs.backlink_formats import header_key as key
from linkprospector.inputs.backlink_rows import (
    URL_LIST,
    URL_LIST_HEADED,
    Claim,
    columns_of,
    looks_like_url,
    to_claim,
)
from linkprospector.inputs.spider_args import ArgumentError

LISTED = (".csv", ".tsv", ".txt", ".xlsx")
SNIFF_ROWS = 200  # rows read before a crawl starts, to refuse an internal-links export


class InputError(ArgumentError):
    """A backlink file that cannot be read; the message is one line."""


@dataclass
class Table:
    """One table of an export (the file, a ZIP member or a sheet), read lazily."""

    name: str
    layout: Layout
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    day_first: bool = False
    skipped: int = 0  # rows without a usable URL
    own: int = 0  # rows on the user's own domain
    close: Callable[[], None] = lambda: None  # the text stream it reads, once done

    @property
    def kind(self) -> str:
        return self.layout.kind

    def claims(self, site: str) -> Iterator[Claim]:
        """The table's claims; own-domain and unusable rows are counted, not yielded."""
        where = columns_of(self.layout, self.header)
        for line, cells in self.rows:
            claim = to_claim(self.layout, where, cells, line, self.day_first)
            if claim is None:
                self.skipped += any(str(c or "").strip() for c in cells)
            elif claim.domain == site:
                self.own += 1
            else:
                yield claim


def check_export(path: str | Path, site: str) -> list[str]:
    """Before a crawl: what each table of the export is (InputError when none can be read).

    The first rows of each table are read too: a table whose rows are all pages of ``site``
    is an internal-links export (Search Console's "Your pages linking to this page" has the
    same "Linking page" column as "More sample links") and is refused."""
    found: list[str] = []
    usable = skipped = 0
    tables = read_tables(path)
    try:
        for table in tables:
            claims = list(islice(table.claims(site), SNIFF_ROWS))
            usable, skipped = usable + len(claims), skipped + table.skipped
            if table.own and not claims and table.skipped < SNIFF_ROWS:
                what = (
                    'Search Console\'s internal links ("Your pages linking to this page")'
                    if table.layout.name.startswith("search_console")
                    else "a list of internal links"
                )
                raise InputError(
                    f"{table.name} is {what}: every row is a page of {site}, none is a backlink"
                )
            found.append(f"{table.name}: {table.layout.label}")
    finally:
        tables.close()
    if not usable:
        unusable = f" ({skipped} row(s) without a usable URL)" if skipped else ""
        raise InputError(f"{Path(path).name} lists no referring page or site{unusable}")
    return found


# -- opening files ------------------------------------------------------------------------


def read_tables(path: str | Path) -> Iterator[Table]:
    """The tables of an export file, opened one at a time (InputError when none is one)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise InputError(f"cannot read links file {path}: {exc.strerror or exc}") from None
    if not head:
        raise InputError(f"{path.name} is empty")
    if head == b"PK\x03\x04":
        yield from _zip_tables(path)
        return
    with path.open("rb") as handle:
        table = _text_table(handle, path.name)
        if isinstance(table, str):
            raise InputError(f"{path.name} {table}")
        try:
            yield table
        finally:
            table.close()


def _zip_tables(path: Path) -> Iterator[Table]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(f"{path.name} is not a readable ZIP file or .xlsx workbook") from None
    with archive:
        if "xl/workbook.xml" in archive.namelist():
            yield from _xlsx_tables(path, path.name, in_zip=False)
            return
        seen: list[str] = []
        found = 0
        for info in archive.infolist():
            lower = info.filename.lower()
            if info.is_dir() or not lower.endswith(LISTED):
                continue
            label = f"{path.name}:{info.filename}"
            with archive.open(info) as member:
                if lower.endswith(".xlsx"):
                    tables: Iterator[Table | str] = _xlsx_tables(member, label, in_zip=True)
                else:
                    tables = iter([_text_table(member, label)])
                for table in tables:
                    if isinstance(table, str):
                        seen.append(f"{info.filename} {table}")
                        continue
                    found += 1
                    try:
                        yield table
                    finally:
                        table.close()
        if not found:
            what = "; ".join(seen)[:300] or "no CSV, TSV or .xlsx file"
            raise InputError(f"{path.name}: nothing in the ZIP lists backlinks ({what}); "
                             f"accepted: {ACCEPTED}")  # fmt: skip


def _xlsx_tables(source: Any, label: str, in_zip: bool) -> Iterator[Table | str]:
    """The sheets that list backlinks; in a ZIP, a workbook without one is a message."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        why = " ".join(str(exc).split())[:200]
        raise InputError(f"{label} is not a readable .xlsx workbook ({why})") from None
    found = 0
    problems: list[str] = []
    try:
        for sheet in book.worksheets:
            rows = enumerate(sheet.iter_rows(values_only=True), 1)
            first = next(((n, r) for n, r in rows if any(c not in (None, "") for c in r)), None)
            if first is None:
                continue
            cells = ((n, [_cell(c) for c in r]) for n, r in rows)
            table = _table(f"{label}:{sheet.title}", [_cell(c) for c in first[1]], cells)
            if isinstance(table, str):
                problems.append(f"sheet {sheet.title} {table}")
                continue
            found += 1
            yield table
    finally:
        book.close()
    if not found:
        what = "; ".join(problems)[:300] or "has no sheet with rows"
        if not in_zip:
            raise InputError(f"{label}: {what}")
        yield what


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if value is not None else ""


def _text_table(binary: IO[bytes], name: str) -> Table | str:
    head = binary.peek(512)[:512] if hasattr(binary, "peek") else b""
    lines = _decoded(binary, _encoding(head), name)
    number, first = 0, ""
    for number, first in enumerate(lines, 1):  # noqa: B007 - the header's line is kept
        if first.strip():
            break
    if not first.strip():
        binary.close()
        raise InputError(f"{name} is empty")
    delimiter = max(("\t", ";", ","), key=first.count)
    if looks_like_url(first) and not first.count(delimiter):
        rows = csv.reader(chain([first], lines), delimiter=delimiter)
        return Table(name, URL_LIST, [], _numbered(rows, number - 1), close=binary.close)
    try:
        header = next(csv.reader([first], delimiter=delimiter))
    except csv.Error:
        header = [first]
    table = _table(name, header, _numbered(csv.reader(lines, delimiter=delimiter), number))
    if isinstance(table, Table):
        table.close = binary.close
    else:
        binary.close()
    return table


def _table(name: str, header: list[Any], rows: Iterator) -> Table | str:
    """The table a header row starts, or what is wrong with it (to follow the file name)."""
    keys = [key(h) for h in header]
    found = find_layout(keys)
    if isinstance(found, str):
        return f"is {found}; it lists no referring pages"
    if found is None and keys in (["url"], ["urls"]):
        found = URL_LIST
    if found is None and 1 <= len([k for k in keys if k]) <= 2:
        # One or two columns, URLs in the first: Search Console's "Latest links" or "More
        # sample links" in a language whose headers are not listed, or a URL list with a
        # heading. Read as such rather than refused; the log names the layout.
        first = next(rows, None)
        if first is not None and looks_like_url(str(first[1][0] if first[1] else "")):
            return Table(name, URL_LIST_HEADED, keys, chain([first], rows))
    if found is None:
        shown = ", ".join(str(h).strip() for h in header if str(h).strip())[:200] or "none"
        return f"has columns not recognised ({shown}); accepted: {ACCEPTED}"
    # Search Console in other languages than English writes numeric dates day first.
    day_first = found.name.startswith("search_console") and "linking page" not in keys
    return Table(name, found, keys, rows, day_first=day_first)


def _numbered(reader: Any, offset: int) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on (a quoted cell may hold line breaks)."""
    previous = 0
    try:
        for row in reader:
            yield offset + previous + 1, row
            previous = reader.line_num
    except csv.Error as exc:
        raise InputError(f"line {offset + previous + 1} cannot be read as CSV ({exc})") from None


def _decoded(binary: IO[bytes], encoding: str, name: str) -> Iterator[str]:
    """The file's lines as text, broken at line feeds only (a U+2028 inside a quoted cell is
    a character, not a line break); a byte that is not UTF-8 is named by its line."""
    decoder = codecs.getincrementaldecoder(encoding)()
    if encoding.startswith("utf-16"):  # a line feed byte is not a line feed in UTF-16
        pending = ""
        try:
            while chunk := binary.read(1 << 16):
                *complete, pending = (pending + decoder.decode(chunk)).split("\n")
                yield from (line + "\n" for line in complete)
            pending += decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(f"{name} is not readable UTF-16 text") from None
        if pending:
            yield pending
        return
    for number, raw in enumerate(binary, 1):
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: line {number} is not UTF-8 or UTF-16 text "
                "(save it as CSV UTF-8 and try again)"
            ) from None


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in head[:200]:  # UTF-16 without a byte-order mark
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    return "utf-8"
