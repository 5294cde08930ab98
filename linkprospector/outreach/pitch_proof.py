"""The proof behind a pitch, in words: the check history, the redirect chain and the
soft-404/parked evidence, where the link sits on the linking page, and the archived
capture of what the dead page was (pure: rows in, lines out)."""

from __future__ import annotations

from linkprospector.judge.history import shown_time
from linkprospector.outreach.evidence_text import why_dead

#: How each dead reason reads in a sentence ("It points to X, which …").
REASON_WORDS = {
    "http_404": "answers 404 Not Found",
    "http_410": "answers 410 Gone",
    "soft_404": "now shows a 'page not found' page",
    "parked": "now leads to a parked domain that is for sale",
    "dns": "no longer exists (its domain name does not resolve)",
    "refused": "refuses every connection",
    "redirect_loop": "redirects in a circle and never arrives",
    "too_many_redirects": "redirects endlessly",
}


#: Where on the linking page the link sits (``links.placement``), in words.
PLACEMENT_WORDS = {
    "main": "in the page's main content",
    "nav": "in the navigation",
    "header": "in the page header",
    "footer": "in the footer",
    "sidebar": "in the sidebar",
}


def reason_words(reason: str | None, status: int | None) -> str:
    """A dead reason as the end of a sentence about the dead URL."""
    reason = reason or ""
    if reason in REASON_WORDS:
        return REASON_WORDS[reason]
    if reason.startswith("http_5"):
        return f"fails with a server error (HTTP {status or reason[5:]}) on every check"
    if reason.startswith("http_4"):
        return f"answers HTTP {status or reason[5:]}"
    return "no longer works"


def proof_lines(
    opportunity: dict, checks: list[dict], capture: dict | None, anchors_elsewhere: int = 0
) -> list[str]:
    """What a person reads before sending: each fact on a line of its own."""
    o = opportunity
    lines = []
    state = "confirmed dead" if o.get("confirmed") else "suspected dead (not confirmed yet)"
    lines.append(f"{o['target_url']} is {state}: {reason_words(o.get('reason'), o.get('status'))}.")
    if o.get("first_dead_at"):
        lines.append(f"First seen dead: {shown_time(o['first_dead_at'])}"
                     + (f"; confirmed: {shown_time(o['confirmed_at'])}" if o.get("confirmed_at")
                        else ""))  # fmt: skip
    if o.get("last_live_at"):
        lines.append(f"Last seen working: {shown_time(o['last_live_at'])}")
    if checks:
        lines.append(f"Checks ({len(checks)}):")
        for check in checks:
            status = f" HTTP {check['status']}" if check.get("status") else ""
            change = f" [{check['transition']}]" if check.get("transition") else ""
            lines.append(
                f"  {shown_time(check['checked_at'])}: {check['verdict']} "
                f"({check['reason']}){status}{change}"
            )
    lines.append("Evidence: " + why_dead(o.get("reason"), o.get("status"), o.get("evidence")))
    anchor = o.get("anchor_text") or "(a link without text)"
    place = PLACEMENT_WORDS.get(o.get("placement") or "", "")
    lines.append(f'On {o["page_url"]}: the link "{anchor}"' + (f" {place}" if place else ""))
    if o.get("sentence"):
        lines.append(f'  in the sentence: "{o["sentence"]}"')
    if anchors_elsewhere:
        lines.append(f"{anchors_elsewhere} other page(s) link to it too.")
    lines.append(capture_line(capture))
    return lines


def capture_line(capture: dict | None) -> str:
    """The archived capture in one line (or why there is none)."""
    if not capture:
        return "Archive: not looked up yet (run linkprospector wayback)."
    state = capture.get("state")
    if state == "found":
        title = capture.get("title") or "(no title)"
        text = f'Archive: {capture["capture_url"]} ({capture["capture_date"]}): "{title}"'
        if capture.get("description"):
            text += f" - {capture['description']}"
        if capture.get("skipped"):
            text += f" (later captures skipped: {capture['skipped']})"
        return text
    if state == "none":
        before = capture.get("cutoff", "")[:8]
        when = f"{before[:4]}-{before[4:6]}-{before[6:8]}" if len(before) == 8 else before
        extra = f" (skipped: {capture['skipped']})" if capture.get("skipped") else ""
        return f"Archive: no capture in the Wayback Machine before {when}{extra}."
    return f"Archive: the lookup failed ({capture.get('error') or 'error'}); it is tried again."
