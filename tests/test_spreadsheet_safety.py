import openpyxl
import pytest

from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.outreach.sheet_writers import write_csv, write_xlsx
from linkprospector.outreach.spreadsheet_safety import (
    MAX_CELL_CHARS,
    cell_text,
    csv_cell,
    is_formula_like,
    unescape_csv_cell,
)

HOSTILE = [
    '=HYPERLINK("http://evil.test","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\tTab first",
    "\rCarriage return first",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[(h, "'" + h) for h in HOSTILE],
        ("Composting basics", "Composting basics"),
        ("a=b+c", "a=b+c"),
        ("jane@garden.test", "jane@garden.test"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        (None, ""),
        (42, "42"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("x" * (MAX_CELL_CHARS + 10), "x" * MAX_CELL_CHARS),
        ("=" + "x" * MAX_CELL_CHARS, "'=" + "x" * (MAX_CELL_CHARS - 2)),
    ],
)
def test_csv_cell(text, expected):
    assert csv_cell(text) == expected
    assert len(csv_cell(text)) <= MAX_CELL_CHARS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[("'" + h, h) for h in HOSTILE],
        ("'quoted'", "'quoted'"),
        ("plain", "plain"),
        ("'", "'"),
    ],
)
def test_unescape_csv_cell(text, expected):
    assert unescape_csv_cell(text) == expected


@pytest.mark.parametrize(("text", "expected"), [*[(h, True) for h in HOSTILE], ("ok", False)])
def test_is_formula_like(text, expected):
    assert is_formula_like(text) is expected


def test_cell_text_cut_and_cleaned():
    assert cell_text("a\x0bb\x1fc\td\ne") == "abc\td\ne"
    assert len(cell_text("y" * 100_000)) == MAX_CELL_CHARS


def test_writers_keep_hostile_text_inert(tmp_path):
    columns = [Column("Page URL", "url"), Column("Anchor text"), Column("Count", "number")]
    rows = [["http://a.test/", text, 1] for text in HOSTILE]
    rows.append(["javascript:alert(1)", "z" * 40_000, 2])
    sheet = Sheet("Broken links", "broken_links.csv", columns, rows)
    out = tmp_path / "w.xlsx"
    write_xlsx([sheet], out)
    ws = openpyxl.load_workbook(out)["Broken links"]
    cells = [row[1] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells[:-1]] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[:-1])
    assert len(cells[-1].value) == MAX_CELL_CHARS
    links = [row[0] for row in ws.iter_rows(min_row=2)]
    assert links[0].hyperlink.target == "http://a.test/"
    assert links[-1].hyperlink is None  # only http(s) and mailto links are made clickable
    assert [row[2].value for row in ws.iter_rows(min_row=2)] == [1] * len(HOSTILE) + [2]
    (path,) = write_csv([sheet], tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'\tTab first" in text
