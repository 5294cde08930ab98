"""The backlink exports people have, told apart by their columns (never their file names:
exports get renamed, and Search Console translates both file names and headers). Pure.

Each ``Layout`` says which columns identify it and where each field is; ``REFUSED`` are
exports that are not lists of referring pages (internal links, anchor texts, my own top
pages), named in a one-line refusal. Headers are compared after ``header_key``: lower case,
``_`` and ``-`` as spaces, one space between words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Search Console's Links headers in the languages of its interface (the English name
#: first). The page-level tables: "Latest links" (linking page, last crawled) and "More
#: sample links" (linking page); the site-level one: "Top linking sites".
GSC_LINKING_PAGE = (
    "linking page", "verlinkende seite", "página de enlace", "página que enlaza",
    "page d'origine du lien", "page avec lien", "page de liaison", "pagina di collegamento",
    "pagina che rimanda", "página de link", "página com link", "página vinculada",
    "linkende pagina", "strona z linkiem", "strona linkująca", "リンク元ページ", "链接网页",
    "連結網頁", "ссылающаяся страница", "링크 페이지", "링크하는 페이지",
    "bağlantı veren sayfa", "bağlantı sayfası",
)  # fmt: skip
GSC_LAST_CRAWLED = (
    "last crawled", "zuletzt gecrawlt", "letzter crawl", "último rastreo",
    "dernière exploration", "ultima scansione", "último rastreamento", "laatst gecrawld",
    "ostatnie indeksowanie", "ostatnie skanowanie", "前回のクロール", "最終クロール",
    "上次抓取时间", "上次檢索時間", "последнее сканирование", "마지막 크롤링",
    "son tarama", "son taranma",
)  # fmt: skip
GSC_SITE = ("site", "website", "sitio", "sito", "witryna", "サイト", "网站", "網站",
            "сайт", "사이트", "top linking sites", "domain")  # fmt: skip
GSC_LINKING_PAGES = (
    "linking pages", "verlinkende seiten", "páginas que enlazan", "páginas de enlace",
    "pages avec lien", "pages de liaison", "pagine di collegamento", "pagine che rimandano",
    "páginas com link", "páginas vinculadas", "linkende pagina's", "strony z linkiem",
    "strony linkujące", "リンク元ページ数", "链接网页数", "連結網頁數",
    "ссылающиеся страницы", "링크 페이지 수", "bağlantı veren sayfalar",
)  # fmt: skip
GSC_TARGET_PAGES = (
    "target pages", "zielseiten", "páginas de destino", "pages cibles",
    "pagine di destinazione", "doelpagina's", "strony docelowe", "ターゲット ページ数",
    "目标网页数", "目標網頁數", "целевые страницы", "대상 페이지 수", "hedef sayfalar",
)  # fmt: skip
GSC_TARGET_PAGE = (
    "target page", "zielseite", "página de destino", "page cible", "pagina di destinazione",
    "doelpagina", "strona docelowa", "ターゲット ページ", "目标网页", "目標網頁",
    "целевая страница", "대상 페이지", "hedef sayfa", "top linked pages",
)  # fmt: skip
GSC_INCOMING_LINKS = (
    "incoming links", "eingehende links", "enlaces entrantes", "liens entrants",
    "link in entrata", "links recebidos", "inkomende links", "linki przychodzące",
    "受信リンク", "外部链接", "傳入連結", "входящие ссылки", "수신 링크", "gelen bağlantılar",
    "internal links", "interne links", "enlaces internos", "liens internes",
)  # fmt: skip
GSC_LINKING_TEXT = (
    "top linking text", "linking text", "verlinkender text", "linktext", "texto de enlace",
    "texto del enlace", "texte du lien", "texte d'ancrage", "testo del link",
    "texto do link", "tekst linku", "リンクテキスト", "链接文字", "連結文字",
    "текст ссылки", "링크 텍스트", "bağlantı metni",
)  # fmt: skip
GSC_LINKING_SITES = (
    "linking sites", "verlinkende websites", "sitios que enlazan", "sites avec lien",
    "siti di collegamento", "sites com link", "linkende sites", "witryny linkujące",
    "リンク元サイト", "链接网站", "連結網站", "ссылающиеся сайты", "링크 사이트",
    "bağlantı veren siteler",
)  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """One export layout: the columns that identify it and the column of each field."""

    name: str  # ahrefs | ahrefs_old | semrush | moz | majestic | search_console_* | ...
    label: str  # for messages: "Ahrefs backlinks (current layout)"
    needs: tuple[tuple[str, ...], ...]  # every group must have one column present
    source: tuple[str, ...]
    kind: str = "pages"  # pages: referring pages; sites: referring domains
    target: tuple[str, ...] = ()
    anchor: tuple[str, ...] = ()
    nofollow: tuple[str, ...] = ()
    ugc: tuple[str, ...] = ()
    sponsored: tuple[str, ...] = ()
    rel_text: tuple[str, ...] = ()  # a "Type"/"Link type" column naming the flags
    first_seen: tuple[str, ...] = ()
    last_seen: tuple[str, ...] = ()
    authority: tuple[str, ...] = ()  # the tool's authority of the referring domain
    page_authority: tuple[str, ...] = ()
    traffic: tuple[str, ...] = ()
    counts: tuple[tuple[str, ...], ...] = field(default=())  # sites: pages, targets

    def matches(self, header: set[str]) -> bool:
        return all(any(name in header for name in group) for group in self.needs)


LAYOUTS: tuple[Layout, ...] = (
    Layout("ahrefs", "Ahrefs backlinks", (("referring page url",), ("target url",)),
           ("referring page url",), target=("target url",), anchor=("anchor",),
           nofollow=("nofollow",), ugc=("ugc",), sponsored=("sponsored",),
           first_seen=("first seen",), last_seen=("last seen",),
           authority=("domain rating", "dr"), page_authority=("ur", "url rating"),
           traffic=("page traffic", "domain traffic", "traffic")),
    Layout("ahrefs_old", "Ahrefs backlinks (old layout)",
           (("referring page url",), ("link url",)), ("referring page url",),
           target=("link url",), anchor=("link anchor", "anchor"), rel_text=("type",),
           nofollow=("nofollow",), first_seen=("first seen",),
           last_seen=("last check", "last seen"), authority=("domain rating", "dr"),
           page_authority=("url rating", "ur"), traffic=("traffic",)),
    Layout("majestic", "Majestic backlinks", (("sourceurl", "source url"), ("targeturl",)),
           ("sourceurl", "source url"), target=("targeturl",), anchor=("anchortext",),
           nofollow=("flagnofollow",), first_seen=("firstindexeddate",),
           last_seen=("lastseendate",), authority=("sourcetrustflow",),
           page_authority=("sourcecitationflow",)),
    Layout("moz", "Moz Link Explorer links",
           (("url", "source url"), ("target url", "anchor text"),
            ("domain authority", "page authority", "spam score")),
           ("source url", "url"), target=("target url",), anchor=("anchor text",),
           rel_text=("link type", "link attributes", "type"), nofollow=("nofollow",),
           first_seen=("first seen", "date first seen"),
           last_seen=("last seen", "date last seen", "last crawled"),
           authority=("domain authority",), page_authority=("page authority",)),
    Layout("semrush", "Semrush backlinks", (("source url",), ("target url",),
           ("page ascore", "source title", "external links", "sitewide")),
           ("source url",), target=("target url",), anchor=("anchor",),
           nofollow=("nofollow",), ugc=("ugc",), sponsored=("sponsored",),
           first_seen=("first seen",), last_seen=("last seen",),
           authority=("page ascore", "domain ascore")),
    Layout("source_target", "a list of source and target URLs",
           (("source url", "source", "from", "url from"), ("target url", "target", "to", "url to")),
           ("source url", "source", "from", "url from"),
           target=("target url", "target", "to", "url to"),
           anchor=("anchor", "anchor text", "anchortext"), nofollow=("nofollow",),
           ugc=("ugc",), sponsored=("sponsored",), rel_text=("rel", "link type", "type"),
           first_seen=("first seen",), last_seen=("last seen",)),
    Layout("search_console_latest", 'Search Console "Latest links"',
           (GSC_LINKING_PAGE, GSC_LAST_CRAWLED), GSC_LINKING_PAGE, last_seen=GSC_LAST_CRAWLED),
    Layout("search_console_sample", 'Search Console "More sample links"',
           (GSC_LINKING_PAGE,), GSC_LINKING_PAGE),
    Layout("search_console_sites", 'Search Console "Top linking sites"',
           (GSC_SITE, GSC_LINKING_PAGES), GSC_SITE, kind="sites",
           counts=(GSC_LINKING_PAGES, GSC_TARGET_PAGES)),
)  # fmt: skip

#: Exports that are not lists of referring pages: (needs, what the file is).
_LINKING_TEXT = 'Search Console\'s "Top linking text" (anchor texts, not pages)'
REFUSED: tuple[tuple[tuple[tuple[str, ...], ...], str], ...] = (
    ((GSC_LINKING_TEXT,), _LINKING_TEXT),
    ((("rank",), ("link text",)), _LINKING_TEXT),  # as Search Console writes it in English
    ((GSC_TARGET_PAGE, GSC_INCOMING_LINKS, GSC_LINKING_SITES),
     'Search Console\'s "Top linked pages - externally" (your own pages, not the pages '
     "linking to them)"),
    ((GSC_TARGET_PAGE, GSC_INCOMING_LINKS),
     'Search Console\'s "Top linked pages - internally" (internal links, not backlinks)'),
)  # fmt: skip

ACCEPTED = (
    "Ahrefs (Referring page URL, Target URL, Anchor, ... or the old Referring Page URL, "
    "Link URL, Link Anchor), Semrush (Source url, Target url, Anchor, ...), Moz (URL or "
    "Source URL, Target URL, Anchor Text, Domain Authority, ...), Majestic (SourceURL, "
    "TargetURL, AnchorText, ...), Search Console (Latest links, More sample links, Top "
    "linking sites; any interface language), or one referring page URL per line; CSV, "
    "TSV, UTF-8 or UTF-16, ZIP or .xlsx"
)

_SPACES = re.compile(r"[\s_\-]+")


def header_key(text: object) -> str:
    """A header cell as compared: 'Referring_Page URL ' -> 'referring page url'."""
    value = str(text or "").replace("\ufeff", "").strip().strip('"').strip()
    return _SPACES.sub(" ", value.lower()).strip()


def find_layout(header: list[str]) -> Layout | str | None:
    """The layout of a header row (keys from ``header_key``); a string says what a refused
    export is; None: not recognised."""
    present = set(header)
    for needs, what in REFUSED:
        if all(any(name in present for name in group) for group in needs):
            return what
    for layout in LAYOUTS:
        if layout.matches(present):
            return layout
    return None


def column(header: list[str], names: tuple[str, ...]) -> int | None:
    """The index of the first of ``names`` present in ``header``."""
    for name in names:
        if name in header:
            return header.index(name)
    return None
