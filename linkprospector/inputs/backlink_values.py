"""Cell values of backlink exports: dates in the formats the tools and Search Console's
languages write, counts with thousands separators, yes/no flags. Pure."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "janvier", "enero", "ene", "gennaio", "gen", "janeiro",
             "januari", "stycznia", "styczeń", "января", "янв", "ocak"),
            ("feb", "february", "februar", "février", "févr", "febrero", "febbraio", "fevereiro",
             "fev", "februari", "lutego", "luty", "февраля", "фев", "şubat", "şub"),
            ("mar", "march", "märz", "mars", "marzo", "março", "maart", "mrt", "marca", "marzec",
             "марта", "мар", "mart"),
            ("apr", "april", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień",
             "апреля", "апр", "nisan", "nis"),
            ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maja", "maj", "мая", "mayıs"),
            ("jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca",
             "czerwiec", "июня", "июн", "haziran", "haz"),
            ("jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho",
             "lipca", "lipiec", "июля", "июл", "temmuz", "tem"),
            ("aug", "august", "août", "agosto", "ago", "augustus", "sierpnia", "sierpień",
             "августа", "авг", "ağustos", "ağu"),
            ("sep", "sept", "september", "septembre", "septiembre", "settembre", "set",
             "setembro", "września", "wrzesień", "сентября", "сен", "eylül", "eyl"),
            ("oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
             "outubro", "out", "października", "październik", "октября", "окт", "ekim", "eki"),
            ("nov", "november", "novembre", "noviembre", "novembro", "listopada", "listopad",
             "ноября", "ноя", "kasım", "kas"),
            ("dec", "december", "dezember", "dez", "décembre", "déc", "diciembre", "dic",
             "dicembre", "dezembro", "grudnia", "grudzień", "декабря", "дек", "aralık", "ara"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
TRUE = frozenset({"true", "yes", "1", "y", "x", "+", "✓", "✔", "nofollow", "ugc", "sponsored",
                  "ja", "sí", "si", "oui", "sim", "tak", "да", "evet", "wahr", "vrai"})  # fmt: skip
FALSE = frozenset({"false", "no", "0", "n", "-", "", "dofollow", "follow", "nein", "non",
                   "não", "nie", "нет", "hayır", "falsch", "faux", "null", "none"})  # fmt: skip

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ ,T].*)?$")
_CJK = re.compile(r"^(\d{4})\s*[年.]\s*(\d{1,2})\s*[月.]\s*(\d{1,2})\s*[日.]?")
_WORDS = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)


def parse_date(text: object, day_first: bool = False) -> str:
    """``YYYY-MM-DD`` from an export's date (ISO, ``d.m.Y``, ``m/d/Y`` or ``d/m/Y``,
    ``Jul 8, 2025``, ``8 juil. 2025``, ``2025年7月8日``); "" when it is not a date.
    ``day_first`` settles ``03/04/2025`` (a part over 12 settles it by itself)."""
    if isinstance(text, dt.datetime | dt.date):
        return text.strftime("%Y-%m-%d")
    value = str(text or "").strip()
    if not value:
        return ""
    found = _ISO.match(value) or _CJK.match(value)
    if found:
        return _date(int(found[1]), int(found[2]), int(found[3]))
    found = _NUMERIC.match(value)
    if found:
        a, b, year = int(found[1]), int(found[2]), int(found[3])
        first_is_day = a > 12 or (b <= 12 and (day_first or "." in value))
        return _date(year, b, a) if first_is_day else _date(year, a, b)
    return _date_in_words(value)


def _date_in_words(value: str) -> str:
    parts = [p.rstrip(".").lower() for p in _WORDS.findall(value)]
    month = next((MONTHS[p] for p in parts if p in MONTHS), None)
    numbers = [int(p) for p in parts if p.isdigit()]
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if 1 <= n <= 31]
    if month is None or len(years) != 1 or not days:
        return ""
    return _date(years[0], month, days[0])


def _date(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def parse_count(text: object) -> int | None:
    """``1,240`` / ``1.240`` / ``1 240`` / ``56`` -> an int; None when it is not one."""
    if isinstance(text, int | float):
        return int(text)
    value = re.sub(r"[\s,.'\u00a0\u202f]", "", str(text or ""))
    return int(value) if value.isdigit() else None


_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")


def parse_number(text: object) -> float | None:
    """A metric such as ``45``, ``12.5`` or ``1,234``; None when the cell is not one."""
    if isinstance(text, int | float):
        return float(text)
    value = str(text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not value or not value[0].isdigit():
        return None
    if _THOUSANDS.fullmatch(value):
        value = value.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(value):
        value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        return None


def parse_flag(text: object) -> bool | None:
    """A yes/no cell (True/False, 1/0, +/-, ``nofollow``); None when it says neither."""
    if isinstance(text, bool):
        return text
    value = str(text if text is not None else "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    return None


def rel_flags(text: object) -> set[str]:
    """The rel flags a "Type"/"Link type" cell names: 'nofollow, ugc' -> {nofollow, ugc}."""
    words = re.split(r"[\s,;/|]+", str(text or "").lower())
    return {w for w in words if w in ("nofollow", "ugc", "sponsored")}
