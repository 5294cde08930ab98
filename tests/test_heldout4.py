"""A fourth held-out corpus for the resource-page scorer (tests/fixtures/heldout4/, see
its SOURCES.md): real pages that sites' generators built (Hugo, Hexo, Eleventy, Sphinx,
hand-written HTML), copied verbatim, in English, German, Spanish, French, Portuguese,
Japanese, Chinese and Russian. Few resource pages (blogrolls, friend links, "Liens",
bookmarks, a researcher's リンク集) and many hard negatives: link-heavy posts and
tutorials, a weekly diary post, a microblog, tag, category, series and archive pages, an
HTML sitemap, an author page, talk and publication lists, about, colophon and credits
pages, release notes, a documentation index, generated index and search pages, and
"links" pages that only list their author's own accounts. The classes were decided by
reading the pages, before the scorer was run on them.

Measured before any change, over the 55 scored pages (9 resource pages): precision 0.75
(6 of 8), recall 0.67 (6 of 9). Fixed: a musician's "ссылки" page of their own accounts
on seven platforms (the links carry the site's own name), and a blogroll table with a
"found on" date per site (its dated entries link to sites' home pages). After: precision
0.875 (7 of 8), recall 0.78 (7 of 9); the three pages still wrong are KNOWN_WRONG."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import resource_class

FIXTURES = Path(__file__).parent / "fixtures" / "heldout4"

#: page -> (its site's real URL, so that links to the site's own hosts are internal; is
#: it a resource page?)
RESOURCE_CASES = {
    "de_cblte_blogroll": ("https://cblte.github.io/blogroll/", True),
    "de_cblte_bookmarks": ("https://cblte.github.io/bookmarks/", True),
    "de_cblte_feeds": ("https://cblte.github.io/rss-feeds/", False),
    "de_cblte_microblog": ("https://cblte.github.io/microblog/", False),
    "de_cblte_post_anonym": (
        "https://cblte.github.io/2020/11/sicher-und-anonym-im-internet-surfen/",
        False,
    ),
    "de_cblte_post_wikipedia": ("https://cblte.github.io/2021/01/happy-birthday-wikipedia/", False),
    "de_cblte_tag_linkpost": ("https://cblte.github.io/tags/linkpost/", False),
    "de_cblte_week_20_50": (
        "https://cblte.github.io/2020/12/was-bisher-geschah-woche-20-50/",
        False,
    ),
    "en_0xdstn_podcast_recs": ("https://0xdstn.site/thoughts/podcast-recommendations/", False),
    "en_0xdstn_sitemap": ("https://0xdstn.site/sitemap/", False),
    "en_0xdstn_wiki_dev": ("https://0xdstn.site/wiki/development/", False),
    "en_guites_blogroll": ("https://guites.dev/blogroll/", True),
    "en_guites_index": ("https://guites.dev/", False),
    "en_snappy_credits": ("https://snappy.computop.org/credits.html", False),
    "en_snappy_genindex": ("https://snappy.computop.org/genindex.html", False),
    "en_snappy_index": ("https://snappy.computop.org/index.html", False),
    "en_snappy_news": ("https://snappy.computop.org/news.html", False),
    "en_snappy_other": ("https://snappy.computop.org/other.html", False),
    "en_snappy_search": ("https://snappy.computop.org/search.html", False),
    "en_tom_blog_index": ("https://tomcasavant.com/blog/", False),
    "en_tom_post_minetest": (
        "https://tomcasavant.com/blog/2024/2024-03-24-minetest-activitypub-bridge/",
        False,
    ),
    "en_tom_post_superpower": (
        "https://tomcasavant.com/blog/Legacy/2018-06-11-superpower-generator-programming-an-alexa-skill-with-reddit-rss-feeds/",
        False,
    ),
    "en_tom_tags": ("https://tomcasavant.com/tags/", False),
    "es_vctrsnts_blogroll": ("https://vctrsnts.github.io/blogroll/", True),
    "es_vctrsnts_category": ("https://vctrsnts.github.io/categories/linux/", False),
    "es_vctrsnts_colophon": ("https://vctrsnts.github.io/colophon/", False),
    "es_vctrsnts_post_beszel": (
        "https://vctrsnts.github.io/posts/2026-06-10-usando-beszel/",
        False,
    ),
    "fr_hgmarty_archives": ("https://hgmarty.github.io/archives/", False),
    "fr_hgmarty_category": ("https://hgmarty.github.io/categories/news/", False),
    "fr_hgmarty_liens": ("https://hgmarty.github.io/liens/", True),
    "fr_hgmarty_post": ("https://hgmarty.github.io/p/pourquoi-choisir-ansel-photos/", False),
    "fr_hgmarty_search": ("https://hgmarty.github.io/search/", False),
    "ja_kemmochi_author": ("https://t-kemmochi.github.io/ja/authors/admin/", False),
    "ja_kemmochi_links": ("https://t-kemmochi.github.io/ja/links/", True),
    "ja_kemmochi_memo": ("https://t-kemmochi.github.io/ja/memo/elliptic-max-norm/", False),
    "ja_kemmochi_news": ("https://t-kemmochi.github.io/ja/news/", False),
    "ja_kemmochi_publications": ("https://t-kemmochi.github.io/ja/publications/", False),
    "ja_kemmochi_talks": ("https://t-kemmochi.github.io/ja/talks/", False),
    "ja_rkoide_about": ("https://rkoide.dev/ja/about.html", False),
    "ja_rkoide_articles": ("https://rkoide.dev/ja/articles/", False),
    "ja_rkoide_links": ("https://rkoide.dev/ja/links/", False),
    "ja_rkoide_post": (
        "https://rkoide.dev/ja/articles/latex/2025-12-23-lualatex-font-settings/",
        False,
    ),
    "pt_guites_read_your_blog": ("https://guites.dev/eu-vou-ler-seu-blog/", False),
    "ru_d7tun6_links": ("https://d7tun6.site/ru/links/", False),
    "zh_guanqr_about": ("https://guanqr.com/about/", False),
    "zh_guanqr_archives": ("https://guanqr.com/archives/", False),
    "zh_guanqr_blogroll": ("https://guanqr.com/blogroll/", True),
    "zh_guanqr_post": ("https://guanqr.com/life/ideas/wechat-article-typography/", False),
    "zh_guanqr_series": ("https://guanqr.com/series/create-a-blog/", False),
    "zh_guanqr_tag": ("https://guanqr.com/tags/apple/", False),
    "zh_rikucherry_post": ("https://rikucherry1993.me/posts/2021-09-10sysout/", False),
    "zh_rikucherry_tag": ("https://rikucherry1993.me/tags/android/", False),
}
#: Measured wrong and not fixed (see the reasons).
KNOWN_WRONG = {
    # Every podcast is linked through one share host (pca.st): 18 entries on 2 sites,
    # and the descriptions run to several sentences. Counting URLs instead of sites would
    # let a page linking many pages of one other site (docs, a shop) pass.
    "de_cblte_podcasts": ("https://cblte.github.io/podcasts/", True),
    # A dated "default apps" post: list items "Label: linked app", a third of them with no
    # link. Taken for a list of tools; what tells it apart (the author's own choices) is
    # wording. The share of link-less items was looked at: real link pages have as many.
    "en_0xdstn_default_apps": ("https://0xdstn.site/thoughts/default-apps-2023/", False),
    # Bookmark cards (a heading link, then the bookmarked page's quoted summary): the
    # summaries are often paragraphs, so the cards read as article sections (entries are
    # 25% of the text). Letting long descriptions count would take listicle posts too.
    "en_tom_bookmarks": ("https://tomcasavant.com/bookmarks/", True),
}
#: Roundup posts whose class is arguable: kept, not scored (see SOURCES.md).
UNSCORED = {"es_vctrsnts_podcast_2025", "en_0xdstn_linkdump_002"}


def is_resource(name: str, url: str) -> bool:
    return resource_class.is_resource((FIXTURES / f"{name}.html").read_text(encoding="utf-8"), url)


@pytest.mark.parametrize(("name", "case"), sorted(RESOURCE_CASES.items()))
def test_resource_page_class(name, case):
    url, resource = case
    assert is_resource(name, url) is resource


@pytest.mark.parametrize(("name", "case"), sorted(KNOWN_WRONG.items()))
@pytest.mark.xfail(strict=True, reason="known miss, not fixed: see KNOWN_WRONG")
def test_resource_page_class_known_wrong(name, case):
    url, resource = case
    assert is_resource(name, url) is resource


def test_resource_precision_and_recall_with_the_known_misses():
    """At least what was measured after the fixes: precision 7 of 8, recall 7 of 9."""
    cases = {**RESOURCE_CASES, **KNOWN_WRONG}
    got = {name: is_resource(name, url) for name, (url, _r) in cases.items()}
    truth = {name: resource for name, (_url, resource) in cases.items()}
    precision, recall = resource_class.precision_recall(got, truth)
    assert precision >= 7 / 8 and recall >= 7 / 9, (precision, recall)


def test_every_fixture_is_used_and_listed_with_its_source():
    files = {path.stem for path in FIXTURES.glob("*.html")}
    assert files == set(RESOURCE_CASES) | set(KNOWN_WRONG) | UNSCORED
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}.html`" in sources for name in files)
