"""What missing pages say and where deep links land: the word lists of
:mod:`linkprospector.judge.soft404` (data, no logic)."""

from __future__ import annotations

import re

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
            r"\b(?:page|link|post|article|video|content|item|product|listing|story|file)"
            r"\s+(?:is\s*n[o']t|is not|isn't)\s+(?:available|here)\b",
            r"\b(?:is\s*n[o']t|is not|isn't|is no longer)\s+here\b",
            r"\b(?:can'?t|cannot|could\s*n'?t|could not)\s+seem\s+to\s+find\b",
            r"\b(?:went|gone|is|go(?:ne)?)\s+missing\b",
            r"\bdead\s+link\b",
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
