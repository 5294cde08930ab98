"""Charts as inline SVG text, so a report opens offline with nothing fetched.

Pure functions: data in, an ``<svg>`` string out. Every label is escaped; bars carry a
``<title>`` so a hover shows the exact number.
"""

from __future__ import annotations

from html import escape

from linkprospector.judge.verdicts import BLOCKED, DEAD, LIVE, UNKNOWN

#: Colours of the verdicts (and of anything else, cycled).
VERDICT_COLOURS = {
    DEAD: "#c0392b",
    BLOCKED: "#d68910",
    UNKNOWN: "#7f8c8d",
    LIVE: "#1e8449",
}
PALETTE = ("#2e86c1", "#c0392b", "#1e8449", "#d68910", "#7d3c98", "#17a589", "#7f8c8d")


def bar_chart(rows: list[tuple[str, int]], label: str, width: int = 640) -> str:
    """Horizontal bars, one per ``(name, count)``, largest first as given."""
    if not rows:
        return _empty(label)
    bar_height, gap, left, right = 22, 6, 190, 50
    height = len(rows) * (bar_height + gap) + gap
    most = max(count for _, count in rows) or 1
    span = width - left - right
    parts = [_open(width, height, label)]
    for index, (name, count) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = max(2.0, span * count / most)
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<g class="bar"><title>{escape(name)}: {count}</title>'
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(_cut(name, 28))}</text>'
            f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{colour}" rx="3"></rect>'
            f'<text x="{left + length + 6:.1f}" y="{y + 15}">{count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(columns: list[tuple[str, dict[str, int]]], label: str, width: int = 640) -> str:
    """One column per ``(name, {series: count})`` (runs, oldest first), series stacked."""
    if not columns:
        return _empty(label)
    series = [s for s in VERDICT_COLOURS if any(s in c for _, c in columns)]
    series += sorted({s for _, c in columns for s in c} - set(series))
    height, top, bottom, left = 240, 28, 36, 40
    plot = height - top - bottom
    most = max(sum(c.values()) for _, c in columns) or 1
    step = (width - left - 10) / len(columns)
    bar = max(4.0, min(48.0, step * 0.7))
    parts = [_open(width, height, label)]
    for index, name in enumerate(series):  # legend
        x = left + index * 100
        parts.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{_colour(name, index)}"></rect>'
            f'<text x="{x + 16}" y="16">{escape(name)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" '
        'stroke="#999"></line>'
    )
    parts.append(f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{most}</text>')
    for index, (name, counts) in enumerate(columns):
        x = left + index * step + (step - bar) / 2
        y = top + plot
        for number, kind in enumerate(series):
            count = counts.get(kind, 0)
            if not count:
                continue
            h = plot * count / most
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{_colour(kind, number)}"><title>{escape(name)} {escape(kind)}: '
                f"{count}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot + 16}" text-anchor="middle">'
            f"{escape(_cut(name, 10))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}" class="chart">'
    )


def _empty(label: str) -> str:
    return f'<p class="empty" data-chart="{escape(label)}">Nothing to chart yet.</p>'


def _colour(name: str, index: int) -> str:
    return VERDICT_COLOURS.get(name, PALETTE[index % len(PALETTE)])


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
