"""Open host/domain rank files in Common Crawl's web-graph format, read as 0-100 ranks.

Common Crawl publishes ``cc-main-…-host-ranks.txt.gz`` and ``…-domain-ranks.txt.gz`` with
each web-graph release: tab-separated, a header line ``#harmonicc_pos #harmonicc_val
#pr_pos #pr_val #host_rev`` (domain files add ``#n_hosts``), names in reverse notation
(``com.example.www``), ordered by harmonic centrality. The file is the user's download;
linkprospector never fetches it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

REQUIRED = ("#harmonicc_pos", "#harmonicc_val", "#pr_pos", "#pr_val")
NAME_COLUMNS = ("#host_rev", "#domain_rev")


class RankFileError(ValueError):
    """The file is not in the expected format; the message is one line for the user."""


@dataclass(frozen=True)
class RankRow:
    name: str  # the host or domain, in normal order (www.example.com)
    harmonic_pos: int
    harmonic_val: float
    pr_pos: int
    pr_val: float


def parse_rank_lines(lines: Iterable[str]) -> Iterator[RankRow]:
    """The rows of a rank file; blank lines are skipped, a bad line raises RankFileError
    naming its number."""
    columns: dict[str, int] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        cells = line.split("\t")
        if columns is None:
            columns = _header(cells, number)
            continue
        try:
            yield RankRow(
                name=reverse_name(cells[columns["name"]].strip()),
                harmonic_pos=int(cells[columns["#harmonicc_pos"]]),
                harmonic_val=float(cells[columns["#harmonicc_val"]]),
                pr_pos=int(cells[columns["#pr_pos"]]),
                pr_val=float(cells[columns["#pr_val"]]),
            )
        except (IndexError, ValueError):
            raise RankFileError(
                f"line {number} is not a rank row (tab-separated numbers and a name): {line[:80]!r}"
            ) from None
    if columns is None:
        raise RankFileError("empty file: no '#harmonicc_pos ...' header line")


def reverse_name(name: str) -> str:
    """``com.example.www`` -> ``www.example.com`` (and back)."""
    return ".".join(reversed(name.lower().split(".")))


def rank_0_100(position: int, positions: int) -> float:
    """A harmonic-centrality position as 0-100 on a log scale: the first row of the file
    scores 100, its last 0 (so a file cut to its top rows stretches over the full scale)."""
    if positions <= 1:
        return 100.0
    return round(100 * (1 - math.log(max(position, 1)) / math.log(positions)), 1)


def _header(cells: list[str], number: int) -> dict[str, int]:
    names = [c.strip() for c in cells]
    missing = [c for c in REQUIRED if c not in names]
    name_column = next((c for c in NAME_COLUMNS if c in names), None)
    if missing or name_column is None:
        raise RankFileError(
            f"line {number} is not a Common Crawl rank header (want tab-separated "
            f"{' '.join(REQUIRED)} #host_rev): {' '.join(names)[:80]!r}"
        )
    columns = {c: names.index(c) for c in REQUIRED}
    columns["name"] = names.index(name_column)
    return columns
