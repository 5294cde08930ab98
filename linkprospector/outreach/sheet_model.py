"""The workbook's sheets as data: a sheet is columns and rows (export builds them,
writers turn them into XLSX or CSV). A column knows where its value comes from: a field
of a named row, or a function of the row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    header: str
    kind: str = "text"  # text | url | number | status
    width: int = 18  # characters at most (the column shrinks to its content)
    value: str | Callable[[Row], Any] | None = None  # a row's field, or a function of it

    def of(self, row: Row) -> Any:
        """This column's cell for ``row``."""
        if callable(self.value):
            return self.value(row)
        return row[self.value or self.header]


@dataclass
class Sheet:
    """One sheet (or CSV file) of an export."""

    name: str
    filename: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)

    def add(self, row: Row) -> None:
        """Append ``row``, each column taking its own value from it."""
        self.rows.append([column.of(row) for column in self.columns])


def sheet_of(name: str, filename: str, columns: list[Column], rows: Iterable[Row]) -> Sheet:
    """A sheet of ``rows`` (named rows: each column takes its value from them)."""
    sheet = Sheet(name, filename, columns)
    for row in rows:
        sheet.add(row)
    return sheet
