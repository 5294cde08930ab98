"""Every table a nightly config may hold, listed in one place. Each step's module declares
its ``Section`` (what it crawls, what it does after the crawls); importing this module
makes them all known to ``load_config``."""

from __future__ import annotations

from linkprospector.nightly import (
    backlinks_step,
    competitor_jobs,
    discovery_step,
    niche_step,
    pitch_step,
    report_step,
)
from linkprospector.nightly.jobs import CRAWL_SECTION, Section

ALL_SECTIONS: tuple[Section, ...] = (
    CRAWL_SECTION,
    competitor_jobs.SECTION,
    discovery_step.SECTION,
    backlinks_step.SECTION,
    niche_step.SECTION,
    report_step.SECTION,
    pitch_step.SITE_SECTION,
    pitch_step.PITCH_SECTION,
)
