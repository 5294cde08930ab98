"""``linkprospector anchors``: the anchor-text audit of my live backlinks."""

from __future__ import annotations

import click

from linkprospector.cli.common import backlinks_site, existing_store
from linkprospector.store.storage import DEFAULT_DB


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option(
    "--site", help="Your domain (its name counts as a brand) [default: the backlinks crawl's]."
)
@click.option("--brand", "brands", multiple=True, help="A brand name (repeatable).")
@click.option("--keyword", "keywords", multiple=True, help="A target keyword (repeatable).")
@click.option(
    "--exact-share", type=float, default=0.10, show_default=True,
    help="Warn when exact-match anchors are on more than this share of referring domains.",
)  # fmt: skip
@click.option(
    "--one-anchor-share", type=float, default=0.05, show_default=True,
    help="Warn when one commercial anchor is on more than this share of referring domains.",
)  # fmt: skip
def anchors(
    db: str,
    site: str | None,
    brands: tuple,
    keywords: tuple,
    exact_share: float,
    one_anchor_share: float,
) -> None:
    """Anchor texts of live backlinks by class (branded, exact and partial match, naked URL,
    generic, image, other), counted in referring domains, with warnings and link-type
    diversity (follow/nofollow/ugc/sponsored, text/image, placement, TLDs).

    Example: linkprospector anchors --site mysite.com --keyword "home brewing"
    """
    from linkprospector.judge.anchors import CLASSES, AnchorRules, Backlink, audit

    store = existing_store(db)
    try:
        site = backlinks_site(store, site)
        links = [
            Backlink(r["source_url"], r["target_url"], r["anchor_text"], r["kind"], r["rel"],
                     r["placement"])
            for r in store.live_backlinks()
        ]  # fmt: skip
    finally:
        store.close()
    result = audit(links, site, AnchorRules(brands, keywords, exact_share, one_anchor_share))
    total = result.referring_domains
    click.echo(f"anchor texts of live backlinks: {total} referring domain(s)")
    for cls in CLASSES:
        n = result.by_class.get(cls, 0)
        click.echo(f"  {cls:<14} {n:>5}  {n / total:>4.0%}" if total else f"  {cls:<14} {n:>5}")
    click.echo("top anchors (referring domains):")
    for anchor, cls, n in result.top_anchors[:15]:
        click.echo(f"  {n:>5}  {anchor[:60]!r}  ({cls})")
    click.echo("by target page (referring domains per class):")
    for target, counts in sorted(result.by_target.items()):
        shown = ", ".join(f"{cls} {n}" for cls, n in counts.most_common())
        click.echo(f"  {target or '(site)'}: {shown}")
    for kind, counts in sorted(result.diversity.items()):
        shown = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        click.echo(f"{kind}: {shown}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}")
