"""The report's *Pitches* section: each opportunity's best replacement and draft, with
the proof behind a disclosure (``<details>``). The rows for the report's table (its
script sorts and filters them); the page itself is ``templates/report.html``."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from markupsafe import Markup

from linkprospector.outreach.pitches import NO_REPLACEMENT, Pitch
from linkprospector.outreach.report_pitches import ReportPitches

HEADERS = ["Linking page", "Dead URL", "Replacement", "Score", "Matched words", "Status", "Pitch"]
PRE = Markup('style="white-space:pre-wrap;overflow-wrap:anywhere;max-width:60ch;margin:0"')


@dataclass(frozen=True)
class PitchSection:
    """The section as the template shows it."""

    ready: int  # opportunities with a replacement
    intro: str
    rows: list[list]
    headers: tuple[str, ...] = tuple(HEADERS)


def pitches_section(given: ReportPitches, excluded: Collection[str] = ()) -> PitchSection | None:
    """The section (None when no dead link has a linking page); nothing on the
    ``excluded`` (do-not-contact) sites."""
    pitches = [p for p in given.pitches if p.site not in excluded]
    if not pitches:
        return None
    pitches.sort(key=lambda p: (p.replacement is None, p.target_url, p.page_url))
    ready = sum(p.replacement is not None for p in pitches)
    intro = (
        f"{ready} of {len(pitches)} opportunities have a replacement on your site; the "
        f"others say \u201c{NO_REPLACEMENT}\u201d."
        if given.has_my_site
        else "No page of your site is in this database yet: crawl with -a mysite=https://… "
        "to rank your pages as replacements. The proof of each dead link is here already."
    )
    return PitchSection(ready, intro, [_row(p) for p in pitches])


def _row(p: Pitch) -> list:
    best = p.replacement or {}
    draft = (
        Markup('<pre class="pitch" {}>{}</pre>').format(PRE, p.text)
        if p.text
        else Markup('<p class="no-replacement">{}</p>').format(NO_REPLACEMENT)
    )
    proof = Markup('<details class="proof"><summary>Proof</summary><pre {}>{}</pre></details>')
    status = Markup("{}<br>{}").format(p.status, p.won) if p.won else p.status
    return [
        _link(p.page_url), _link(p.target_url),
        _link(best["url"]) if best else NO_REPLACEMENT,
        best.get("score", ""), best.get("matched", ""),
        status, draft + proof.format(PRE, "\n".join(p.proof)),
    ]  # fmt: skip


def _link(url: str) -> Markup | str:
    if not url.startswith(("http://", "https://")):
        return url
    return Markup('<a href="{}" rel="noreferrer">{}</a>').format(url, url)
