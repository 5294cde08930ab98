"""Soft-404s: 2xx answers for pages that are gone. Pure functions, no Scrapy.

Direct evidence about the page convicts on its own, whatever the host does with other
URLs (a host that answers nonsense URLs with an honest 404 still answers 200 for removed
articles and discontinued products):

* ``missing_page``: the title or main heading says the page is missing (many phrasings,
  many languages) and the main content, links and boilerplate left out, is short;
* ``redirect_home``: a deep URL redirected (3xx or meta refresh) to the home page of its
  own or another host (search engines treat it as a soft 404: the content is gone).

Weaker signals (a redirect to a section root, an error word in the final URL only, a
"missing" heading over long content) are settled by the host's answer to a nonsense
sibling URL, the probe, which also clears look-alikes such as an article about 404s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from linkprospector.signatures import SCAN_CHARS, title_and_h1, visible_text

#: Direct evidence: convicts without a probe.
STRONG_SIGNALS = ("missing_page", "redirect_home")
#: Words of main content (outside links, navigation, forms) a missing-page notice has
#: at most; an article about 404 errors has far more.
MISSING_PAGE_MAX_WORDS = 150
#: Characters of a body read for the main content.
CONTENT_CHARS = 64 * 1024
#: Characters of a short main content read as its heading when no title or H1 says it.
LEAD_CHARS = 160
#: Literals one of which occurs in nearly every missing-page notice, in many languages:
#: only pages containing one have their main content parsed (the common case costs a few
#: literal scans). Words as common as "find" or "available" are left out on purpose.
MISSING_GATES = (
    ">404<",
    ">404 ",
    " 404<",
    " 404 ",
    "error 404",
    "404 error",
    "not found",
    "be found",
    "find this page",
    "find that page",
    "find the page",
    "not exist",
    "n't exist",
    "no longer",
    "been removed",
    "been deleted",
    "you're lost",
    "you are lost",
    "gefunden",
    "existiert nicht",
    "encontrad",
    "no existe",
    "introuvable",
    "existe pas",
    "existe plus",
    "trovat",
    "não existe",
    "niet gevonden",
    "znaleziono",
    "nie istnieje",
    "hittades inte",
    "bulunamad",
    "не найден",
    "見つかりません",
    "存在しません",
    "不存在",
    "找不到",
    "찾을 수",
)
#: Shingle similarity at or above which two pages count as the same page.
SAME_PAGE_SIMILARITY = 0.85

#: "This page is missing", in the title or main heading (lower-cased).
MISSING_TEXT = re.compile(
    "|".join(
        [
            # "404" as an error, not as a number ("Route 404", "Article 404 on ..." are not)
            r"\b(?:error|erreur|fehler|errore|erro|błąd|chyba|hata|ошибка)\s*404\b",
            r"\b404\s*(?:error|page|seite|página|pagina|erreur|fehler|errore)\b",
            r"(?:^|\|)\s*(?:oops[!.,]*\s*|whoops[!.,]*\s*)?404\s*(?:[!.:–—-]|\||$)",
            # English
            r"\bnot\s+found\b",
            r"\b(?:can ?not|can'?t|could ?n'?t|could not|unable to)\s+(?:be\s+)?"
            r"(?:find|found|locate|located|display)\b",
            r"\b(?:does ?n'?t|does not|do ?n'?t|no longer|not)\s+exists?\b",
            r"\bno longer (?:available|exists|online|active|here|published)\b",
            r"\b(?:is|has been|have been|was|were|got)\s+(?:removed|deleted|taken down"
            r"|unpublished|discontinued|withdrawn|archived and removed)\b",
            r"\b(?:page|content|article|post|product|item|listing|video|file|resource|story)"
            r"\s+(?:is\s+|was\s+)?(?:missing|unavailable|not available|gone|expired|removed)\b",
            r"\b(?:page|link|url|listing|offer|job|article)\s+(?:has\s+|is\s+)?"
            r"(?:expired|gone|broken|dead|invalid)\b",
            r"\bnothing (?:was )?found\b",
            r"\b(?:you(?:'re| are)|you seem|looks? like you(?:'re| are)?|are you|got|getting)"
            r"\s+(?:a bit\s+|a little\s+)?lost\b",
            r"\bwrong turn\b",
            r"\bpage (?:missing|unavailable)\b",
            # German
            r"nicht gefunden",
            r"nicht (?:mehr )?(?:verfügbar|vorhanden|erreichbar)",
            r"existiert (?:leider )?(?:nicht|nicht mehr)",
            r"wurde (?:leider )?(?:entfernt|gelöscht|verschoben)",
            r"fehler\s*404",
            # Spanish
            r"no (?:se ha |se )?(?:encontrad[oa]|encuentra|pudo encontrar)",
            r"no existe",
            r"(?:ya )?no (?:está|esta) disponible",
            r"(?:ha sido|fue) (?:eliminad[oa]|borrad[oa]|retirad[oa])",
            # French
            r"introuvable",
            r"n['’]existe (?:pas|plus)",
            r"n['’]est (?:plus|pas) disponible",
            r"(?:non|pas) trouvée?",
            r"(?:a|ont) été (?:supprimée?s?|retirée?s?)",
            r"erreur\s*404",
            # Italian
            r"non (?:è |e )?(?:stata |stato )?trovat[ao]",
            r"non esiste",
            r"non (?:è|e) più disponibile",
            r"(?:è|e) stat[ao] (?:rimoss[ao]|eliminat[ao])",
            # Portuguese
            r"não (?:foi )?encontrad[ao]",
            r"não existe",
            r"não está (?:mais )?disponível",
            # Dutch
            r"niet (?:gevonden|meer beschikbaar|beschikbaar)",
            r"bestaat niet",
            r"is verwijderd",
            # Polish, Czech, Slovak
            r"nie (?:znaleziono|istnieje|została znaleziona)",
            r"nenalezena|nebyla nalezena|neexistuje",
            # Scandinavian, Finnish, Hungarian
            r"hittades inte|finns inte|ikke fundet|finnes ikke|ikke funnet|findes ikke",
            r"ei löytynyt|ei löydy|nem található",
            # Turkish, Greek, Russian, Ukrainian, Arabic
            r"bulunamadı|mevcut değil",
            r"δεν βρέθηκε",
            r"не найден[аоы]?|не существует|страница удалена|не знайдено",
            r"غير موجودة|لم يتم العثور",
            # Japanese, Chinese, Korean
            r"見つかりません|見つかりませんでした|存在しません|ページがありません",
            r"页面不存在|頁面不存在|找不到|无法找到|未找到|不存在",
            r"찾을 수 없습니다|존재하지 않습니다",
        ]
    )
)  # matched against lower-cased text: re.I on Unicode patterns is several times slower

HOME_PATHS = frozenset(
    {
        "",
        "/",
        "/index.html",
        "/index.htm",
        "/index.shtml",
        "/index.php",
        "/index.asp",
        "/index.aspx",
        "/index.jsp",
        "/home",
        "/home/",
        "/home.html",
        "/home.php",
        "/home.aspx",
        "/default.aspx",
        "/default.asp",
        "/default.htm",
    }
)
#: A locale's root: /en/, /de-de, /pt_BR/, /zh-hans/.
_LOCALE_ROOT = re.compile(r"^/[a-z]{2,3}(?:[-_][a-z0-9]{2,4})?/?$", re.I)
_ERROR_PATH = re.compile(r"(?:^|[/_.-])(?:404|not-?found|page-?not-?found|error)(?:[/_.-]|$)", re.I)
#: Walls that stand in front of a live page: login, consent, age and geo selection.
_WALL_PATH = re.compile(
    r"(?:^|[/._?=&-])(?:log-?in|sign-?in|sign-?up|register|auth|sso|accounts?|consent|gdpr"
    r"|cookies?|captcha|age-?(?:gate|verification)|geo|region|country|choose-?(?:country|region"
    r"|location)|select-?(?:country|region|language)|location-?select)(?:[/._?=&-]|$)",
    re.I,
)
#: Link shorteners and redirectors: a deep URL of theirs lands on a home page by design.
SHORTENER_HOSTS = frozenset(
    {
        "bit.ly",
        "t.co",
        "goo.gl",
        "tinyurl.com",
        "ow.ly",
        "buff.ly",
        "rebrand.ly",
        "is.gd",
        "lnkd.in",
        "amzn.to",
        "youtu.be",
        "t.ly",
        "cutt.ly",
        "shorturl.at",
        "rb.gy",
        "tiny.cc",
        "bl.ink",
        "s.id",
    }
)
_REDIRECTOR_PATH = re.compile(
    r"(?:^|/)(?:go|out|outbound|redirect|redir|link|links|click|track|ref|refer|aff|affiliate"
    r"|recommends|visit|exit|external|jump)(?:/|$|\.php|\.asp)",
    re.I,
)
_REDIRECTOR_QUERY = re.compile(r"(?:^|&)(?:url|u|to|target|dest|destination|link|goto)=", re.I)
_META_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", re.I)
_CONTENT_ATTR = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.I)
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

#: Elements that are never a page's main content.
BOILERPLATE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "form",
    "select",
    "button",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "dialog",
)
#: class/id words of boilerplate blocks (matched as whole words of the attribute).
BOILERPLATE_WORDS = frozenset(
    {
        "sidebar",
        "menu",
        "navbar",
        "nav",
        "navigation",
        "footer",
        "header",
        "masthead",
        "breadcrumb",
        "breadcrumbs",
        "related",
        "cookie",
        "cookies",
        "consent",
        "banner",
        "share",
        "social",
        "newsletter",
        "subscribe",
        "search",
        "searchform",
    }
)
_ATTR_WORDS = re.compile(r"[a-z0-9]+")


def meta_refresh_target(text: str, base: str) -> str | None:
    """Where a ``<meta http-equiv="refresh">`` in the page's head sends the reader, if anywhere."""
    head = text[:SCAN_CHARS]
    if "efresh" not in head:
        return None
    tag = _META_REFRESH.search(head)
    content = _CONTENT_ATTR.search(tag.group(0)) if tag else None
    if content is None:
        return None
    value = next(group for group in content.groups() if group is not None)
    match = _REFRESH_URL.match(value)
    target = match.group(1).strip() if match else ""
    return urljoin(base, target) if target else None


def main_content_words(text: str) -> int:
    """Words of a page's main content, leaving out links, navigation, forms and blocks
    named like boilerplate (sidebar, footer, ...). CJK counts two signs a word."""
    return _count_words(main_content_text(text))


def _count_words(content: str) -> int:
    cjk = len(_CJK.findall(content))
    return len(_WORD.findall(_CJK.sub(" ", content))) + cjk // 2


def main_content_text(text: str) -> str:
    """The text of a page's main content (see :func:`main_content_words`), spaces folded."""
    body = text[:CONTENT_CHARS]
    if not body.strip():
        return ""
    try:
        doc = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return " ".join(visible_text(body).split())
    main = next(iter(doc.xpath("//main | //*[@role='main']")), None)
    root = main if main is not None else doc
    for element in list(root.iter(*BOILERPLATE_TAGS, "a")):
        if element is not root and element.getparent() is not None:
            element.drop_tree()  # keeps the text after it
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str):
            continue
        words = _ATTR_WORDS.findall(
            f"{element.get('class', '')} {element.get('id', '')}".lower().replace("_", "-")
        )
        if element.getparent() is not None and BOILERPLATE_WORDS.intersection(words):
            element.drop_tree()
    for title in root.iter("title"):
        title.text = ""
    return " ".join(root.text_content().split())


def says_missing(heading: str) -> bool:
    """Does a title or heading say the page is missing?"""
    return bool(MISSING_TEXT.search(heading.lower()))


_BARE_404 = re.compile(r"\b404\b")


def mentions_404(heading: str) -> bool:
    """A bare "404" in a title or heading: maybe an error page, maybe a number (weak)."""
    return bool(_BARE_404.search(heading))


def _depth(path: str) -> int:
    return len([p for p in path.split("/") if p])


def _is_home(path: str) -> bool:
    return path.lower() in HOME_PATHS or bool(_LOCALE_ROOT.match(path))


def _is_redirector(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return (
        host in SHORTENER_HOSTS
        or bool(_REDIRECTOR_PATH.search(parts.path))
        or bool(_REDIRECTOR_QUERY.search(parts.query))
    )


def soft_404_signals(url: str, final_url: str, text: str) -> list[str]:
    """Reasons to suspect a 2xx answer is a soft-404 (empty: nothing suspicious).

    ``final_url`` is where redirects ended; a meta refresh in ``text`` counts as one more.
    """
    signals = []
    final_url = final_url or url
    refresh = meta_refresh_target(text, final_url)
    if refresh and refresh != final_url:
        final_url = refresh
    if final_url != url:
        orig, final = urlsplit(url), urlsplit(final_url)
        orig_path, final_path = orig.path or "/", final.path or "/"
        if any(_WALL_PATH.search(part) for part in (final.hostname or "", final_path, final.query)):
            return []  # a login, consent or geo wall, not a missing page
        if _ERROR_PATH.search(final_path) and not _ERROR_PATH.search(orig_path):
            signals.append("error_url")
        other_host = (orig.hostname or "") != (final.hostname or "")
        if _is_home(final_path) and not _is_home(orig_path):
            if not (other_host and _is_redirector(url)):
                signals.append("redirect_home")
        elif _depth(orig_path) >= 2 and _depth(final_path) <= _depth(orig_path) - 2:
            signals.append("redirect_shallower")
    heading = title_and_h1(text)
    if says_missing(heading):
        short = main_content_words(text) <= MISSING_PAGE_MAX_WORDS
        signals.append("missing_page" if short else "not_found_text")
    elif mentions_404(heading):
        signals.append("not_found_text")  # the probe tells an error page from a number
    elif "<h1" not in text and "<H1" not in text and _may_say_missing(text):
        # Without an H1 (page builders style any element as the heading), the lead of a
        # short main content is the main heading.
        content = main_content_text(text)
        if _count_words(content) <= MISSING_PAGE_MAX_WORDS and says_missing(
            content[:LEAD_CHARS].lower()
        ):
            signals.append("missing_page")
    return signals


def _may_say_missing(text: str) -> bool:
    """A cheap literal pre-test: could the page's text say it is missing at all?"""
    lowered = text[:CONTENT_CHARS].lower()
    return any(word in lowered for word in MISSING_GATES)


def needs_probe(signals: list[str]) -> bool:
    """Only weak signals: the host's answer to a nonsense URL settles them."""
    return bool(signals) and not any(s in STRONG_SIGNALS for s in signals)


def probe_url(url: str, token: str) -> str:
    """A nonsense sibling of ``url``: same host and parent path, ``token`` as last segment."""
    parts = urlsplit(url)
    parent, _, last = (parts.path or "/").rpartition("/")
    ext = ""
    if "." in last:
        suffix = last.rsplit(".", 1)[1]
        if suffix.isalnum() and len(suffix) <= 5:
            ext = "." + suffix
    return f"{parts.scheme}://{parts.netloc}{parent}/{token}{ext}"


def content_fingerprint(text: str, ignore: tuple[str, ...] = ()) -> frozenset[int]:
    """Hashed 3-word shingles of a page's visible text (``ignore``: words left out)."""
    skip = {w.lower() for part in ignore for w in _WORD.findall(part)}
    words = [w for w in _WORD.findall(visible_text(text[:SCAN_CHARS]).lower()) if w not in skip]
    if len(words) < 3:
        return frozenset({hash(tuple(words))})
    return frozenset(hash(tuple(words[i : i + 3])) for i in range(len(words) - 2))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two fingerprints."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def judge_soft_404(
    signals: list[str],
    final_url: str,
    fingerprint: frozenset[int],
    probe: Mapping[str, object] | None,
) -> tuple[bool, str]:
    """(is it a soft-404, on what basis) from the signals and the host's probe answer.

    A strong signal convicts whatever the probe says. Otherwise ``probe`` holds
    ``status`` (None when the probe failed), ``final_url`` and ``fingerprint`` of the
    nonsense sibling URL's answer.
    """
    for signal in STRONG_SIGNALS:
        if signal in signals:
            return True, signal
    status = probe.get("status") if probe else None
    if isinstance(status, int) and status in (404, 410):
        return False, "probe_404"
    if isinstance(status, int) and 200 <= status < 300 and probe is not None:
        if probe.get("final_url") == final_url:
            return True, "probe_same_final_url"
        other = probe.get("fingerprint")
        if isinstance(other, frozenset) and similarity(fingerprint, other) >= SAME_PAGE_SIMILARITY:
            return True, "probe_same_content"
        return False, "probe_different_page"
    # Probe inconclusive (error, blocked, 5xx): only two independent signals convict.
    if "not_found_text" in signals and len(signals) >= 2:
        return True, "signals_without_probe"
    return False, "probe_inconclusive"
