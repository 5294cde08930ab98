"""``linkprospector report``: the database as one self-contained HTML file.

The store reads the rows (``Store.report_rows``); this module turns them into what the
page shows (``report_view``) and renders the page from the Jinja2 templates in
``templates/`` (``report.html`` with its ``report.css`` and ``report.js``), so the page
can change without touching Python. Nothing in the file is fetched from anywhere: styles
and the small sorting/filtering script are inline, charts are inline SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from linkprospector.config import DEFAULTS
from linkprospector.judge.history import confirmation_text, shown_time
from linkprospector.judge.opportunity import wayback_url
from linkprospector.outreach.evidence_text import why_dead
from linkprospector.outreach.ranking_views import RANKED_HEADERS, ReportRanking
from linkprospector.outreach.report_pitches import ReportPitches
from linkprospector.report.pitch_section import PitchSection, pitches_section
from linkprospector.report.svg_charts import bar_chart, stacked_columns
from linkprospector.store.interface import ReportRows

TOP_DEAD = 50
RUNS_SHOWN = 14
HEADLINES = (
    ("pages", "pages crawled"),
    ("targets", "targets checked"),
    ("dead_confirmed", "dead, confirmed"),
    ("dead_suspected", "dead, suspected"),
    ("prospects", "prospects"),
    ("contacts", "contacts"),
)
DEAD_HEADERS = [
    "Dead URL", "Referring domains", "Referring pages", "Reason", "Confirmed", "Why dead",
    "Anchor texts", "Wayback",
]  # fmt: skip


@dataclass
class ReportData:
    """What the page shows."""

    generated_at: str
    database: str
    metrics: dict[str, int]
    dead_by_reason: list[tuple[str, int]]
    runs: list[tuple[str, dict[str, int]]]
    top_dead: list[dict]
    prospects: list[dict]
    competitors: list[str] = field(default_factory=list)
    competitor_dead: list[dict] = field(default_factory=list)
    backlink_states: dict[str, int] = field(default_factory=dict)
    anchors: list[tuple[str, int]] = field(default_factory=list)
    lost_backlinks: list[dict] = field(default_factory=list)
    ranked: list[dict] = field(default_factory=list)  # the best pitches
    ranked_notes: list[str] = field(default_factory=list)
    pitches: PitchSection | None = None  # the Pitches section (None: nothing to pitch)


def report_view(
    rows: ReportRows,
    database: str,
    now: datetime,
    confirm_hours: float = DEFAULTS.confirm_hours,
    ranking: ReportRanking | None = None,
    pitches: ReportPitches | None = None,
) -> ReportData:
    """The stored rows as the page shows them: when, why dead, confirmed, archived; the
    ranking's pitches first, the drafted ``pitches`` last, no site of the do-not-contact
    list anywhere."""
    ranking = ranking or ReportRanking()
    generated = shown_time(now.isoformat())
    top_dead = [
        {
            "url": d["url"],
            "referring_domains": d["referring_domains"],
            "referring_pages": d["referring_pages"],
            "reason": d["reason"],
            "anchors": d["anchors"],
            "confirmed": confirmation_text(
                d["confirmed"],
                d["confirmed_at"],
                d["first_dead_at"],
                d["consecutive_failures"],
                confirm_hours=confirm_hours,
            ),  # fmt: skip
            "why": why_dead(d["reason"], d["status"], d["evidence"]),
            "wayback": wayback_url(d["url"]),
        }
        for d in rows.top_dead
    ]
    return ReportData(
        generated_at=generated,
        database=database,
        metrics=rows.metrics,
        dead_by_reason=rows.dead_by_reason,
        runs=[(f"run {run_id}", counts) for run_id, counts in rows.runs],
        top_dead=top_dead,
        prospects=[p for p in rows.prospects if p["site"] not in ranking.blocked],
        competitors=rows.competitors,
        competitor_dead=rows.competitor_dead,
        backlink_states=rows.backlink_states,
        anchors=rows.anchors,
        lost_backlinks=rows.lost_backlinks,
        ranked=ranking.ranked,
        ranked_notes=ranking.notes,
        pitches=pitches_section(pitches or ReportPitches(), ranking.blocked),
    )


def render_report(data: ReportData) -> str:
    """The whole HTML document."""
    tables = {
        "ranked_rows": [
            [r["rank"], _link(r["url"]), r["site"], r["score"], r["relevance"], r["authority"],
             r["reasons"], r["also"]]
            for r in data.ranked
        ],
        "dead_rows": [
            [_link(d["url"]), d["referring_domains"], d["referring_pages"], d["reason"],
             d["confirmed"], d["why"], d["anchors"], _link(d["wayback"], "archive")]
            for d in data.top_dead
        ],
        "prospect_rows": [
            [_link(p["url"]), p["title"], p["site"], f"{p['score']:.2f}", p["reasons"]]
            for p in data.prospects
        ],
        "competitor_rows": [
            [_link(r.get("url", "")), r.get("competitor", ""), r.get("reason", ""),
             r.get("referring_sites", "")]
            for r in data.competitor_dead
        ],
        "lost_rows": [
            [_link(r["source"]), _link(r["target"]), r["reason"]] for r in data.lost_backlinks
        ],
    }  # fmt: skip
    charts = {
        "dead_by_reason": Markup(bar_chart(data.dead_by_reason, "dead by reason")),
        "runs": Markup(stacked_columns(data.runs, "verdicts per run")),
        "anchors": Markup(bar_chart(data.anchors, "anchor texts")),
    }
    return (
        _templates()
        .get_template("report.html")
        .render(
            title="linkprospector report",
            data=data,
            headlines=HEADLINES,
            charts=charts,
            dead_headers=DEAD_HEADERS,
            ranked_headers=RANKED_HEADERS,
            backlink_counts=", ".join(
                f"{n} {state}" for state, n in sorted(data.backlink_states.items())
            ),
            **tables,
        )
    )


def write_report(data: ReportData, out: Path) -> None:
    """Write the report to ``out`` (atomically: a half-written report never replaces one)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(render_report(data), encoding="utf-8")
    partial.replace(out)


@cache
def _templates() -> jinja2.Environment:
    """The report's templates, shipped as package data beside this module."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("linkprospector.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: "" if value is None else value,
    )


def _link(url: str, text: str | None = None) -> Markup | str:
    if not url.startswith(("http://", "https://")):
        return url
    return Markup('<a href="{}" rel="noreferrer">{}</a>').format(url, text or url)
