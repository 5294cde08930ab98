"""CLI commands for outreach: ``export``, ``import-status`` and ``status``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from linkprospector import clock
from linkprospector.cli.common import READ_DB_HELP, CliError, env_config, existing_store
from linkprospector.config import Config
from linkprospector.store.interface import Store
from linkprospector.store.storage import DEFAULT_DB, StoreError


def _now(config: Config) -> datetime:
    return clock.now(config.now)


def _who(by: str | None) -> str:
    """Who changes a status: ``--by``, else the login name (kept in the history)."""
    if by is not None:
        return by.strip()
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help=READ_DB_HELP)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Workbook to write (xlsx; default output/outreach.xlsx) or folder for the CSV "
    "files (csv; default output/outreach/).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="Spreadsheet format.",
)
@click.option(
    "--min-score",
    type=float,
    default=0.0,
    show_default=True,
    help="Only pages with at least this resource score.",
)
@click.option("--since", "since_run", type=int, help="Only rows first seen in run RUN or later.")
@click.option("--one-per-site", is_flag=True, help="Only the best row per site.")
@click.option(
    "--confirmed-only",
    is_flag=True,
    help="Only dead links confirmed by a second run; suspected ones are exported by "
    "default, marked in the Confirmed column.",
)
@click.option(
    "--include-suspected",
    is_flag=True,
    hidden=True,
    help="Kept for old scripts: suspected dead links are exported by default now.",
)
@click.option(
    "--all-sites",
    is_flag=True,
    help="Include do_not_contact sites and sites contacted recently.",
)
@click.option(
    "--contacted-days",
    type=click.IntRange(min=0),
    help="Leave out sites contacted in the last N days "
    "[default: LINKPROSPECTOR_CONTACTED_DAYS, 30].",
)
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte-order mark (for Excel).")
@click.option("--mine", help="Your own domain: adds the link-intersect sheet.")
def export(
    db: str,
    out: Path | None,
    fmt: str,
    min_score: float,
    since_run: int | None,
    one_per_site: bool,
    confirmed_only: bool,
    include_suspected: bool,
    all_sites: bool,
    contacted_days: int | None,
    bom: bool,
    mine: str | None,
) -> None:
    """Write an outreach workbook (or CSV files) from the database.

    Sheets: broken-link opportunities (one row per linking page and dead URL, with
    contacts and status), resource-page prospects, dead targets ranked by referring
    domains. Edit the Status column and read it back with `import-status`.

    Example: linkprospector export --db output/linkprospector.db --out outreach.xlsx
    """
    from linkprospector.outreach.do_not_contact import (
        DncError,
        do_not_contact,
        server_list_note,
    )
    from linkprospector.outreach.export import ExportOptions, build_export
    from linkprospector.outreach.pitch_template import TemplateError
    from linkprospector.outreach.pitches import build_pitches, load_template
    from linkprospector.outreach.sheet_writers import write_csv, write_xlsx

    config = env_config()
    options = ExportOptions(
        now=_now(config),
        min_score=min_score,
        since_run=since_run,
        one_per_site=one_per_site,
        confirmed_only=confirmed_only and not include_suspected,
        confirm_hours=config.confirm_hours,
        all_sites=all_sites,
        contacted_days=config.contacted_days if contacted_days is None else contacted_days,
        mine=mine,
        config=config,
    )
    try:  # the configured template (LINKPROSPECTOR_PITCH_TEMPLATE): a bad one is one line
        template = load_template(config.pitch_template)
    except TemplateError as exc:
        raise CliError(str(exc)) from None
    store: Store = existing_store(db)
    try:
        with store:  # closed on the way out
            options.dnc = do_not_contact(db, config.dnc_file)
            dnc_note = server_list_note(db, config.dnc_file)
            rows, ranking_rows = store.export_rows(options.query), store.ranking_rows()
            pitches = build_pitches(store, template, min_score=config.pitch_min_score)
        built = build_export(rows, options, ranking_rows, pitches)
    except (StoreError, DncError) as exc:
        raise CliError(str(exc)) from None
    sheets = built.sheets
    for note in filter(None, [dnc_note, *built.notes]):
        click.echo(f"note: {note}", err=True)
    try:
        if fmt == "xlsx":
            out = out or Path("output/outreach.xlsx")
            if out.is_dir():
                raise CliError(f"--out is a folder, not a workbook file: {out}")
            write_xlsx(sheets, out)
            written = [out]
        else:
            out = out or Path("output/outreach")
            if out.exists() and not out.is_dir():
                raise CliError(f"--out for csv must be a folder: {out}")
            written = write_csv(sheets, out, bom=bom)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    counts = ", ".join(f"{len(s.rows)} {s.name.lower()}" for s in sheets)
    click.echo(f"wrote {', '.join(map(str, written))} ({counts})")
    click.echo(built.dead_line)


@click.command("import-status")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to update.")
@click.option("--by", default=None, help="Who made the changes [default: your login name].")
def import_status(file: Path, db: str, by: str | None) -> None:
    """Read the Status and Note columns of an edited export back into the database.

    Only rows whose status or note differ from the database are stored; a bad status
    anywhere stops the import before anything is written.

    Example: linkprospector import-status output/outreach.xlsx
    """
    from linkprospector.outreach.statuses import (
        StatusError,
        read_status_file,
        status_changes,
        status_row,
        statuses_by_key,
    )

    store = existing_store(db)
    try:
        changes = status_changes(read_status_file(file), statuses_by_key(store.status_rows()))
        now = _now(env_config())
        store.save_statuses(
            [status_row(c.key, c.status, now, store.status_row(*_key(c.key)), c.note)
             for c in changes],
            by=_who(by),
        )  # fmt: skip
    except StatusError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    click.echo(f"imported {len(changes)} status change(s) from {file}")


@click.group()
def status() -> None:
    """Set or list outreach statuses (new, contacted, replied, won, lost, do_not_contact).

    Example: linkprospector status set example.com do_not_contact
    """


@status.command("set")
@click.argument("site")
@click.argument("value", metavar="STATUS")
@click.option("--page", default="", help="Page URL: the status of one prospect/opportunity.")
@click.option("--target", default="", help="Dead URL: the status of one broken-link opportunity.")
@click.option("--note", default=None, help="A note kept with the status.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to update.")
@click.option("--by", default=None, help="Who set it [default: your login name].")
def status_set(
    site: str, value: str, page: str, target: str, note: str | None, db: str, by: str | None
) -> None:
    """Set the status of a site, or of one opportunity on it.

    Example: linkprospector status set www.example.com contacted --note "wrote to Jane"
    """
    from linkprospector.outreach.statuses import (
        StatusError,
        StatusKey,
        normalise_site,
        parse_status,
        status_row,
    )

    if target and not page:
        raise CliError("--target needs --page (the page that links to the dead URL)")
    store = existing_store(db)
    try:
        key = StatusKey(normalise_site(site), page.strip(), target.strip())
        value = parse_status(value)
        old = store.status_row(*_key(key))
        store.save_statuses([status_row(key, value, _now(env_config()), old, note)], by=_who(by))
    except StatusError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    where = " ".join(p for p in (key.page_url, key.target_url) if p)
    click.echo(f"{key.site}{' ' + where if where else ''}: {value}")


@status.command("list")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
def status_list(db: str) -> None:
    """List the stored statuses, newest first.

    Example: linkprospector status list
    """
    store = existing_store(db)
    try:
        rows = store.status_rows(newest_first=True)
    finally:
        store.close()
    for row in rows:
        what = " ".join(p for p in (row["page_url"], row["target_url"]) if p) or "(site)"
        note = f"  # {row['note']}" if row["note"] else ""
        click.echo(f"{row['status']:<15} {row['site']:<30} {what}{note}")


def _key(key) -> tuple[str, str, str]:  # noqa: ANN001 - outreach.statuses.StatusKey
    return key.site, key.page_url, key.target_url
