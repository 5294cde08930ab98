"""``linkprospector disavow``: a disavow file from the toxic signals."""

from __future__ import annotations

from pathlib import Path

import click

from linkprospector import clock
from linkprospector.cli.common import CliError, backlinks_site, existing_store
from linkprospector.store.storage import DEFAULT_DB

MAX_WARNINGS = 20  # warning lines shown; the rest are counted


def _read(path: Path, what: str) -> tuple[str, bool]:
    """The file's text and whether it starts with a byte-order mark (kept when written)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig"), data.startswith(b"\xef\xbb\xbf")
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text (Search Console wants UTF-8 or ASCII)") from None


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option(
    "--merge",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your existing disavow file: every line is kept as written; suggestions are added.",
)
@click.option(
    "--allowlist",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Domains never to disavow, one per line.",
)
@click.option(
    "--site", "sites", multiple=True, help="Your own domain (never disavowed; repeatable)."
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=50,
    show_default=True,
    help="Toxic score from which a domain is suggested.",
)
def disavow(
    db: str, out: Path, merge: Path | None, allowlist: Path | None, sites: tuple, min_score: int
) -> None:
    """Write Google's disavow file: domains of referring pages whose links score at least
    --min-score, each with a comment giving the reasons and the date, merged with your
    file. Nothing is uploaded: read it, then upload it in Search Console yourself.

    Example: linkprospector disavow --out disavow.txt --merge my-old-disavow.txt --site mysite.com
    """
    from linkprospector.outreach.disavow import Candidate, DisavowError, merge_disavow
    from linkprospector.reading.urls import site_of

    existing, bom = _read(merge, "disavow file") if merge else ("", False)
    never = set(sites)
    if allowlist:
        lines = _read(allowlist, "allowlist")[0].splitlines()
        never |= {line.split("#")[0].strip() for line in lines} - {""}
    store = existing_store(db)
    try:
        never.add(backlinks_site(store, sites[0] if sites else None))
        rows = store.toxic_sources(min_score)
    finally:
        store.close()
    best: dict[str, Candidate] = {}
    for url, score, reasons in rows:
        domain = site_of(url)
        if domain not in best or score > best[domain].score:
            best[domain] = Candidate(domain, score, tuple(reasons))
    try:
        merged = merge_disavow(best.values(), existing, never, clock.iso(clock.now())[:10])
    except DisavowError as exc:
        raise CliError(f"nothing written: {exc}") from None
    for warning in merged.warnings[:MAX_WARNINGS]:
        click.echo(f"warning: {merge} {warning} (kept as written)", err=True)
    if len(merged.warnings) > MAX_WARNINGS:
        more = len(merged.warnings) - MAX_WARNINGS
        click.echo(f"warning: {merge}: {more} more line(s) Google would likely reject", err=True)
    try:
        out.write_bytes((b"\xef\xbb\xbf" if bom else b"") + merged.text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(
        f"wrote {out}: {merged.added} new domain(s) with toxic score >= {min_score}, "
        f"{merged.kept} line(s) kept from your file"
        + (f", {len(merged.warnings)} of them likely rejected by Google" if merged.warnings else "")
    )
