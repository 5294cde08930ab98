"""Spreadsheet safety for text that came from web pages: pure functions, no I/O.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can
be run as a formula by a spreadsheet program (CSV/formula injection). In CSV such text
is escaped with a leading apostrophe; in XLSX it is written as a string cell (never a
formula) with Excel's "quote prefix" flag. Every cell is cut to the spreadsheet limit.
"""

from __future__ import annotations

import re

#: Characters a cell of a CSV export may not start with (OWASP's list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Excel and LibreOffice refuse longer cell texts.
MAX_CELL_CHARS = 32_767
#: Control characters XML 1.0 (and so XLSX) cannot hold; tab, LF and CR are fine.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ESCAPE = "'"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet might read ``text`` as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def cell_text(value: object) -> str:
    """Any value as cell text: control characters XML cannot hold removed, cut to the limit."""
    text = "" if value is None else str(value)
    return _ILLEGAL_XML.sub("", text)[:MAX_CELL_CHARS]


def csv_cell(value: object) -> str:
    """Text safe for a CSV cell: formula-like text gets a leading apostrophe."""
    text = cell_text(value)
    if is_formula_like(text):
        text = (ESCAPE + text)[:MAX_CELL_CHARS]
    return text


def unescape_csv_cell(text: str) -> str:
    """Undo ``csv_cell``'s apostrophe (for reading an edited export back)."""
    if text.startswith(ESCAPE) and is_formula_like(text[1:]):
        return text[1:]
    return text
