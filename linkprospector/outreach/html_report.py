"""``linkprospector report``: the database as one self-contained HTML file.

Nothing in the file is fetched from anywhere: styles and the small sorting/filtering
script are inline, charts are inline SVG (``svg_charts.py``). Headline numbers carry
``data-metric`` attributes so a browser test can compare them with the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

import sqlite_utils

from linkprospector.config import DEFAULTS, Config
from linkprospector.judge.history import confirmation_text, shown_time
from linkprospector.judge.opportunity import wayback_url
from linkprospector.outreach.evidence_text import why_dead
from linkprospector.outreach.ranking import excluded_for_outreach
from linkprospector.outreach.ranking_views import RANKED_HEADERS, REPORT_ROWS, top_ranked
from linkprospector.outreach.report_pitches import pitches_section
from linkprospector.outreach.svg_charts import bar_chart, stacked_columns
from linkprospector.store.competitor_queries import competitor_sites, dead_pages

TOP_DEAD = 50
RUNS_SHOWN = 14


@dataclass
class ReportData:
    generated_at: str
    database: str
    metrics: dict[str, int]
    dead_by_reason: list[tuple[str, int]]
    runs: list[tuple[str, dict[str, int]]]
    top_dead: list[dict]
    prospects: list[dict]
    competitors: list[str] = field(default_factory=list)
    competitor_dead: list[dict] = field(default_factory=list)
    backlink_states: dict[str, int] = field(default_factory=dict)  # issue 13
    anchors: list[tuple[str, int]] = field(default_factory=list)
    lost_backlinks: list[dict] = field(default_factory=list)
    ranked: list[dict] = field(default_factory=list)  # the best pitches
    ranked_notes: list[str] = field(default_factory=list)
    pitches_html: str = ""  # the report's Pitches section, made by report_pitches.py


def report_data(
    db: sqlite_utils.Database,
    database: str,
    now: datetime,
    confirm_hours: float = DEFAULTS.confirm_hours,
    config: Config | None = None,
) -> ReportData:
    """Everything the report shows, read from the database."""
    one = lambda sql: db.execute(sql).fetchone()[0] or 0  # noqa: E731
    metrics = {
        "pages": one("SELECT count(*) FROM pages"),
        "targets": one("SELECT count(*) FROM targets"),
        "dead_confirmed": one(
            "SELECT count(*) FROM targets WHERE verdict = 'dead' AND coalesce(confirmed, 0) = 1"
        ),
        "dead_suspected": one(
            "SELECT count(*) FROM targets WHERE verdict = 'dead' AND coalesce(confirmed, 0) = 0"
        ),
        "dead_links": one("SELECT count(*) FROM dead_links"),
        "prospects": one("SELECT count(*) FROM prospects"),
        "contacts": one("SELECT count(*) FROM contacts"),
    }
    dead_by_reason = [
        (reason or "?", count)
        for reason, count in db.execute(
            "SELECT reason, count(*) FROM targets WHERE verdict = 'dead' "
            "GROUP BY reason ORDER BY count(*) DESC, reason"
        ).fetchall()
    ]
    run_ids = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT run_id FROM checks WHERE run_id > 0 ORDER BY run_id DESC LIMIT ?",
            [RUNS_SHOWN],
        ).fetchall()
    ][::-1]
    runs = []
    for run_id in run_ids:
        counts = dict(
            db.execute(
                "SELECT verdict, count(*) FROM checks WHERE run_id = ? GROUP BY verdict", [run_id]
            ).fetchall()
        )
        runs.append((f"run {run_id}", counts))
    top_dead = []
    for row in db.execute(
        """SELECT d.target_url, d.referring_domains, d.referring_pages, d.reason, d.status,
                  d.anchor_texts, t.evidence, coalesce(t.confirmed, 0), t.confirmed_at,
                  t.first_dead_at, t.consecutive_failures
           FROM dead_targets d JOIN targets t ON t.url = d.target_url
           ORDER BY d.referring_domains DESC, d.referring_pages DESC, d.target_url LIMIT ?""",
        [TOP_DEAD],
    ).fetchall():
        url, domains, pages, reason, status, anchors, evidence, *state = row
        top_dead.append(
            {
                "url": url,
                "referring_domains": domains,
                "referring_pages": pages,
                "reason": reason,
                "anchors": anchors or "",
                "why": why_dead(reason, status, evidence),
                "confirmed": confirmation_text(*state, confirm_hours=confirm_hours),
                "wayback": wayback_url(url),
            }
        )
    blocked = excluded_for_outreach(db, config or DEFAULTS, database)  # never shown
    prospects = [
        {"url": url, "title": title or "", "site": site, "score": score, "reasons": reasons or ""}
        for url, title, site, score, reasons in db.execute(
            "SELECT url, title, site, resource_score, resource_reasons FROM prospects "
            "ORDER BY resource_score DESC, url"
        ).fetchall()
        if site not in blocked
    ]
    competitors = competitor_sites(db)
    backlink_states = dict(db.execute("SELECT state, count(*) FROM backlinks GROUP BY state"))
    anchors = [
        (anchor or "(empty)", n)
        for anchor, n in db.execute(
            "SELECT anchor_text, count(*) FROM backlinks WHERE state = 'live' "
            "GROUP BY anchor_text ORDER BY count(*) DESC, anchor_text LIMIT 15"
        ).fetchall()
    ]
    lost_backlinks = [
        {"source": s, "target": tg, "reason": r}
        for s, tg, r in db.execute(
            "SELECT source_url, target_url, reason FROM backlinks WHERE state = 'lost' "
            "ORDER BY reason, source_url LIMIT 200"
        ).fetchall()
    ]
    ranked, ranked_notes = top_ranked(db, config or DEFAULTS, now, database, REPORT_ROWS)
    return ReportData(
        ranked=ranked,
        ranked_notes=ranked_notes,
        generated_at=shown_time(now.isoformat()),
        database=database,
        metrics=metrics,
        dead_by_reason=dead_by_reason,
        runs=runs,
        top_dead=top_dead,
        prospects=prospects,
        competitors=competitors,
        competitor_dead=dead_pages(db) if competitors else [],
        backlink_states=backlink_states,
        anchors=anchors,
        lost_backlinks=lost_backlinks,
        pitches_html=pitches_section(db, config or DEFAULTS, blocked),
    )


HEADLINES = (
    ("pages", "pages crawled"),
    ("targets", "targets checked"),
    ("dead_confirmed", "dead, confirmed"),
    ("dead_suspected", "dead, suspected"),
    ("prospects", "prospects"),
    ("contacts", "contacts"),
)


def render_report(data: ReportData) -> str:
    """The whole HTML document."""
    cards = "".join(
        f'<div class="card"><span class="n" data-metric="{key}">{data.metrics[key]}</span>'
        f"<span>{label}</span></div>"
        for key, label in HEADLINES
    )
    dead_rows = [
        [_link(d["url"]), d["referring_domains"], d["referring_pages"], d["reason"],
         d["confirmed"], d["why"], d["anchors"], _link(d["wayback"], "archive")]
        for d in data.top_dead
    ]  # fmt: skip
    prospect_rows = [
        [_link(p["url"]), p["title"], p["site"], f"{p['score']:.2f}", p["reasons"]]
        for p in data.prospects
    ]
    ranked_rows = [
        [r["rank"], _link(r["url"]), r["site"], r["score"], r["relevance"], r["authority"],
         r["reasons"], r["also"]]
        for r in data.ranked
    ]  # fmt: skip
    sections = [
        _section(
            "Top prospects by prospect score",
            "".join(f"<p>{escape(n)}</p>" for n in data.ranked_notes)
            + _table("ranked", RANKED_HEADERS, ranked_rows),
        ),
        _section("Dead targets by reason", bar_chart(data.dead_by_reason, "dead by reason")),
        _section("Verdicts over the last runs", stacked_columns(data.runs, "verdicts per run")),
        _section(
            "Top dead targets by referring domains",
            _table("dead", DEAD_HEADERS, dead_rows),
        ),
        _section(
            "Resource-page prospects",
            _table("prospects", ["Page", "Title", "Site", "Score", "Reasons"], prospect_rows),
        ),
    ]
    if data.competitors:
        rows = [
            [_link(r.get("url", "")), r.get("competitor", ""), r.get("reason", ""),
             r.get("referring_sites", "")]
            for r in data.competitor_dead
        ]  # fmt: skip
        sections.append(
            _section(
                f"Competitors ({len(data.competitors)})",
                f"<p>{escape(', '.join(data.competitors))}</p>"
                + _table(
                    "competitors", ["Dead page", "Competitor", "Reason", "Referring sites"], rows
                ),
            )
        )
    if data.backlink_states:
        counts = ", ".join(f"{n} {state}" for state, n in sorted(data.backlink_states.items()))
        lost = [[_link(r["source"]), _link(r["target"]), r["reason"]] for r in data.lost_backlinks]
        sections.append(
            _section(
                "Backlinks",
                f'<p data-backlinks="{escape(counts)}">{escape(counts)}</p>'
                "<h3>Anchor texts of live links</h3>"
                + bar_chart(data.anchors, "anchor texts")
                + "<h3>Lost links</h3>"
                + _table("lost", ["Referring page", "My URL", "Why lost"], lost),
            )
        )
    sections.append(data.pitches_html)  # '' when there is nothing to pitch
    return PAGE.format(
        title="linkprospector report",
        generated=escape(data.generated_at),
        database=escape(data.database),
        cards=cards,
        sections="".join(sections),
        style=STYLE,
        script=SCRIPT,
    )


def write_report(
    db: sqlite_utils.Database,
    database: str,
    out: Path,
    now: datetime,
    confirm_hours: float = DEFAULTS.confirm_hours,
    config: Config | None = None,
) -> ReportData:
    """Write the report to ``out`` (atomically: a half-written report never replaces one)."""
    data = report_data(db, database, now, confirm_hours, config)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(render_report(data), encoding="utf-8")
    partial.replace(out)
    return data


DEAD_HEADERS = [
    "Dead URL", "Referring domains", "Referring pages", "Reason", "Confirmed", "Why dead",
    "Anchor texts", "Wayback",
]  # fmt: skip


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _table(name: str, headers: list[str], rows: list[list]) -> str:
    if not rows:
        return f'<p class="empty" data-table="{name}">None yet.</p>'
    head = "".join(f'<th scope="col" tabindex="0">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return (
        f'<input type="search" class="filter" data-for="{name}" placeholder="Filter rows" '
        f'aria-label="Filter {escape(name)}">'
        f'<div class="scroll"><table id="{name}" class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


class _Html(str):
    """Markup made here (already escaped)."""


def _link(url: str, text: str | None = None) -> _Html:
    if not url.startswith(("http://", "https://")):
        return _Html(escape(url))
    return _Html(f'<a href="{escape(url)}" rel="noreferrer">{escape(text or url)}</a>')


def _cell(value: object) -> str:
    if isinstance(value, _Html):
        return value
    return escape("" if value is None else str(value))


STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
color:#1b2631;background:#f4f6f7}
header{background:#1b4f72;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85;font-size:13px;word-break:break-all}
main{padding:16px 24px;max-width:1200px;margin:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));
gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px #0002}
.card .n{display:block;font-size:28px;font-weight:700}
section{background:#fff;border-radius:8px;padding:12px 16px;margin:16px 0;
box-shadow:0 1px 2px #0002}
h2{font-size:17px;margin:4px 0 10px}
svg.chart{width:100%;max-width:760px;height:auto;font-size:12px}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e8e8;vertical-align:top}
th{cursor:pointer;background:#eaf2f8;white-space:nowrap}th[aria-sort]::after{content:" \\2195"}
td{word-break:break-word;max-width:420px}
.filter{margin:0 0 8px;padding:6px 8px;width:min(320px,100%)}
.empty{color:#7f8c8d}a{color:#1f618d}
"""
SCRIPT = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var down = th.getAttribute('aria-sort') !== 'descending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return down ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
document.querySelectorAll('input.filter').forEach(function (input) {
  input.addEventListener('input', function () {
    var needle = input.value.toLowerCase();
    var table = document.getElementById(input.dataset.for);
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = needle && row.textContent.toLowerCase().indexOf(needle) < 0;
    });
  });
});
"""
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title><style>{style}</style></head>
<body><header><h1>{title}</h1><p>{database} · written {generated}</p></header>
<main><div class="cards">{cards}</div>{sections}</main>
<script>{script}</script></body></html>
"""
