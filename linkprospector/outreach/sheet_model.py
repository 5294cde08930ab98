"""The workbook's sheets as data: a sheet is columns and rows (export builds them,
writers turn them into XLSX or CSV)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    header: str
    kind: str = "text"  # text | url | number | status
    width: int = 18  # characters at most (the column shrinks to its content)


@dataclass
class Sheet:
    """One sheet (or CSV file) of an export."""

    name: str
    filename: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
