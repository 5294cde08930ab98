"""CLI commands for prospect ranking and outreach hygiene: ``niche``, ``dnc``, ``ranks``
and ``status history``."""

from __future__ import annotations

import gzip
from pathlib import Path

import click

from linkprospector import clock
from linkprospector.cli.common import CliError, existing_store
from linkprospector.config import Config, ConfigError
from linkprospector.store.storage import DEFAULT_DB


def _config() -> Config:
    try:
        return Config.from_env()
    except ConfigError as exc:
        raise CliError(str(exc)) from None


@click.group()
def niche() -> None:
    """Describe your niche once: keywords and/or your own pages. Prospects are scored for
    relevance against it (BM25) and off-niche ones are hidden.

    Example: linkprospector niche set "composting, vegetable garden" --page https://mysite.example/
    """


@niche.command("set")
@click.argument("keywords", required=False, default="")
@click.option("--page", "pages", multiple=True, help="URL of one of your own pages (repeat).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to update.")
def niche_set(keywords: str, pages: tuple[str, ...], db: str) -> None:
    """Store the niche: comma-separated KEYWORDS and/or --page URLs of your own site
    (crawl those pages once so their text is known).

    Example: linkprospector niche set "堆肥, compost, Kompost"
    """
    from linkprospector.inputs.niche_args import split_niche
    from linkprospector.inputs.spider_args import ArgumentError

    try:
        parsed = split_niche([*keywords.split(","), *pages])
    except ArgumentError as exc:
        raise CliError(str(exc)) from None
    store = existing_store(db)
    try:
        store.record_niche(parsed.keywords, parsed.pages, clock.now(_config().now))
    finally:
        store.close()
    click.echo(
        f"niche: {', '.join(parsed.keywords) or '-'}; pages: {', '.join(parsed.pages) or '-'}"
    )


@niche.command("show")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
def niche_show(db: str) -> None:
    """Print the stored niche.

    Example: linkprospector niche show
    """
    store = existing_store(db)
    try:
        stored = store.load_niche()
    finally:
        store.close()
    if stored is None:
        raise CliError("no niche stored (linkprospector niche set …, or -a niche=… on a crawl)")
    click.echo(f"keywords: {', '.join(stored.keywords) or '-'}")
    click.echo(f"pages:    {', '.join(stored.pages) or '-'}")
    click.echo(f"updated:  {stored.updated_at}")


@click.group()
def dnc() -> None:
    """The do-not-contact list: domains and e-mail addresses never exported for outreach
    (a text file beside the database, or LINKPROSPECTOR_DNC_FILE).

    Example: linkprospector dnc add example.com jane@example.org
    """


@dnc.command("add")
@click.argument("entries", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The list sits beside it.")
def dnc_add(entries: tuple[str, ...], db: str) -> None:
    """Add domains, URLs (their registrable domain) or e-mail addresses to the list.

    Example: linkprospector dnc add www.example.com owner@example.net
    """
    from linkprospector.outreach.do_not_contact import DncError, add_to_dnc, dnc_path

    path = dnc_path(db, _config().dnc_file)
    try:
        added = add_to_dnc(path, list(entries))
    except DncError as exc:
        raise CliError(str(exc)) from None
    already = len(set(entries)) - len(added)
    click.echo(
        f"added {len(added)} to {path}" + (f" ({already} already listed)" if already else "")
    )


@dnc.command("list")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The list sits beside it.")
def dnc_list(db: str) -> None:
    """Print the list: domains, then addresses.

    Example: linkprospector dnc list
    """
    from linkprospector.outreach.do_not_contact import DncError, dnc_path, read_dnc

    path = dnc_path(db, _config().dnc_file)
    try:
        found = read_dnc(path)
    except DncError as exc:
        raise CliError(str(exc)) from None
    for value in [*sorted(found.domains), *sorted(found.addresses)]:
        click.echo(value)
    click.echo(f"# {len(found.domains)} domain(s), {len(found.addresses)} address(es) in {path}")


@click.group()
def ranks() -> None:
    """Open domain ranks to blend into authority (LINKPROSPECTOR_DOMAIN_RANK_WEIGHT).

    Example: linkprospector ranks load cc-main-2025-26-domain-ranks.txt.gz
    """


@ranks.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to update.")
@click.option("--all", "keep_all", is_flag=True, help="Keep every row, not only known hosts.")
def ranks_load(file: Path, db: str, keep_all: bool) -> None:
    """Load a Common Crawl host- or domain-ranks file (tab-separated, header
    #harmonicc_pos #harmonicc_val #pr_pos #pr_val #host_rev; .gz read as is). Only the
    rows of hosts and domains the crawls have met are kept, unless --all.

    Example: linkprospector ranks load cc-main-2024-25-dec-jan-feb-domain-ranks.txt.gz
    """
    from linkprospector.judge.domain_ranks import RankFileError, parse_rank_lines

    if not file.is_file():
        raise CliError(f"no such file: {file}")
    store = existing_store(db)
    opener = gzip.open if file.suffix == ".gz" else open
    try:
        with opener(file, "rt", encoding="utf-8", errors="replace") as handle:
            keep = None if keep_all else store.known_names()
            read, kept = store.store_domain_ranks(
                parse_rank_lines(handle), keep, file.name, clock.now(_config().now)
            )
    except RankFileError as exc:
        raise CliError(f"{file}: {exc}") from None
    except (OSError, EOFError) as exc:
        raise CliError(f"cannot read {file}: {exc}") from None
    finally:
        store.close()
    click.echo(f"loaded {kept} of {read} ranked names from {file}")


@click.command("history")
@click.argument("site", required=False)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
def status_history(site: str | None, db: str) -> None:
    """Every status change, oldest first, with who made it and when (the history is
    append-only), and how many times each site was contacted.

    Example: linkprospector status history example.com
    """
    from collections import Counter

    from linkprospector.outreach.statuses import StatusError, normalise_site

    try:
        site = normalise_site(site) if site else None
    except StatusError as exc:
        raise CliError(str(exc)) from None
    store = existing_store(db)
    try:
        events = store.status_events(site)
    finally:
        store.close()
    for e in events:
        what = " ".join(p for p in (e["page_url"], e["target_url"]) if p) or "(site)"
        by = f" by {e['by']}" if e["by"] else ""
        note = f"  # {e['note']}" if e["note"] else ""
        click.echo(f"{e['at']}  {e['status']:<15} {e['site']:<28} {what}{by}{note}")
    sent = Counter(e["site"] for e in events if e["status"] == "contacted")
    for name, times in sorted(sent.items()):
        click.echo(f"{name}: contacted {times} time(s)")
