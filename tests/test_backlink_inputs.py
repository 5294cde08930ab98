"""Backlink exports in, claims out: every common layout recognised by its columns and told
apart, Search Console in its interface languages, CSV/TSV/UTF-8/UTF-16/ZIP/.xlsx, own-domain
rows skipped and counted, site-level rows as referring domains, real exports from public
repositories (tests/fixtures/backlinks/SOURCES.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linkprospector.inputs.backlink_inputs import (
    Claim,
    InputError,
    check_export,
    read_tables,
)
from linkprospector.inputs.backlink_values import parse_count, parse_date, parse_number
from tests import backlink_exports as ex

FIXTURES = Path(__file__).parent / "fixtures" / "backlinks"
MINE = "mysite.test"
GUIDE = "http://mysite.test/guide/"


def read(path: Path, site: str = MINE) -> list[tuple[str, list[Claim], int, int]]:
    """(format, claims, own-domain rows, skipped rows) per table."""
    found = []
    for table in read_tables(path):
        claims = list(table.claims(site))
        found.append((table.layout.name, claims, table.own, table.skipped))
    return found


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


ROWS = [
    ("https://blog.example/post", GUIDE, "the best guide", "false"),
    ("https://forum.example/t/1", "http://mysite.test/", "My Site", "true"),
    ("http://mysite.test/about", GUIDE, "own page", "false"),  # the site's own page
]


@pytest.mark.parametrize(
    ("name", "data", "layout", "first", "second_rel"),
    [
        ("ahrefs.csv", ex.ahrefs(ROWS), "ahrefs",
         Claim(2, "https://blog.example/post", "blog.example", GUIDE, "the best guide", "",
               "2025-07-08", "2026-11-20", 1234.0, 12.0, 120.0), "nofollow"),
        ("ahrefs-2019.csv", ex.ahrefs_old([(p, t, a, "nofollow" if n == "true" else "dofollow")
                                           for p, t, a, n in ROWS]), "ahrefs_old",
         Claim(2, "https://blog.example/post", "blog.example", GUIDE, "the best guide", "",
               "2025-07-08", "2026-11-20", 45.0, 12.0, 120.0), "nofollow"),
        ("semrush.csv", ex.semrush(ROWS), "semrush",
         Claim(2, "https://blog.example/post", "blog.example", GUIDE, "the best guide", "",
               "2025-07-08", "2026-11-20", 23.0), "nofollow"),
        ("majestic.csv", ex.majestic([(p, t, a, "+" if n == "true" else "-")
                                      for p, t, a, n in ROWS]), "majestic",
         Claim(2, "https://blog.example/post", "blog.example", GUIDE, "the best guide", "",
               "2025-07-08", "2026-11-20", 14.0, 20.0), "nofollow"),
    ],
)  # fmt: skip
def test_tool_exports_with_everything_they_say(tmp_path, name, data, layout, first, second_rel):
    [(found, claims, own, skipped)] = read(write(tmp_path, name, data))
    assert found == layout
    assert claims[0] == first
    assert claims[1].rel == second_rel and claims[1].target_url == "http://mysite.test/"
    assert (len(claims), own, skipped) == (2, 1, 0)  # the site's own page: skipped, counted


def test_moz_link_explorer_inbound_links(tmp_path):
    header = ["URL", "Title", "Anchor Text", "Spam Score", "Domain Authority", "Page Authority",
              "Target URL", "Link Type", "Date first seen", "Date last seen"]  # fmt: skip
    rows = [["https://blog.example/p", "Notes", "the guide", "1%", "45", "30", GUIDE,
             "nofollow", "2025-07-08", "2026-11-20"]]  # fmt: skip
    [(layout, claims, _, _)] = read(write(tmp_path, "moz.csv", ex.table(header, rows).encode()))
    assert layout == "moz"
    assert (claims[0].anchor, claims[0].rel, claims[0].first_seen, claims[0].authority) == (
        "the guide", "nofollow", "2025-07-08", 45.0,
    )  # fmt: skip


def test_a_real_moz_export(tmp_path):
    [(layout, claims, own, _)] = read(FIXTURES / "moz_xddevelopers.csv", "xddevelopers.com")
    assert layout == "moz" and len(claims) == 8 and own == 0
    first = claims[0]
    assert (first.source_url, first.target_url, first.anchor) == (
        "https://www.zoominfo.com/p/Abbas-Ali/2487880147",
        "https://www.xddevelopers.com/Xdoor/Portfolio/",
        "products xdoor developers2020 01 14",
    )
    assert (first.first_seen, first.last_seen, first.authority, first.page_authority) == (
        "2020-01-20", "2020-04-27", 77.0, 37.0,
    )  # fmt: skip
    # a quoted title holding line breaks: the next row still starts on its own line
    assert [c.line for c in claims][3:5] == [5, 8]


def test_a_real_semrush_export_with_snake_case_headers(tmp_path):
    [(layout, claims, own, _)] = read(FIXTURES / "semrush_api_pureforyou.csv", "pureforyou.com")
    assert layout == "semrush" and len(claims) == 12 and own == 0
    assert claims[0].first_seen == ""  # its first_seen column holds "false": not a date
    assert claims[0].last_seen == "2024-11-09" and claims[0].authority == 60.0
    assert [c.rel for c in claims][6:8] == ["nofollow", "nofollow"]
    assert claims[10].anchor.startswith('A white bottle labeled "Pure Encapsulations OsteoBalance+')


def test_a_real_ahrefs_export_saved_again_by_google_sheets():
    """Ahrefs' current layout as a user re-saved it from Google Sheets: a leading "#"
    column, TRUE/FALSE flags in capitals, the first 60 of 219 rows."""
    [(layout, claims, own, skipped)] = read(
        FIXTURES / "ahrefs_sheets_lamicrobyflo.csv", "lamicrobyflo.fr"
    )
    assert (layout, len(claims), own, skipped) == ("ahrefs", 60, 0, 0)
    assert claims[0] == Claim(
        2, "https://www.saucewriting.com/guides/creer-blog-amateur", "saucewriting.com",
        "https://www.lamicrobyflo.fr/rubriques/", "La micro by flo", "",
        "2023-10-12", "2025-12-01", 37.0, 6.0, 887.0,
    )  # fmt: skip
    second = claims[1]  # Nofollow TRUE, UGC TRUE; the anchor is the bare URL
    assert (second.source_url, second.target_url, second.anchor, second.rel) == (
        "https://avantjetaisprof.com/demissionner-education-nationale/",
        "https://lamicrobyflo.fr/comment-cumuler-100-du-chomage-avec-ta-micro-entreprise/",
        "https://lamicrobyflo.fr/comment-cumuler-100-du-chomage-avec-ta-micro-entreprise/",
        "nofollow ugc",
    )
    assert (second.first_seen, second.last_seen) == ("2025-01-31", "2025-11-28")
    assert claims[2].anchor == (
        "Guichet unique des entreprises : la plateforme pour gérer toutes les formalités"
    )
    last = claims[-1]
    assert (last.line, last.source_url, last.target_url, last.rel, last.first_seen) == (
        61, "https://www.andes-enquete-sociale.com/enqueteur-social/statut-enqueteur-social.php",
        "https://lamicrobyflo.fr/", "", "2025-10-08",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("line", "source", "target", "anchor", "rel", "first_seen", "last_seen", "metrics"),
    [
        (2, "https://www.flowerchimp.com/", "https://www.bloomeroo.com.au/", "Ship to AU", "",
         "2022-06-12", "2026-04-28", (58.0, 22.0, 14858.0)),
        # "Content" true, "Nofollow" false: the flag is read from its own column
        (7, "https://www.timeout.com/sydney/shopping/flower-delivery-services-in-sydney",
         "https://www.bloomeroo.com.au/collections/flower-delivery-sydney", "Bloomeroo", "",
         "2022-08-31", "2026-04-24", (90.0, 7.0, 46.0)),
        (8, "https://www.dontpayfull.com/at/bloomeroo.com.au", "https://www.bloomeroo.com.au/",
         "bloomeroo.com.au", "nofollow", "2025-12-09", "2026-04-23", (74.0, 6.0, 19.0)),
        # a lost link (HTTP 403, "Lost" 2026-04-19): its last seen is what the export says
        (14, "https://www.homebeautiful.com.au/lifestyle/best-flower-delivery-australia/",
         "https://www.bloomeroo.com.au/", "Bloomeroo flower delivery service in Australia", "",
         "2026-02-08", "2026-02-08", (65.0, 4.5, 1.0)),
        (15, "https://www.onlyaustralia.com.au/australia/bloomeroo",
         "https://www.bloomeroo.com.au/", "www.bloomeroo.com.au", "nofollow",
         "2023-03-17", "2026-04-27", (7.0, 4.4, 1.0)),
    ],
)  # fmt: skip
def test_a_real_ahrefs_export(line, source, target, anchor, rel, first_seen, last_seen, metrics):
    """Ahrefs' current layout straight from Ahrefs (with "Is spam", "Page type" and "Page
    category" columns), the whole file."""
    [(layout, claims, own, skipped)] = read(FIXTURES / "ahrefs_bloomeroo.csv", "bloomeroo.com.au")
    assert (layout, len(claims), own, skipped) == ("ahrefs", 14, 0, 0)
    [claim] = [c for c in claims if c.line == line]
    assert (claim.source_url, claim.target_url, claim.anchor, claim.rel) == (
        source,
        target,
        anchor,
        rel,
    )
    assert (claim.first_seen, claim.last_seen) == (first_seen, last_seen)
    assert (claim.authority, claim.page_authority, claim.traffic) == metrics


def test_a_real_utf16_ahrefs_export():
    """Ahrefs' CSV for Excel as it is downloaded: UTF-16 LE with a byte-order mark, tabs,
    every cell quoted; the first 60 of 2,436 rows."""
    [(layout, claims, own, skipped)] = read(FIXTURES / "ahrefs_utf16_hbnobulk.csv", "hbnobulk.com")
    assert (layout, len(claims), own, skipped) == ("ahrefs", 60, 0, 0)
    assert claims[0] == Claim(
        2, "https://beeyouorganics.com/products/organic-body-butter", "beeyouorganics.com",
        "https://www.hbnobulk.com/blogs/natural-essential-oils/"
        "nourishing-naturally-exploring-organic-body-butter",
        "", "", "2025-09-07", "2025-09-07", 23.0, 3.7, 129.0,
    )  # fmt: skip
    rows = [(c.line, c.source_url, c.target_url, c.anchor, c.rel, c.first_seen, c.last_seen)
            for c in (claims[1], claims[2], claims[-1])]  # fmt: skip
    assert rows == [
        (3, "https://parisdansmacuisine.com/article-buns-ou-la-recette-parfaite-du-pain-a-burger"
         "-79793434.html", "https://www.hbnobulk.com/", "https://www.essentialnaturaloils.com",
         "nofollow", "2025-03-09", "2025-10-21"),
        (4, "https://baranbakery.com/white-chocolate-raspberry-cupcakes/",
         "https://www.hbnobulk.com/pages/bakery-essential-oils", "josef demangeat",
         "nofollow ugc", "2025-03-11", "2025-07-21"),
        (61, "https://www.parksfamilybuffet.com/forum/welcome-to-the-food-forum/"
         "cach-don-gian-va-nhanh-chong-de-cuu-cay-mai-bi-ung-nuoc", "https://www.hbnobulk.com/",
         "https://www.essentialnaturaloils.com", "nofollow ugc", "2025-03-10", "2025-05-16"),
    ]  # fmt: skip
    assert [c.rel for c in claims].count("") == 30


@pytest.mark.parametrize(
    ("name", "site", "layout", "count", "first", "last"),
    [
        ("gsc_latest_links_sparkshark.csv", "sparkshark.com", "search_console_latest", 28,
         (2, "https://www.yellowpages.com/oklahoma-city-ok/hunzicker-lighting", "2026-05-03"),
         (29, "https://www.pinterest.com/sparksharkelectric/", "2025-06-03")),
        ("gsc_more_sample_links_sparkshark.csv", "sparkshark.com", "search_console_sample", 28,
         (2, "http://uscity.net/listing/spark_shark_electric-12248252", ""),
         (29, "https://x.com/The_Spark_Shark", "")),
        # a linking page with a space in its path, as Search Console wrote it
        ("gsc_latest_links_oztimberfloor.csv", "oztimberfloor.com.au", "search_console_latest",
         43, (2, "https://www.localelinkup.com/mauriconnect-car-rental-ltd", "2026-04-19"),
         (44, "https://mrjonespub.com/2018/02/", "2018-12-07")),
        # CRLF line ends (2020); line 9 has Japanese characters in its path
        ("gsc_latest_links_johnmurch.csv", "johnmurch.com", "search_console_latest", 18,
         (2, "https://gist.github.com/johnmurch", "2020-06-30"),
         (19, "https://www.producthunt.com/@johnmurch", "2016-04-13")),
    ],
)  # fmt: skip
def test_real_search_console_link_exports(name, site, layout, count, first, last):
    [(found, claims, own, skipped)] = read(FIXTURES / name, site)
    assert (found, len(claims), own, skipped) == (layout, count, 0, 0)
    for claim, (line, source, last_crawled) in ((claims[0], first), (claims[-1], last)):
        assert (claim.line, claim.source_url, claim.last_seen) == (line, source, last_crawled)
        assert (claim.target_url, claim.anchor, claim.rel, claim.first_seen) == ("", "", None, "")


def test_real_search_console_exports_read_as_users_wrote_them():
    [(_, oz, _, _)] = read(FIXTURES / "gsc_latest_links_oztimberfloor.csv", "oztimberfloor.com.au")
    assert oz[2].source_url == "https://intently.co/suppliers/Australia/Sydney/Flooring%20Supply"
    [(_, jm, _, _)] = read(FIXTURES / "gsc_latest_links_johnmurch.csv", "johnmurch.com")
    assert (jm[7].line, jm[7].last_seen) == (9, "2020-02-16")
    assert jm[7].source_url == (
        "https://akalogue.wordpress.com/2007/07/15/"
        "iphone%E3%81%AEjavascript%E5%87%A6%E7%90%86%E9%80%9F%E5%BA%A6/"
    )


def test_a_real_search_console_top_linking_sites_export_is_site_level():
    [(layout, claims, own, _)] = read(
        FIXTURES / "gsc_top_linking_sites_sparkshark.csv", "sparkshark.com"
    )
    assert (layout, len(claims), own) == ("search_console_sites", 17, 0)
    rows = [(c.line, c.source_url, c.domain, c.linking_pages, c.target_pages) for c in claims]
    assert rows[:3] == [
        (2, "", "yellowpages.com", 10, 1),
        (3, "", "bbb.org", 2, 1),
        (4, "", "best-electrician-moore.com", 2, 1),
    ]
    assert rows[-1] == (18, "", "x.com", 1, 1)


@pytest.mark.parametrize(
    ("name", "what"),
    [
        # its header is "Rank,Link text" (not "Top linking text")
        ("gsc_top_linking_text_sparkshark.csv",
         'is Search Console\'s "Top linking text" (anchor texts, not pages)'),
        ("gsc_top_linking_text_videotext.csv",
         'is Search Console\'s "Top linking text" (anchor texts, not pages)'),
        ("gsc_top_target_pages_external_sparkshark.csv",
         'is Search Console\'s "Top linked pages - externally" (your own pages'),
        ("gsc_top_target_pages_internal_sparkshark.csv",
         'is Search Console\'s "Top linked pages - internally" (internal links, not backlinks)'),
        ("gsc_top_target_pages_internal_oztimberfloor.csv",
         'is Search Console\'s "Top linked pages - internally" (internal links, not backlinks)'),
    ],
)  # fmt: skip
def test_real_search_console_exports_that_list_no_backlinks_are_refused(name, what):
    with pytest.raises(InputError) as caught:
        check_export(FIXTURES / name, "sparkshark.com")
    message = str(caught.value)
    assert message.startswith(f"{name} {what}") and "\n" not in message


def test_a_real_search_console_internal_links_export_is_refused():
    """Search Console's "Your pages linking to this page": the "Linking page" column of
    "More sample links", every row a page of the site itself."""
    name = "gsc_your_pages_linking_sparkshark.csv"
    with pytest.raises(InputError) as caught:
        check_export(FIXTURES / name, "sparkshark.com")
    assert str(caught.value) == (
        f'{name} is Search Console\'s internal links ("Your pages linking to this page"): '
        "every row is a page of sparkshark.com, none is a backlink"
    )
    [(layout, claims, own, _)] = read(FIXTURES / name, "sparkshark.com")
    assert (layout, claims, own) == ("search_console_sample", [], 26)


@pytest.mark.parametrize("lang", sorted(ex.GSC_LANGUAGES))
def test_search_console_latest_links_in_every_language(tmp_path, lang):
    pages = ["https://a.example/x", "https://b.example/y", "http://mysite.test/own"]
    [(layout, claims, own, _)] = read(write(tmp_path, "links.csv", ex.gsc_latest(lang, pages)))
    assert layout == "search_console_latest"
    assert [(c.source_url, c.last_seen) for c in claims] == [
        ("https://a.example/x", "2025-07-08"),
        ("https://b.example/y", "2025-07-08"),
    ]
    assert own == 1


@pytest.mark.parametrize("lang", sorted(ex.GSC_LANGUAGES))
def test_search_console_top_linking_sites_are_referring_domains(tmp_path, lang):
    rows = [("blog.example", "1,240", "12"), ("www.other.example", "3", "1"), (MINE, "9", "9")]
    [(layout, claims, own, _)] = read(write(tmp_path, "sites.csv", ex.gsc_sites(lang, rows)))
    assert layout == "search_console_sites" and own == 1
    assert [(c.source_url, c.domain, c.linking_pages, c.target_pages) for c in claims] == [
        ("", "blog.example", 1240, 12),
        ("", "other.example", 3, 1),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Top linking text,Linking pages\nbest guide,12\n",
         'is Search Console\'s "Top linking text" (anchor texts, not pages)'),
        (b"Target page,Incoming links,Linking sites\nhttp://mysite.test/,12,3\n",
         '"Top linked pages - externally" (your own pages, not the pages linking to them)'),
        (b"Target page,Incoming links\nhttp://mysite.test/,12\n",
         '"Top linked pages - internally" (internal links, not backlinks)'),
        (b"Seite mit Links,Text\nx,y\n",
         "has columns not recognised (Seite mit Links, Text); accepted: Ahrefs"),
        (b"", "links.csv is empty"),
        ("Linking page\nhttps://a.example/caf\xe9\n".encode("latin-1"),
         "links.csv: line 2 is not UTF-8 or UTF-16 text"),
        (b"PK\x03\x04garbage", "is not a readable ZIP file"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_naming_the_file_kind(tmp_path, data, message):
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, "links.csv", data))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_internal_links_export_is_refused_before_the_crawl(tmp_path):
    """Search Console's "Your pages linking to this page" has the same column as "More
    sample links"; its rows are the site's own pages."""
    data = b"Linking page\nhttp://mysite.test/\nhttps://www.mysite.test/blog\n"
    with pytest.raises(InputError) as caught:
        check_export(write(tmp_path, "Linking pages.csv", data), MINE)
    assert str(caught.value) == (
        "Linking pages.csv is Search Console's internal links (\"Your pages linking to this "
        'page"): every row is a page of mysite.test, none is a backlink'
    )
    sample = b"Linking page\nhttps://blog.example/a\nhttp://mysite.test/\n"
    assert check_export(write(tmp_path, "sample.csv", sample), MINE) == [
        'sample.csv: Search Console "More sample links"'
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Linking page,Last crawled\n", "links.csv lists no referring page or site"),
        (b"Linking page\nnot a url\n(none)\n",
         "links.csv lists no referring page or site (2 row(s) without a usable URL)"),
    ],
)  # fmt: skip
def test_an_export_without_rows_is_refused_before_the_crawl(tmp_path, data, message):
    with pytest.raises(InputError) as caught:
        check_export(write(tmp_path, "links.csv", data), MINE)
    assert str(caught.value) == message


def test_a_search_console_zip_reads_its_link_tables_and_skips_the_others(tmp_path):
    data = ex.zipped({
        "Top linking text.csv": b"Top linking text,Linking pages\nbest guide,12\n",
        "Top linking sites.csv": ex.gsc_sites("en", [("blog.example", "3", "1")]),
        "Latest links.csv": ex.gsc_latest("en", ["https://a.example/x"]),
    })  # fmt: skip
    found = read(write(tmp_path, "mysite.test-links.zip", data))
    assert [(layout, len(claims)) for layout, claims, *_ in found] == [
        ("search_console_sites", 1),
        ("search_console_latest", 1),
    ]
    only_text = ex.zipped({"Top linking text.csv": b"Top linking text\nbest guide\n"})
    with pytest.raises(InputError, match='nothing in the ZIP lists backlinks .*"Top linking text"'):
        read(write(tmp_path, "text.zip", only_text))


def test_a_zip_member_over_50_mb_is_read_not_skipped(tmp_path):
    """Large exports used to be skipped silently inside a ZIP; there is no size limit."""
    context = "x" * 50_000  # Ahrefs' "Left context" can be long; here it makes the size
    rows = [[f"https://p{i}.example/a", GUIDE, "guide", context, "5"] for i in range(1_100)]
    member = ex.table(["Source url", "Target url", "Anchor", "Text", "Page ascore"], rows)
    assert len(member) > 55_000_000
    data = ex.zipped({"backlinks.csv": member.encode()})
    [(layout, claims, _, _)] = read(write(tmp_path, "big.zip", data))
    assert layout == "semrush" and len(claims) == 1_100


def test_xlsx_exports_stream_every_sheet(tmp_path):
    path = ex.xlsx(tmp_path / "export.xlsx", {
        "Backlinks": [ex.SEMRUSH_HEADER[:5] + ["Nofollow", "First seen"],
                      [23, "Notes", "https://blog.example/p", GUIDE, "guide", True,
                       dt.datetime(2025, 7, 8, 10, 0)]],
        "Top linking sites": [["Site", "Linking pages", "Target pages"], ["blog.example", 1240, 3]],
        "Notes": [["just", "notes"]],
    })  # fmt: skip
    found = read(path)
    assert [layout for layout, *_ in found] == ["semrush", "search_console_sites"]
    claim = found[0][1][0]
    assert (claim.source_url, claim.rel, claim.first_seen, claim.authority) == (
        "https://blog.example/p", "nofollow", "2025-07-08", 23.0,
    )  # fmt: skip
    assert found[1][1][0].linking_pages == 1240


def test_a_zip_holding_an_xlsx(tmp_path):
    book = ex.xlsx(
        tmp_path / "b.xlsx",
        {"Latest links": [["Linking page", "Last crawled"], ["https://a.example/x", "2025-07-08"]]},
    )
    found = read(write(tmp_path, "export.zip", ex.zipped({"b.xlsx": book.read_bytes()})))
    assert [(layout, [c.source_url for c in claims]) for layout, claims, *_ in found] == [
        ("search_console_latest", ["https://a.example/x"])
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),  # no byte-order mark
        lambda text: text.encode("utf-16-be"),
    ],
)
def test_encodings(tmp_path, encode):
    text = "Source url\tTarget url\tAnchor\tPage ascore\nhttps://a.example/\thttp://mysite.test/\tCafé ☕\t5\n"
    [(layout, claims, _, _)] = read(write(tmp_path, "x.tsv", encode(text)))
    assert layout == "semrush" and claims[0].anchor == "Café ☕"


def test_u2028_inside_a_quoted_anchor_stays(tmp_path):
    data = 'Source url,Target url,Anchor,Page ascore\nhttps://a.example/,http://mysite.test/,"one\u2028two",5\nhttps://b.example/,http://mysite.test/,x,5\n'
    [(_, claims, _, _)] = read(write(tmp_path, "x.csv", data.encode()))
    assert [c.anchor for c in claims] == ["one\u2028two", "x"]
    assert [c.line for c in claims] == [2, 3]


def test_search_console_in_a_language_not_listed_is_read_by_its_shape(tmp_path):
    data = "Σελίδα σύνδεσης,Τελευταία ανίχνευση\nhttps://a.example/x,08.07.2025\n".encode()
    [(layout, claims, _, _)] = read(write(tmp_path, "el.csv", data))
    assert layout == "url_list"
    assert [(c.source_url, c.last_seen) for c in claims] == [("https://a.example/x", "2025-07-08")]
    assert check_export(tmp_path / "el.csv", MINE) == [
        "el.csv: a list of referring page URLs (its heading not recognised)"
    ]


def test_a_plain_list_of_urls(tmp_path):
    data = b"https://a.example/1\n\nhttps://b.example/2  # note\nnot a url\nhttp://mysite.test/x\n"
    [(layout, claims, own, skipped)] = read(write(tmp_path, "urls.txt", data))
    assert layout == "url_list" and [c.source_url for c in claims] == [
        "https://a.example/1",
        "https://b.example/2",
    ]
    assert (own, skipped) == (1, 1)


@pytest.mark.parametrize(
    ("text", "day_first", "iso"),
    [
        ("2025-07-08", False, "2025-07-08"),
        ("2025-07-08 10:11:12", False, "2025-07-08"),
        ("2025-07-08T10:11:12Z", False, "2025-07-08"),
        ("Jul 8, 2025", False, "2025-07-08"),
        ("8 Jul 2025", False, "2025-07-08"),
        ("07/08/2025", False, "2025-07-08"),  # English Search Console: month first
        ("08/07/2025", True, "2025-07-08"),
        ("28/09/2026", False, "2026-09-28"),  # a part over 12 settles it
        ("08.07.2025", False, "2025-07-08"),  # dots: day first
        ("8 juil. 2025", False, "2025-07-08"),
        ("8. Juli 2025", False, "2025-07-08"),
        ("8 de julio de 2025", False, "2025-07-08"),
        ("8 июля 2025", False, "2025-07-08"),
        ("8 Temmuz 2025", False, "2025-07-08"),
        ("2025年7月8日", False, "2025-07-08"),
        ("2025. 7. 8.", False, "2025-07-08"),
        ("2025/07/08", False, "2025-07-08"),
        (dt.datetime(2025, 7, 8, 9, 0), False, "2025-07-08"),
        ("false", False, ""),
        ("yesterday", False, ""),
        ("31/31/2025", False, ""),
    ],
)
def test_dates(text, day_first, iso):
    assert parse_date(text, day_first) == iso


@pytest.mark.parametrize(
    ("text", "count", "number"),
    [("1,240", 1240, 1240.0), ("1.240", 1240, 1.24), ("1 240", 1240, 1240.0), ("56", 56, 56.0),
     ("", None, None), ("abc", None, None), ("12,5", 125, 12.5)],
)  # fmt: skip
def test_counts_and_metrics(text, count, number):
    assert (parse_count(text), parse_number(text)) == (count, number)
