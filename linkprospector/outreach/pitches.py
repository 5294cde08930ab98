"""From dead links to pitches: rank the user's pages for each dead target, then draft one
pitch per opportunity (linking page × dead target × best replacement) with its proof.

The judgement is elsewhere: ranking in ``judge/replacement.py`` (BM25), the template in
``outreach/pitch_template.py``, the proof in ``pitch_proof.py``; reads and writes are
operations of the store (``store/pitch_store.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from linkprospector import clock
from linkprospector.config import DEFAULTS
from linkprospector.judge.replacement import DeadPage, MyPage, ReplacementIndex
from linkprospector.outreach.pitch_proof import proof_lines, reason_words
from linkprospector.outreach.pitch_statuses import won_check
from linkprospector.outreach.pitch_template import DEFAULT_TEMPLATE, TemplateError, fill_template
from linkprospector.reading.contacts import Contact, pick_best_contact
from linkprospector.store.interface import Store

NO_REPLACEMENT = "no good replacement"
#: Local parts of addresses that name a role, not a person (never a greeting's name).
ROLE_ADDRESSES = frozenset(
    {"admin", "committee", "contact", "editor", "editors", "enquiries", "hello", "help", "info",
     "mail", "office", "press", "sales", "support", "team", "webmaster"}
)  # fmt: skip


def load_template(path: str | Path | None) -> str:
    """The pitch template from a file ('' or None: the built-in one); TemplateError if bad."""
    if not path:
        return DEFAULT_TEMPLATE
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise TemplateError(f"cannot read the pitch template {path}: {reason}") from None
    fill_template(text, {})  # an unknown placeholder fails here, before any pitch
    return text


def rank_replacements(store: Store, min_score: float) -> dict[str, list[dict]]:
    """The user's pages ranked for every dead target that pages link to (top three each)."""
    pages = [
        MyPage(row["url"], row["title"] or "", row["description"] or "", row["headings"] or "",
               row["text"] or "")
        for row in store.load_my_pages()
    ]  # fmt: skip
    index = ReplacementIndex(pages)
    captures = store.load_captures()
    ranked: dict[str, list[dict]] = {}
    for target, (anchors, sentences) in sorted(store.anchors_and_sentences().items()):
        capture = captures.get(target) or {}
        found = capture.get("state") == "found"
        dead = DeadPage(
            target, anchors, sentences,
            title=(capture.get("title") or "") if found else "",
            description=(capture.get("description") or "") if found else "",
            text=f"{capture.get('headings') or ''} {capture.get('text') or ''}" if found else "",
        )  # fmt: skip
        ranked[target] = [
            {"url": r.url, "score": r.score, "matched": " ".join(r.matched),
             "good": int(r.good(min_score))}
            for r in index.rank(dead)
        ]  # fmt: skip
    return ranked


def rank_all(store: Store, now: datetime, min_score: float) -> tuple[int, int]:
    """Rank and store the top three replacements of every dead target; returns (dead
    targets with a good replacement, dead targets without one)."""
    ranked = rank_replacements(store, min_score)
    for target, rows in ranked.items():
        store.save_replacements(target, rows, clock.iso(now))
    good = sum(bool(rows and rows[0]["good"]) for rows in ranked.values())
    return good, len(ranked) - good


@dataclass
class Pitch:
    """One opportunity and its draft."""

    page_url: str
    target_url: str
    anchor: str
    site: str
    contact: str  # the best way to reach the site ('' when none is known)
    contact_name: str
    replacement: dict | None  # the best good replacement (url, score, matched, title)
    alternatives: list[dict] = field(default_factory=list)
    status: str = "not_sent"
    note: str = ""
    won: str = ""  # for a won pitch: is the user's link on the page?
    text: str = ""  # the draft ('' without a good replacement)
    proof: list[str] = field(default_factory=list)
    capture: dict | None = None

    @property
    def replacement_cell(self) -> str:
        return self.replacement["url"] if self.replacement else NO_REPLACEMENT


def build_pitches(
    store: Store,
    template: str = DEFAULT_TEMPLATE,
    target: str | None = None,
    min_score: float = DEFAULTS.pitch_min_score,
    excluded: Collection[str] = frozenset(),
) -> list[Pitch]:
    """Every opportunity (of one dead target with ``target``) with its proof and draft;
    none on the ``excluded`` sites (the do-not-contact list: never pitched, never shown)."""
    rows = [row for row in store.opportunities(target) if row["source_site"] not in excluded]
    captures = store.load_captures()
    replacements = rank_replacements(store, min_score)
    statuses = store.load_pitch_statuses()
    contacts = store.contacts_of_sites()
    history = store.check_history([row["target_url"] for row in rows])
    titles = {page["url"]: page["title"] or "" for page in store.load_my_pages()}
    sites = store.my_sites()
    referring = Counter(row["target_url"] for row in rows)
    pitches = []
    for row in rows:
        ranked = [
            {**r, "title": titles.get(r["url"], "")}
            for r in replacements.get(row["target_url"], [])
        ]
        best = ranked[0] if ranked and ranked[0]["good"] else None
        capture = captures.get(row["target_url"])
        site_contacts = contacts.get(row["source_site"] or "", [])
        status_row = statuses.get((row["page_url"], row["target_url"])) or {}
        pitch = Pitch(
            page_url=row["page_url"], target_url=row["target_url"],
            anchor=row["anchor_text"] or "", site=row["source_site"] or "",
            contact=_best_contact(site_contacts),
            contact_name=_name(site_contacts, row["page_url"]),
            replacement=best, alternatives=ranked[1:] if best else ranked,
            status=status_row.get("status") or "not_sent", note=status_row.get("note") or "",
            capture=capture,
            proof=proof_lines(row, history.get(row["target_url"], []), capture,
                              referring[row["target_url"]] - 1),
        )  # fmt: skip
        if pitch.status == "won":
            pitch.won = won_check(store, status_row, sites)
        if best is not None:
            values = _values(row, pitch, best, capture, sites)
            pitch.text = fill_template(template, values)
        pitches.append(pitch)
    return pitches


def _values(row: dict, pitch: Pitch, best: dict, capture: dict | None, sites: list[str]) -> dict:
    found = capture if capture and capture.get("state") == "found" else {}
    return {
        "contact_name": pitch.contact_name,
        "linking_page": row["page_url"],
        "linking_title": row.get("page_title") or "",
        "linking_site": row.get("source_site") or "",
        "anchor": row.get("anchor_text") or "",
        "link_sentence": row.get("sentence") or "",
        "dead_url": row["target_url"],
        "dead_reason": reason_words(row.get("reason"), row.get("status")),
        "dead_since": (row.get("first_dead_at") or "")[:10],  # stored UTC ISO: its day
        "dead_title": found.get("title") or "",
        "dead_summary": _first_sentences(found.get("description") or found.get("text") or ""),
        "archive_url": found.get("capture_url") or "",
        "archive_date": found.get("capture_date") or "",
        "replacement_url": best["url"],
        "replacement_title": best.get("title") or "",
        "why_fits": ", ".join(best["matched"].split()[:6]),
        "my_site": sites[0] if sites else "",
    }


def _first_sentences(text: str, limit: int = 240) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("。"))
    return cut[: end + 1] if end > 60 else cut.rsplit(" ", 1)[0] + "…"


def _best_contact(rows: list[dict]) -> str:
    contacts = [Contact(r["kind"], r["value"], r.get("label") or "") for r in rows]
    best = pick_best_contact(contacts)
    return best.value if best else ""


def _name(rows: list[dict], page_url: str) -> str:
    """The author named on the linking page itself, else the site's only author, else the
    first name a personal address is made of (lena@… → Lena)."""
    authors = [r for r in rows if r["kind"] == "author"]
    on_page = [r["value"] for r in authors if r.get("source_url") == page_url]
    if on_page:
        return on_page[0]
    names = {r["value"] for r in authors}
    if len(names) == 1:
        return names.pop()
    personal = [r["value"].split("@")[0] for r in rows
                if r["kind"] == "email" and r.get("label") == "personal"]  # fmt: skip
    first = [
        local for local in personal
        if local.isalpha() and 2 < len(local) <= 12 and local.lower() not in ROLE_ADDRESSES
    ]  # fmt: skip
    return first[0].capitalize() if len(set(first)) == 1 else ""
