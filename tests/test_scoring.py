from collections import Counter
from urllib.parse import urlsplit

import lxml.html
import pytest

from linkprospector.demo.web_model import html_page as page
from linkprospector.reading.extract import ExtractedLink, extract_links, parse_html
from linkprospector.reading.link_structure import EntryReading
from linkprospector.reading.scoring import (
    RESOURCE_THRESHOLD,
    ResourceFeatures,
    find_keyword,
    is_resource_page,
    resource_features,
    score_resource_page,
    url_path_words,
)

PAGE_SITE = "garden.test"


def site_of(url: str) -> str:
    """Stand-in for linkprospector.reading.urls.site_of: the host without www."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def link(url: str, placement: str = "main", rel: str = "") -> ExtractedLink:
    return ExtractedLink(url=url, anchor_text="", rel=rel, placement=placement)


def domains(n: int, stem: str = "site") -> list[str]:
    return [f"https://www.{stem}{i}.test/page" for i in range(n)]


def ul(urls: list[str]) -> str:
    return "<ul>" + "".join(f'<li><a href="{u}">{u}</a> – a fine site</li>' for u in urls) + "</ul>"


def table(urls: list[str]) -> str:
    rows = "".join(f'<tr><td><a href="{u}">Site</a></td><td>Notes</td></tr>' for u in urls)
    return f"<table><tr><th>Site</th><th>Notes</th></tr>{rows}</table>"


NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/blog/">Blog</a></li></ul></nav>'

BLOG_POST = page(
    "How I grow tomatoes on my balcony",
    NAV + "<article><p>Last spring I tried <a href='https://seeds.test/tomato'>these seeds</a>"
    " and a <a href='https://pots.test/'>self-watering pot</a>.</p>"
    "<ul><li>Water daily</li><li>Feed weekly</li></ul></article>",
    h1="How I grow tomatoes on my balcony",
)
BLOG_LINKS = [link("https://seeds.test/tomato"), link("https://pots.test/")]

RESOURCES_URLS = domains(15)
RESOURCES = page(
    "Useful gardening resources | Garden Club",
    NAV + "<main><p>Sites our members love:</p>" + ul(RESOURCES_URLS) + "</main>",
    h1="Useful gardening resources",
)
RESOURCES_LINKS = [link(u) for u in RESOURCES_URLS] + [link("https://garden.test/blog/", "nav")]

LINKS_URLS = domains(8, "club")
LINKS_TABLE = page("Links", "<div id='content'>" + table(LINKS_URLS) + "</div>")
LINKS_TABLE_LINKS = [link(u) for u in LINKS_URLS]

PARTNER_URLS = domains(20, "partner")
HOME = page(
    "Garden Club – welcome",
    "<main><p>Welcome to the club. Read our <a href='/blog/'>blog</a>.</p></main>"
    "<footer><h3>Our partners</h3>" + ul(PARTNER_URLS) + "</footer>",
)
HOME_LINKS = [link("https://garden.test/blog/")] + [link(u, "footer") for u in PARTNER_URLS]

SHOP_URLS = domains(12, "brand")
SHOP = page("Brands we stock", "<main>" + ul(SHOP_URLS) + "</main>", h1="Brands")
SHOP_LINKS = [link(u) for u in SHOP_URLS]

COMMENT_URLS = domains(12, "commenter")
COMMENTED_POST = page(
    "My compost heap",
    "<article><p>See <a href='https://compost.test/'>this guide</a>.</p></article>"
    "<ol class='comment-list'>"
    + "".join(
        f"<li><a href='{u}' rel='external nofollow ugc'>Fan</a> Nice!</li>" for u in COMMENT_URLS
    )
    + "</ol>",
)
COMMENTED_LINKS = [link("https://compost.test/")] + [
    link(u, rel="nofollow ugc") for u in COMMENT_URLS
]


@pytest.mark.parametrize(
    ("page_url", "html", "links", "low", "high"),
    [
        pytest.param(
            "https://garden.test/2024/05/balcony-tomatoes/",
            BLOG_POST,
            BLOG_LINKS,
            0.0,
            0.3,
            id="blog-post-two-outbound-links",
        ),
        pytest.param(
            "https://garden.test/resources/",
            RESOURCES,
            RESOURCES_LINKS,
            0.7,
            1.0,
            id="useful-resources-list",
        ),
        pytest.param(
            "https://garden.test/page.php?id=7",
            LINKS_TABLE,
            LINKS_TABLE_LINKS,
            0.5,
            1.0,
            id="links-title-table",
        ),
        pytest.param(
            "https://garden.test/", HOME, HOME_LINKS, 0.0, 0.49, id="home-footer-partners"
        ),
        pytest.param(
            "https://garden.test/shop/brands/", SHOP, SHOP_LINKS, 0.0, 0.49, id="shop-brand-list"
        ),
        pytest.param(
            "https://garden.test/compost/",
            COMMENTED_POST,
            COMMENTED_LINKS,
            0.0,
            0.3,
            id="post-with-comment-links",
        ),
    ],
)
def test_score_pages(page_url, html, links, low, high):
    root = lxml.html.document_fromstring(html)
    features = resource_features(root, page_url, links, PAGE_SITE, site_of=site_of)
    score, reasons = score_resource_page(features)
    assert low <= score <= high, (score, reasons, features)
    assert reasons
    assert is_resource_page(score) == (score >= RESOURCE_THRESHOLD)


@pytest.mark.parametrize(
    ("html", "links", "expected"),
    [
        pytest.param(
            RESOURCES,
            RESOURCES_LINKS,
            {"main_external_domains": 15, "entries": 15, "kinds": {"list item": 15}},
            id="list",
        ),
        pytest.param(
            LINKS_TABLE,
            LINKS_TABLE_LINKS,
            {"main_external_domains": 8, "entries": 8, "kinds": {"table row": 8}},
            id="table",
        ),
        pytest.param(
            HOME,
            HOME_LINKS,
            {"main_external_domains": 0, "boilerplate_external_domains": 20, "entries": 0},
            id="footer-list-is-boilerplate",
        ),
        pytest.param(
            COMMENTED_POST,
            COMMENTED_LINKS,
            {"main_external_domains": 1, "boilerplate_external_domains": 12, "entries": 1},
            id="comment-links-are-not-content",
        ),
        pytest.param(
            page(
                "Nested",
                "<article><header><ul><li><a href='https://a.test/'>A</a></li></ul></header>"
                "<ul><li>Fruit<ul><li><a href='https://b.test/'>B</a></li>"
                "<li><a href='https://www.garden.test/x'>own site</a></li></ul></li></ul>"
                "</article><aside><ul><li><a href='https://c.test/'>C</a></li></ul></aside>",
            ),
            [link("https://a.test/"), link("https://b.test/"), link("https://c.test/", "sidebar")],
            {"main_external_domains": 2, "boilerplate_external_domains": 1, "entries": 2},
            id="nested-items-article-header-aside",
        ),
        pytest.param(
            page("Same", "<main>" + ul(domains(3, "x")) + "</main>"),
            [link(u, place) for u in domains(3, "x") for place in ("main", "footer")],
            {"main_external_domains": 3, "boilerplate_external_domains": 0, "total_links": 6},
            id="domain-in-main-and-footer-counts-once",
        ),
        pytest.param(
            page(
                "Prose",
                "<main><p>" + "Words about soil and seeds. " * 6 + "<a href='https://a.test/'>"
                "a study</a> " + "More words about compost. " * 4 + "</p></main>",
            ),
            [link("https://a.test/")],
            {"entries": 0, "prose_blocks": 1},
            id="link-inside-prose",
        ),
        pytest.param(
            page(
                "Cards",
                "<main>"
                + "".join(
                    f"<div class='card'><h3><a href='{u}'>Blog</a></h3><p>Small gardens.</p></div>"
                    for u in domains(4, "card")
                )
                + "</main>",
            ),
            [link(u) for u in domains(4, "card")],
            {"entries": 4, "kinds": {"heading": 4}, "coverage": 1.0},
            id="heading-and-description-cards",
        ),
    ],
)
def test_resource_features(html, links, expected):
    root = lxml.html.document_fromstring(html)
    features = resource_features(root, "https://garden.test/p", links, PAGE_SITE, site_of=site_of)
    found = {}
    for key in expected:
        if key in ("entries", "kinds", "coverage", "prose_blocks"):  # what the entries hold
            value = getattr(features.entries, key)
            found[key] = dict(value) if key == "kinds" else value
        else:
            found[key] = getattr(features, key)
    assert found == expected


def test_resource_features_without_root():
    links = [link(u) for u in domains(4)]
    features = resource_features(
        None, "https://garden.test/links", links, PAGE_SITE, site_of=site_of
    )
    assert features == ResourceFeatures(
        url="https://garden.test/links", main_external_domains=4, total_links=4, entries=None
    )
    score, reasons = score_resource_page(features)
    assert score < RESOURCE_THRESHOLD and "no HTML to read entries from" in reasons[-1]


def features(
    url="https://garden.test/p",
    title="",
    h1="",
    main=0,
    entries=0,
    coverage=0.0,
    citations=0,
    dated=0,
    kinds=None,
):
    """Features of a page with ``entries`` entries to as many sites (``main`` of them at
    least), making up ``coverage`` of a main text of 100 words."""
    reading = EntryReading(
        entries=entries,
        entry_sites={f"s{i}.test" for i in range(entries)},
        entry_units=100 * coverage,
        main_units=100.0,
        citations=citations,
        dated=dated,
        kinds=Counter(kinds or ({"list item": entries} if entries else {})),
    )
    return ResourceFeatures(url, title, h1, max(main, entries), 0, max(main, entries), reading)


@pytest.mark.parametrize(
    ("f", "reason"),
    [
        (features(title="Useful Gardening Resources", main=5), "title mentions 'resources'"),
        (features(h1="Further reading", main=5), "H1 mentions 'further reading'"),
        (features("https://garden.test/useful-links/", main=5), "URL path contains 'useful links'"),
        (
            features("https://garden.test/ressources_jardin.html", main=5),
            "URL path contains 'ressources'",
        ),
        (features(title="友情链接 | 我的博客", main=5), "title mentions '友情链接'"),
        (features(title="相互リンク", main=5), "title mentions '相互リンク'"),
        (features(title="Enlaces de interés", main=5), "title mentions 'enlaces de interés'"),
        (features(main=14), "links to 14 external domains from main content"),
        (
            features(entries=12, coverage=0.8),
            "12 entries (a link plus at most a sentence) to 12 sites: 12 list items",
        ),
        (features(entries=12, coverage=0.8), "entries are 80% of the main text"),
        (
            features(entries=8, coverage=0.8, kinds={"table row": 8}),
            "8 entries (a link plus at most a sentence) to 8 sites: 8 table rows",
        ),
        (
            features("https://garden.test/cart/", entries=9, coverage=0.9),
            "URL path contains 'cart' (shop, login or archive page)",
        ),
        (
            features(title="Links", main=1, entries=1, coverage=1.0),
            "only 1 external domain in main content (score capped at 0.2)",
        ),
        (
            features(entries=10, coverage=0.2),
            "entries are only 20% of the main text: links in an article or page, not a list "
            "(score capped at 0.45)",
        ),
        (
            features(entries=4, coverage=0.9),
            "fewer than 5 entries: not a list (score capped at 0.45)",
        ),
        (
            features(entries=10, coverage=0.9, citations=10),
            "citations, not entries: a publication list (score capped at 0.45)",
        ),
        (
            features(entries=10, coverage=0.9, dated=9),
            "most entries are dated: an archive, news or teaching list (score capped at 0.45)",
        ),
    ],
)
def test_score_reasons(f, reason):
    _, reasons = score_resource_page(f)
    assert reason in reasons


@pytest.mark.parametrize(
    ("f", "low", "high"),
    [
        pytest.param(features(), 0.0, 0.0, id="empty"),
        pytest.param(
            features(title="Resources", h1="Resources", main=1, entries=1, coverage=1.0),
            0.0,
            0.2,
            id="few-domains-capped",
        ),
        pytest.param(
            features("https://x.test/links/", "Links", "Useful links", entries=40, coverage=1.0),
            1.0,
            1.0,
            id="max",
        ),
        pytest.param(features(main=30), 0.0, 0.2, id="domains-without-entries"),
        pytest.param(features(entries=5, coverage=0.5), 0.5, 0.7, id="five-entries-half-text"),
        pytest.param(features(entries=10, coverage=0.45), 0.4, 0.45, id="under-half-unnamed"),
        pytest.param(
            features(title="Links", entries=10, coverage=0.45), 0.5, 1.0, id="under-half-named"
        ),
        pytest.param(
            features(title="Blogroll", entries=4, coverage=0.9), 0.5, 1.0, id="four-named"
        ),
        pytest.param(features(entries=4, coverage=0.9), 0.0, 0.45, id="four-unnamed"),
        pytest.param(
            features("https://x.test/tag/links/", "Links", entries=10, coverage=0.9),
            0.4,
            0.7,
            id="tag-archive",
        ),
    ],
)
def test_score_bounds(f, low, high):
    score, _ = score_resource_page(f)
    assert low <= score <= high


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Useful gardening resources", "resources"),
        ("Liens utiles pour jardiniers", "liens utiles"),
        ("Nützliche Links", "nützliche links"),
        ("Weiterführende Links zum Thema", "weiterführende links"),
        ("Enlaces útiles", "enlaces útiles"),
        ("Recursos de jardinería", "recursos"),
        ("Further   Reading", "further reading"),
        ("Business directory", "directory"),
        ("Linksys router review", None),
        ("Cufflinks for weddings", None),
        ("Human resourceful tips", None),
        ("", None),
    ],
)
def test_find_keyword(text, expected):
    from linkprospector.reading.scoring import RESOURCE_KEYWORDS

    assert find_keyword(text, RESOURCE_KEYWORDS) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.test/useful-links/", "useful links"),
        ("https://x.test/further_reading.html", "further reading html"),
        ("https://x.test/a/B/c?q=links#links", "a b c"),
        ("https://x.test/n%C3%BCtzliche-links", "nützliche links"),
        ("https://x.test/", ""),
    ],
)
def test_url_path_words(url, expected):
    assert url_path_words(url) == expected


@pytest.mark.parametrize(
    ("score", "expected"), [(0.49, False), (0.5, True), (0.9, True), (0.0, False)]
)
def test_is_resource_page(score, expected):
    assert is_resource_page(score) is expected


def _reading(entries, coverage, prose=0, profiles=0):
    return EntryReading(
        entries=entries,
        entry_sites={f"s{i}.test" for i in range(entries)},
        entry_units=100 * coverage,
        main_units=100.0,
        prose_blocks=prose,
        profile_entries=profiles,
        kinds=Counter({"list item": entries}),
    )


@pytest.mark.parametrize(
    ("title", "entries", "coverage", "prose", "profiles", "resource"),
    [
        # a page that names itself a list of links and is mostly its few entries is one
        ("友情链接", 2, 0.7, 0, 0, True),
        ("Links", 2, 0.73, 1, 0, True),
        ("Liens utiles", 3, 0.9, 0, 0, True),
        # ... but not when it does not name itself one, nor when prose or the author's
        # profiles make up the page, nor for a single link
        ("My trip", 2, 0.9, 0, 0, False),
        ("Links", 2, 0.6, 2, 0, False),
        ("Links", 2, 0.4, 0, 0, False),
        ("Links", 2, 1.0, 0, 1, False),
        ("Links", 1, 1.0, 0, 0, False),
        # a long named list stays a list under a long how-to-get-listed section
        ("相互リンク集", 14, 0.23, 0, 0, True),
        ("相互リンク集", 14, 0.1, 0, 0, False),
        # the same share without the name is an article with links
        ("GHC extensions", 14, 0.23, 0, 0, False),
    ],
)
def test_named_short_and_long_lists(title, entries, coverage, prose, profiles, resource):
    reading = _reading(entries, coverage, prose, profiles)
    f = ResourceFeatures("https://x.test/p", title, "", entries, 0, entries, reading)
    score, reasons = score_resource_page(f)
    assert is_resource_page(score) is resource, (score, reasons)


@pytest.mark.parametrize(
    ("title", "home_entries", "resource"),
    [
        # a blogroll table that notes when each site was found: its links are home pages
        ("Blogroll", 10, True),
        # dated lines linking into other sites are news, even on a page called a list
        ("Blogroll", 3, False),
        # ... and without the name, dated lines are news or teaching whatever they link to
        ("News", 10, False),
    ],
)
def test_dated_entries_of_home_pages_on_a_named_list(title, home_entries, resource):
    reading = _reading(10, 0.8)
    reading.dated, reading.home_entries = 10, home_entries
    f = ResourceFeatures("https://x.test/p", title, "", 10, 0, 10, reading)
    score, reasons = score_resource_page(f)
    assert is_resource_page(score) is resource, (score, reasons)


def test_a_page_of_links_carrying_the_sites_own_name_is_a_personal_page():
    """Where a musician is found (name.bandcamp.com, soundcloud.com/name, ...): a profile."""
    html = page(
        "Links",
        "<ul>"
        + "".join(
            f"<li><a href='{u}'>{u}</a></li>"
            for u in (
                "https://janedoe.bandcamp.com/",
                "https://soundcloud.com/janedoe",
                "https://www.youtube.com/@JaneDoe",
                "https://t.me/janedoe",
                "https://open.spotify.com/artist/3kxsK6Ge",
            )
        )
        + "</ul>",
    )
    root = parse_html(html)
    links = extract_links(root, "https://janedoe.site/links/").links
    f = resource_features(root, "https://janedoe.site/links/", links, "janedoe.site")
    score, reasons = score_resource_page(f)
    assert f.entries.profile_entries == 4 and not is_resource_page(score), (score, reasons)
    assert any("personal page" in reason for reason in reasons), reasons
