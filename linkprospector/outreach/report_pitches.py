"""The report's *Pitches* section: each opportunity's best replacement and
draft, with the proof behind a disclosure (``<details>``). Self-contained markup in the
report's table format (the report's script sorts and filters it)."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

import sqlite_utils

from linkprospector.config import DEFAULTS, Config
from linkprospector.outreach.pitches import NO_REPLACEMENT, build_pitches, load_template
from linkprospector.store.pitch_store import my_sites

HEADERS = ["Linking page", "Dead URL", "Replacement", "Score", "Matched words", "Status", "Pitch"]
PRE = 'style="white-space:pre-wrap;overflow-wrap:anywhere;max-width:60ch;margin:0"'


def pitches_section(
    db: sqlite_utils.Database, config: Config = DEFAULTS, excluded: Collection[str] = ()
) -> str:
    """The section's HTML ('' when the database has no dead link with a linking page), with
    the configured template (``LINKPROSPECTOR_PITCH_TEMPLATE``; TemplateError when bad);
    nothing on the ``excluded`` (do-not-contact) sites."""
    template = load_template(config.pitch_template)
    pitches = build_pitches(db, template, min_score=config.pitch_min_score, excluded=excluded)
    if not pitches:
        return ""
    pitches.sort(key=lambda p: (p.replacement is None, p.target_url, p.page_url))
    ready = sum(p.replacement is not None for p in pitches)
    rows = []
    for p in pitches:
        best = p.replacement or {}
        draft = (
            f'<pre class="pitch" {PRE}>{escape(p.text)}</pre>'
            if p.text
            else f'<p class="no-replacement">{escape(NO_REPLACEMENT)}</p>'
        )
        proof = (
            f'<details class="proof"><summary>Proof</summary><pre {PRE}>'
            f"{escape(chr(10).join(p.proof))}</pre></details>"
        )
        won = f"<br>{escape(p.won)}" if p.won else ""
        cells = [
            _link(p.page_url), _link(p.target_url),
            _link(best["url"]) if best else escape(NO_REPLACEMENT),
            escape(str(best.get("score", ""))), escape(best.get("matched", "")),
            escape(p.status) + won, draft + proof,
        ]  # fmt: skip
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col" tabindex="0">{escape(h)}</th>' for h in HEADERS)
    intro = (
        f"{ready} of {len(pitches)} opportunities have a replacement on your site; the "
        f"others say \u201c{NO_REPLACEMENT}\u201d."
        if my_sites(db)
        else "No page of your site is in this database yet: crawl with -a mysite=https://… "
        "to rank your pages as replacements. The proof of each dead link is here already."
    )
    return (
        f'<section><h2>Pitches</h2><p data-pitches="{ready}">{escape(intro)}</p>'
        '<input type="search" class="filter" data-for="pitches" placeholder="Filter rows" '
        'aria-label="Filter pitches">'
        '<div class="scroll"><table id="pitches" class="sortable"><thead><tr>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _link(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        return escape(url)
    return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
