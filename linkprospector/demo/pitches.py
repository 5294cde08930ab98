"""The end of ``linkprospector demo``: what the dead pages were (from the
Wayback stand-in), the demo user's best replacements, and the pitches ready to send."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from linkprospector.config import Config
from linkprospector.crawl.wayback_lookup import look_up_dead_pages
from linkprospector.outreach.pitches import build_pitches, rank_all
from linkprospector.store.interface import Store

#: The demo user's own site (its pages are in webs/gardening/mygardenjournal.test/).
DEMO_SITE = "http://mygardenjournal.test/"
#: Pitches printed in full; the others are listed by one line each.
SHOWN_IN_FULL = 2


def demo_pitch_lines(store: Store, settings: dict[str, Any], now: datetime) -> list[str]:
    config = Config.from_settings(settings)
    lookup = look_up_dead_pages(store, config, now)
    good, bad = rank_all(store, now, config.pitch_min_score)
    pitches = build_pitches(store, min_score=config.pitch_min_score)
    ready = [p for p in pitches if p.text]
    lines = [
        lookup.line(),
        f"replacements on {DEMO_SITE}: {good} dead URL(s) have one, {bad} have no good replacement",
        f"pitches ready to send ({len(ready)} of {len(pitches)} opportunities; all of them: "
        "linkprospector pitch --db …):",
    ]
    for pitch in ready:
        best = pitch.replacement or {}
        lines.append(
            f"  {pitch.page_url} -> {pitch.target_url}: {best.get('url')} "
            f"(score {best.get('score')}; {best.get('matched')})"
        )
    for pitch in ready[:SHOWN_IN_FULL]:
        lines += ["", f"--- pitch for {pitch.page_url} ---", pitch.text.rstrip()]
    return lines
