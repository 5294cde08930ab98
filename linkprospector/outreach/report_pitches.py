"""The pitches the report shows: every opportunity's draft with the configured template,
and whether any page of the user's site is known (the page's section is
``report/pitch_section.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from linkprospector.config import DEFAULTS, Config
from linkprospector.outreach.pitches import Pitch, build_pitches, load_template
from linkprospector.store.interface import Store


@dataclass
class ReportPitches:
    """The pitches the report shows, and whether any page of the user's site is known."""

    pitches: list[Pitch] = field(default_factory=list)
    has_my_site: bool = False


def report_pitches(store: Store, config: Config = DEFAULTS) -> ReportPitches:
    """Every pitch with the configured template (``LINKPROSPECTOR_PITCH_TEMPLATE``;
    TemplateError when bad)."""
    template = load_template(config.pitch_template)
    pitches = build_pitches(store, template, min_score=config.pitch_min_score)
    return ReportPitches(pitches, bool(store.my_sites()))
