"""Writing sheets to files: an XLSX workbook (openpyxl) or one CSV file per sheet, every
text cell through ``spreadsheet_safety``."""

from __future__ import annotations

import csv
from pathlib import Path

from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.outreach.spreadsheet_safety import cell_text, csv_cell, is_formula_like
from linkprospector.outreach.statuses import STATUSES

#: Excel ignores longer hyperlink targets.
MAX_HYPERLINK = 2079


def write_xlsx(sheets: list[Sheet], path: Path) -> None:
    """One worksheet per sheet: frozen bold header, filters, clickable links, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="305496")
    link_font = Font(color="0563C1", underline="single")
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(vertical="center")
        for values in sheet.rows:
            ws.append([None] * len(sheet.columns))
            row = ws.max_row
            for index, (column, value) in enumerate(
                zip(sheet.columns, values, strict=True), start=1
            ):
                cell = ws.cell(row=row, column=index)
                _fill_cell(cell, column, value, link_font)
        last = get_column_letter(len(sheet.columns))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
        for index, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = _width(sheet, index - 1)
            if column.kind == "status" and sheet.rows:
                letter = get_column_letter(index)
                validation = DataValidation(
                    type="list", formula1=f'"{",".join(STATUSES)}"', allow_blank=True
                )
                validation.add(f"{letter}2:{letter}{ws.max_row}")
                ws.add_data_validation(validation)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    workbook.close()


def write_csv(sheets: list[Sheet], directory: Path, bom: bool = False) -> list[Path]:
    """One UTF-8 CSV per sheet in ``directory`` (with a byte-order mark for Excel if asked)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in sheets:
        path = directory / sheet.filename
        with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header for c in sheet.columns])
            for values in sheet.rows:
                writer.writerow(
                    [
                        "" if v is None else v if isinstance(v, int | float) else csv_cell(v)
                        for v in values
                    ]
                )
        written.append(path)
    return written


def _fill_cell(cell, column: Column, value, link_font) -> None:  # noqa: ANN001 - openpyxl
    if value is None or value == "":
        return
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        return
    text = cell_text(value)
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if is_formula_like(text):
        cell.quotePrefix = True  # and stays text when someone edits the cell
    target = _link_target(text) if column.kind == "url" else None
    if target:
        cell.hyperlink = target
        cell.font = link_font


def _link_target(text: str) -> str | None:
    if len(text) > MAX_HYPERLINK:
        return None
    if text.startswith(("http://", "https://")):
        return text
    if "@" in text and " " not in text and "/" not in text:
        return f"mailto:{text}"
    return None


def _width(sheet: Sheet, index: int) -> float:
    column = sheet.columns[index]
    longest = max([len(str(row[index] or "")) for row in sheet.rows[:500]] + [0])
    return float(max(len(column.header) + 3, min(longest + 2, column.width), 6))
