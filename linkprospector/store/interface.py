"""The store interface: every read and write of the database, by name.

Callers (the CLI, outreach, nightly, pipelines) hold a :class:`Store` and never SQL.
SQLite (``storage.SQLiteStore``) is the embedded implementation; a server database can
implement the same operations, returning the same plain rows (dicts) and dataclasses,
without a caller changing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


class StoreError(Exception):
    """The database cannot be used; the message is one line for the user."""


class UnknownRun(StoreError):
    """A run id the database does not hold."""

    def __init__(self, run_id: int):
        super().__init__(f"no run {run_id} in this database (see the runs table)")
        self.run_id = run_id


@dataclass(frozen=True)
class ExportQuery:
    """Which rows an export reads."""

    min_score: float = 0.0
    since_run: int | None = None
    confirmed_only: bool = False  # dead targets confirmed by a second run only
    mine: str | None = None  # your own domain: the link-intersect rows


@dataclass(frozen=True)
class DeadCounts:
    """Dead targets: confirmed, suspected, and when the earliest suspected one died."""

    confirmed: int = 0
    suspected: int = 0
    first_suspected_at: str | None = None


@dataclass
class CompetitorRows:
    """The competitor analysis rows (no sites: no competitors crawl)."""

    sites: list[str] = field(default_factory=list)
    intersect: list[dict] = field(default_factory=list)
    broken: list[dict] = field(default_factory=list)
    dead_pages: list[dict] = field(default_factory=list)
    profile: list[dict] = field(default_factory=list)


@dataclass
class ExportRows:
    """Everything one export reads, read once."""

    since: str | None  # when run ``since_run`` started
    dead_counts: DeadCounts
    statuses: list[dict]  # the outreach table
    contacts: list[dict]  # site, kind, value, label; ordered
    dead_links: list[tuple[str, str, str, str]]  # target, source, source site, anchor
    broken_links: list[dict]
    prospects: list[dict]
    dead_targets: list[dict]
    guest_posts: list[dict]
    competitors: CompetitorRows
    backlinks: list[dict]


@dataclass
class ReportRows:
    """Everything the HTML report shows, as stored."""

    metrics: dict[str, int]
    dead_by_reason: list[tuple[str, int]]
    runs: list[tuple[int, dict[str, int]]]  # run id, verdict counts
    top_dead: list[dict]
    prospects: list[dict]
    competitors: list[str]
    competitor_dead: list[dict]
    backlink_states: dict[str, int]
    anchors: list[tuple[str, int]]
    lost_backlinks: list[dict]


@dataclass
class SummaryRows:
    """The terminal summary's counts and top rows."""

    pages: int
    links: int
    targets: int
    by_verdict: list[tuple[str, str, int]]  # verdict, reason, count; dead first
    prospect_count: int
    prospects: list[tuple[str, float, str]]  # url, score, title
    dead_link_count: int
    dead_links: list[tuple[str, str, str]]  # source, target, reason


class Store(Protocol):
    """The operations every backend provides (rows are dicts unless named)."""

    name: str  # where the rows come from, as a page or a message shows it (no password)

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...

    # -- a crawl's writes
    def start_run(self, spider: str, args: dict[str, Any], started_at: str) -> int: ...
    def set_run_pid(self, run_id: int, pid: int) -> None: ...
    def finish_run(self, run_id: int, status: str, finished_at: str, stats: dict) -> None: ...
    def mark_stale_runs(self, now: str) -> int: ...
    def write_batch(
        self,
        run_id: int | None,
        confirm_hours: float,
        *,
        pages: Iterable[dict] = (),
        links: Iterable[dict] = (),
        targets: Iterable[dict] = (),
        contacts: Iterable[dict] = (),
    ) -> None: ...
    def record_search(self, search: dict, run_id: int | None) -> None: ...
    def record_removed_links(self, run_id: int, now: str) -> int: ...
    def record_changes(self, run_id: int, counts: dict[str, int]) -> Any: ...
    def changes(self, run_id: int | None = None) -> Any: ...

    # -- parked hosts: the host's other targets, judged again, recorded like any check
    def host_targets(self, host: str) -> list[dict]: ...
    def save_parked_hosts(
        self,
        rows: list[dict],
        unparked: Iterable[str],
        judged: list[dict],
        run_id: Any,
        confirm_hours: float,
    ) -> None: ...

    # -- backlinks
    def record_backlink(
        self, row: dict, run_id: int | None, now: str, confirm_hours: float
    ) -> list[str]: ...
    def live_backlinks(self) -> list[dict]: ...
    def add_toxic_signals(self, signals: Iterable[Any]) -> int: ...
    def backlink_rows(self, state: str | None = None) -> list[dict]: ...
    def backlink_summary(self) -> dict[str, Any]: ...
    def latest_run_args(self, spider: str) -> dict[str, Any]: ...
    def toxic_sources(self, min_score: int) -> list[tuple[str, int, list[str]]]: ...
    def previous_import(self, sha256: str, site: str, file: str) -> Any: ...  # ImportSummary
    def import_tables(self, tables: Iterable[Any], **where: Any) -> Any: ...  # ImportSummary
    def pages_to_check(
        self, import_ids: list[int], after: int = 0, limit: int = 1000
    ) -> list[tuple[int, str]]: ...
    def claims_of_page(self, import_ids: list[int], source_url: str) -> list[dict]: ...

    # -- reads for people
    def export_rows(self, query: ExportQuery) -> ExportRows: ...
    def run_started_at(self, run_id: int) -> str: ...
    def dead_counts(self) -> DeadCounts: ...
    def report_rows(self, top_dead: int, runs_shown: int) -> ReportRows: ...
    def summary_rows(self, top: int, hidden_sites: Iterable[str] = ()) -> SummaryRows: ...

    # -- the prospect ranking's inputs (store/prospect_store.RankingRows)
    def ranking_rows(self) -> Any: ...
    def record_niche(self, keywords: Iterable[str], pages: Iterable[str], now: Any) -> None: ...
    def load_niche(self) -> Any: ...  # prospect_store.StoredNiche | None
    def known_names(self) -> set[str]: ...
    def store_domain_ranks(
        self, rows: Iterable[Any], keep: set[str] | None, source: str, now: Any
    ) -> tuple[int, int]: ...
    def status_events(self, site: str | None = None) -> list[dict]: ...

    # -- competitors
    def competitor_sites(self) -> list[str]: ...
    def competitor_broken_links(self, sites: list[str]) -> list[dict]: ...
    def competitor_dead_pages(self, sites: list[str]) -> list[dict]: ...
    def competitor_profile(self, sites: list[str], top: int) -> list[dict]: ...
    def link_intersect(
        self, mine: str, sites: list[str], min_competitors: int = 1
    ) -> list[dict]: ...

    # -- outreach statuses (the only table people write)
    def status_rows(self, newest_first: bool = False) -> list[dict]: ...
    def status_row(self, site: str, page_url: str, target_url: str) -> dict | None: ...
    def save_statuses(self, rows: list[dict], by: str = "") -> None: ...

    # -- the pitch work: the user's pages, captures, replacements, pitch statuses
    def save_pitch_pages(self, pages: list[dict], contexts: list[dict]) -> None: ...
    def load_my_pages(self) -> list[dict]: ...
    def my_sites(self) -> list[str]: ...
    def dead_targets_to_look_up(self, limit: int | None = None) -> list[dict]: ...
    def save_capture(self, row: dict) -> None: ...
    def load_captures(self) -> dict[str, dict]: ...
    def opportunities(self, target: str | None = None) -> list[dict]: ...
    def anchors_and_sentences(self) -> dict[str, tuple[list[str], list[str]]]: ...
    def check_history(self, urls: Iterable[str]) -> dict[str, list[dict]]: ...
    def contacts_of_sites(self) -> dict[str, list[dict]]: ...
    def save_replacements(self, target: str, rows: list[dict], ranked_at: str) -> None: ...
    def load_replacements(self) -> dict[str, list[dict]]: ...
    def load_pitch_statuses(self) -> dict[tuple[str, str], dict]: ...
    def save_pitch_status(self, row: dict) -> None: ...
    def save_pitch_and_outreach_status(self, row: dict, outreach: list[dict]) -> None: ...
    def page_links_to(self, page_url: str, sites: list[str]) -> list[str]: ...
    def page_fetched_at(self, url: str) -> str | None: ...
