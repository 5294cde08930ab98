"""Generated backlink exports in the layouts the tools write (their documented columns;
see tests/fixtures/backlinks/SOURCES.md for the real files), for mysite.test."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

AHREFS_HEADER = [
    "Referring page title", "Referring page URL", "Language", "Platform", "Referring page HTTP code",
    "Domain rating", "UR", "Domain traffic", "Referring domains", "Linked domains",
    "External links", "Page traffic", "Keywords", "Target URL", "Left context", "Anchor",
    "Right context", "Type", "Content", "Nofollow", "UGC", "Sponsored", "Rendered", "Raw",
    "Lost status", "Drop reason", "Discovered status", "Link Group", "First seen", "Last seen",
    "Lost",
]  # fmt: skip
AHREFS_OLD_HEADER = [
    "#", "Domain Rating", "URL Rating", "Referring Page URL", "Referring Page Title",
    "Internal Links Count", "External Links Count", "Link URL", "TextPre", "Link Anchor",
    "TextPost", "Type", "BackLink Status", "First Seen", "Last Check", "Day Lost", "Language",
    "Traffic", "Keywords",
]  # fmt: skip
SEMRUSH_HEADER = [
    "Page ascore", "Source title", "Source url", "Target url", "Anchor", "External links",
    "Internal links", "Nofollow", "Sponsored", "Ugc", "Text", "Frame", "Form", "Image",
    "Sitewide", "First seen", "Last seen", "New link", "Lost link",
]  # fmt: skip
MAJESTIC_HEADER = [
    "SourceURL", "TargetURL", "AnchorText", "SourceCitationFlow", "SourceTrustFlow",
    "TargetCitationFlow", "TargetTrustFlow", "FlagNoFollow", "FlagImages", "FlagRedirect",
    "FirstIndexedDate", "LastSeenDate", "DateLost",
]  # fmt: skip


def table(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def ahrefs(rows: list[tuple[str, str, str, str]]) -> bytes:
    """(page, target, anchor, nofollow) rows as Ahrefs downloads them: UTF-16, tabs."""
    body = [
        ["Notes", page, "en", "", "200", "1,234", "12", "3,400", "50", "80", "90", "120", "15",
         target, "see", anchor, "for more", "text", "true", nofollow, "false", "false", "true",
         "true", "", "", "", "", "2025-07-08 10:11:12", "2026-11-20 08:00:00", ""]
        for page, target, anchor, nofollow in rows
    ]  # fmt: skip
    return table(AHREFS_HEADER, body, "\t").encode("utf-16")


def ahrefs_old(rows: list[tuple[str, str, str, str]]) -> bytes:
    """The layout Ahrefs exported before 2021 (UTF-8 with a BOM, commas)."""
    body = [
        [str(n), "45", "12", page, "Notes", "10", "20", target, "see", anchor, "for more",
         kind, "Active", "8 Jul 2025", "20 Nov 2026", "", "en", "120", "15"]
        for n, (page, target, anchor, kind) in enumerate(rows, 1)
    ]  # fmt: skip
    return ("\ufeff" + table(AHREFS_OLD_HEADER, body)).encode("utf-8")


def semrush(rows: list[tuple[str, str, str, str]]) -> bytes:
    body = [
        ["23", "Notes", page, target, anchor, "10", "20", nofollow, "false", "false", "true",
         "false", "false", "false", "false", "Jul 8, 2025", "Nov 20, 2026", "false", "false"]
        for page, target, anchor, nofollow in rows
    ]  # fmt: skip
    return table(SEMRUSH_HEADER, body, ";").encode("utf-8")


def majestic(rows: list[tuple[str, str, str, str]]) -> bytes:
    body = [
        [page, target, anchor, "20", "14", "30", "25", nofollow, "-", "-", "2025-07-08",
         "2026-11-20", ""]
        for page, target, anchor, nofollow in rows
    ]  # fmt: skip
    return table(MAJESTIC_HEADER, body).encode("utf-8")


#: Search Console's Links tables in its interface languages:
#: lang -> (Linking page, Last crawled, Site, Linking pages, Target pages, a date, ISO date)
GSC_LANGUAGES = {
    "en": ("Linking page", "Last crawled", "Site", "Linking pages", "Target pages", "Jul 8, 2025"),
    "de": ("Verlinkende Seite", "Zuletzt gecrawlt", "Website", "Verlinkende Seiten", "Zielseiten", "08.07.2025"),
    "es": ("Página de enlace", "Último rastreo", "Sitio", "Páginas que enlazan", "Páginas de destino", "8/7/2025"),
    "fr": ("Page d'origine du lien", "Dernière exploration", "Site", "Pages avec lien", "Pages cibles", "8 juil. 2025"),
    "it": ("Pagina di collegamento", "Ultima scansione", "Sito", "Pagine di collegamento", "Pagine di destinazione", "08/07/2025"),
    "pt": ("Página de link", "Último rastreamento", "Site", "Páginas com link", "Páginas de destino", "08/07/2025"),
    "nl": ("Linkende pagina", "Laatst gecrawld", "Site", "Linkende pagina's", "Doelpagina's", "8-7-2025"),
    "pl": ("Strona z linkiem", "Ostatnie indeksowanie", "Witryna", "Strony z linkiem", "Strony docelowe", "8.07.2025"),
    "ja": ("リンク元ページ", "前回のクロール", "サイト", "リンク元ページ数", "ターゲット ページ数", "2025/07/08"),
    "zh": ("链接网页", "上次抓取时间", "网站", "链接网页数", "目标网页数", "2025年7月8日"),
    "ru": ("Ссылающаяся страница", "Последнее сканирование", "Сайт", "Ссылающиеся страницы", "Целевые страницы", "08.07.2025"),
    "ko": ("링크 페이지", "마지막 크롤링", "사이트", "링크 페이지 수", "대상 페이지 수", "2025. 7. 8."),
    "tr": ("Bağlantı veren sayfa", "Son tarama", "Site", "Bağlantı veren sayfalar", "Hedef sayfalar", "8.07.2025"),
}  # fmt: skip


def gsc_latest(lang: str, pages: list[str]) -> bytes:
    page, crawled, *_rest, date = GSC_LANGUAGES[lang]
    return ("\ufeff" + table([page, crawled], [[p, date] for p in pages])).encode("utf-8")


def gsc_sites(lang: str, sites: list[tuple[str, str, str]]) -> bytes:
    _page, _crawled, site, pages, targets, _date = GSC_LANGUAGES[lang]
    return table([site, pages, targets], [list(s) for s in sites]).encode("utf-8")


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook as the tools' "Export to Excel" writes it (openpyxl writes it here)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
