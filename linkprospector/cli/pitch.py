"""``linkprospector wayback``, ``pitch`` and ``pitch-status``: what each dead
page was, the user's best replacement, a pitch draft with its proof, and its status."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linkprospector import clock
from linkprospector.cli.common import CliError, env_config, existing_store
from linkprospector.store.storage import DEFAULT_DB


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to update.")
@click.option("--limit", type=click.IntRange(min=1), help="Look up at most this many dead URLs.")
def wayback(db: str, limit: int | None) -> None:
    """Look each dead URL up in the Wayback Machine: its last capture before the link was
    last seen working, and what the page said (title, description, headings, text).

    Resumable and polite: finished lookups are kept and not repeated, requests are
    LINKPROSPECTOR_WAYBACK_DELAY seconds apart; LINKPROSPECTOR_WAYBACK=0 switches it off and
    LINKPROSPECTOR_WAYBACK_URL points it at another archive. Exit code 1 when the archive
    cannot be reached (nothing is lost: the next run resumes).

    Example: linkprospector wayback --db output/linkprospector.db
    """
    from linkprospector.crawl.wayback_lookup import look_up_dead_pages

    config = env_config()
    store = existing_store(db)
    try:
        summary = look_up_dead_pages(store, config, clock.now(config.now), limit)
    finally:
        store.close()
    unreachable = bool(summary.skipped) and config.wayback
    click.echo(summary.line(), err=unreachable)
    if unreachable:
        sys.exit(1)


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option("--target", help="Only the pitches for this dead URL.")
@click.option(
    "--template",
    type=click.Path(dir_okay=False),
    help="Pitch template file (default: LINKPROSPECTOR_PITCH_TEMPLATE, else the built-in one).",
)
@click.option("--ready", is_flag=True, help="Only pitches that have a good replacement.")
def pitch(db: str, target: str | None, template: str | None, ready: bool) -> None:
    """Rank your pages as replacements for each dead URL and print a pitch per
    opportunity (linking page × dead URL × best replacement) with the proof behind it.

    Your pages come from a crawl with -a mysite=https://… (or the nightly [site] table);
    what the dead pages were from `linkprospector wayback`. The template's placeholders
    are listed in the README ("From dead link to pitch").

    Example: linkprospector pitch --db output/linkprospector.db --target http://old.example/guide
    """
    from linkprospector.outreach.do_not_contact import DncError, do_not_contact
    from linkprospector.outreach.pitch_statuses import refresh_won_links
    from linkprospector.outreach.pitch_template import TemplateError
    from linkprospector.outreach.pitches import build_pitches, load_template, rank_all
    from linkprospector.outreach.ranking import excluded_for_outreach

    config = env_config()
    try:
        text = load_template(template or config.pitch_template)
    except TemplateError as exc:
        raise CliError(str(exc)) from None
    store = existing_store(db)
    try:
        if not store.load_my_pages():
            raise CliError(
                "no pages of your site in this database: crawl with -a mysite=https://your-site "
                "(or a nightly [site] table) first"
            )
        if target and not store.opportunities(target):
            raise CliError(f"no page links to a dead {target} in {store.name}")
        good, bad = rank_all(store, clock.now(config.now), config.pitch_min_score)
        dnc = do_not_contact(db, config.dnc_file)
        never = excluded_for_outreach(store.ranking_rows().contacts, dnc)
        pitches = build_pitches(store, text, target, config.pitch_min_score, never)
        won_lines = refresh_won_links(store)
    except DncError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    shown = [p for p in pitches if p.text or not ready]
    click.echo(f"{len(pitches)} opportunities; dead URLs with a good replacement: {good}, "
               f"without: {bad}")  # fmt: skip
    for line in won_lines:
        click.echo(line)
    for p in shown:
        click.echo("")
        click.echo(f"== {p.page_url} -> {p.target_url}  [{p.status}]")
        if p.replacement:
            r = p.replacement
            click.echo(f"replacement: {r['url']} (score {r['score']}; matched: {r['matched']})")
        else:
            best = p.alternatives[0] if p.alternatives else None
            near = f" (best was {best['url']}, score {best['score']})" if best else ""
            click.echo(f"replacement: no good replacement{near}")
        if p.contact or p.contact_name:
            click.echo(f"contact: {p.contact_name or '?'} <{p.contact or '?'}>")
        if p.won:
            click.echo(f"won: {p.won}")
        if p.text:
            click.echo("--- pitch ---")
            click.echo(p.text.rstrip())
        click.echo("--- proof ---")
        click.echo("\n".join(p.proof))


@click.command("pitch-status")
@click.argument("status", required=False)
@click.option("--page", help="The linking page of the pitch.")
@click.option("--target", help="The dead URL of the pitch.")
@click.option("--note", default=None, help="A note kept with the status.")
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An edited workbook (its Pitches sheet) or pitches.csv: every changed Pitch status.",
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to update.")
def pitch_status(
    status: str | None,
    page: str | None,
    target: str | None,
    note: str | None,
    from_file: Path | None,
    db: str,
) -> None:
    """Set a pitch's status: not_sent, sent, replied, won or declined (one pitch, or every
    changed row of an edited Pitches sheet). Crawls never reset it; a won pitch is
    confirmed when the next crawl finds your link on the page.

    Example: linkprospector pitch-status sent --page http://a.example/links --target http://old.example/guide
    """
    from linkprospector.outreach.pitch_statuses import (
        PitchStatusError,
        pitch_status_changes,
        read_pitch_sheet,
        set_pitch_status,
    )

    if from_file is None and not (status and page and target):
        raise CliError("give a STATUS with --page and --target, or --from an edited workbook")
    config = env_config()
    store = existing_store(db)
    try:
        if from_file is not None:
            changes = pitch_status_changes(read_pitch_sheet(from_file), store.load_pitch_statuses())
        else:
            changes = [(page, target, status, note)]
        known = {(o["page_url"], o["target_url"]) for o in store.opportunities()}
        for change_page, change_target, *_ in changes:
            if (change_page, change_target) not in known:
                raise CliError(f"{change_page} has no dead link to {change_target} in {store.name}")
        for change_page, change_target, change_status, change_note in changes:
            set_pitch_status(store, change_page, change_target, change_status,
                             clock.now(config.now), change_note)  # fmt: skip
    except PitchStatusError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    for change_page, change_target, change_status, _ in changes:
        click.echo(f"{change_status.strip().lower()}: {change_page} -> {change_target}")
    if from_file is not None:
        click.echo(f"{len(changes)} pitch status(es) changed")
