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

#: "Not found" in the twenty-odd most used languages of the web (lower-cased literals,
#: found with ``in``): wording is a weak signal that asks for the host's probe, never a
#: verdict. Many come from site generators' own translations (Hugo, Hexo, Docusaurus).
NOT_FOUND_PHRASES = (
    # Chinese (simplified, traditional)
    "页面不存在",
    "頁面不存在",
    "页面未找到",
    "页面没有找到",
    "找不到页面",
    "找不到頁面",
    "找不到网页",
    "找不到網頁",
    "页面找不到了",
    "无法找到",
    "未找到页面",
    "该页面不存在",
    "您访问的页面",
    "抱歉，页面",
    "找不到您要找的页面",
    "頁面未找到",
    "網頁不存在",
    # Japanese
    "見つかりません",
    "見つかりませんでした",
    "存在しません",
    "ページがありません",
    "お探しのページ",
    "ページが削除",
    "ページは存在",
    # Korean
    "찾을 수 없",
    "존재하지 않",
    "페이지가 없습니다",
    # Indonesian, Malay
    "tidak ditemukan",
    "halaman tidak ada",
    "tidak dijumpai",
    "halaman tidak tersedia",
    # Vietnamese
    "không tìm thấy",
    "không tồn tại",
    "trang không có",
    # Thai
    "ไม่พบหน้า",
    "ไม่พบ",
    "ไม่มีหน้านี้",
    # Arabic, Persian, Hebrew
    "غير موجود",
    "لم يتم العثور",
    "تعذر العثور",
    "الصفحة غير",
    "یافت نشد",
    "وجود ندارد",
    "پیدا نشد",
    "לא נמצא",
    "הדף לא קיים",
    # Hindi, Bengali
    "नहीं मिला",
    "मौजूद नहीं",
    "पृष्ठ नहीं",
    "পাওয়া যায়নি",
    "বিদ্যমান নেই",
    # Russian, Ukrainian, Belarusian, Bulgarian
    "не найден",
    "не существует",
    "не знайдено",
    "не існує",
    "не знойдзена",
    "не е намерен",
    "не е открита",
    "страница удалена",
    # Polish, Czech, Slovak, Hungarian, Romanian
    "nie znaleziono",
    "nie istnieje",
    "nenalezen",
    "neexistuje",
    "nenájden",
    "nem található",
    "nem létezik",
    "nu a fost găsit",
    "nu există",
    "nu a fost gasit",
    # Greek, Turkish
    "δεν βρέθηκε",
    "δε βρέθηκε",
    "δεν υπάρχει",
    "bulunamadı",
    "mevcut değil",
    "sayfa yok",
    # Germanic and Nordic
    "nicht gefunden",
    "existiert nicht",
    "niet gevonden",
    "bestaat niet",
    "hittades inte",
    "kunde inte hittas",
    "finns inte",
    "ikke fundet",
    "blev ikke fundet",
    "ikke funnet",
    "finnes ikke",
    "ei löytynyt",
    "ei löydy",
    # Romance
    "no encontrad",
    "no se encontr",
    "no existe",
    "introuvable",
    "n'existe pas",
    "non trouvée",
    "non trouvé",
    "page non trouv",
    "non trovat",
    "non esiste",
    "não encontrad",
    "não existe",
    "no trobat",
    "no existeix",
    "non trobat",
)
#: "This item is gone" (removed, discontinued, no longer available): with a short main
#: content, page-specific evidence that outweighs a host whose not-found page differs.
GONE_PHRASES = (
    "no longer available", "is no longer online", "has been removed", "has been deleted",
    "was removed", "was deleted", "has been discontinued", "is discontinued",
    "been taken down", "has been withdrawn", "has been unpublished", "no longer exists",
    "nicht mehr verfügbar", "nicht mehr erhältlich", "wurde entfernt", "wurde gelöscht",
    "existiert nicht mehr", "ya no está disponible", "ya no esta disponible",
    "ha sido eliminad", "ha sido retirad", "fue eliminad", "n'est plus disponible",
    "n'existe plus", "a été supprimé", "a été retiré", "non è più disponibile",
    "è stato rimosso", "è stata rimossa", "è stato eliminato", "não está mais disponível",
    "não está mais disponivel", "foi removid", "foi excluíd", "niet meer beschikbaar",
    "is verwijderd", "nie jest już dostępn", "został usunięt", "została usunięt",
    "больше не доступ", "был удален", "была удалена", "было удалено", "снят с продажи",
    "більше не доступн", "було видалено", "artık mevcut değil",
    "sayfa kaldırıldı", "ürün kaldırıldı",
    "削除されました", "公開を終了", "販売終了", "掲載終了", "已被删除", "已下架",
    "已被刪除", "已下線", "不再提供", "삭제되었습니다", "판매 종료", "sudah tidak tersedia",
    "telah dihapus", "đã bị xóa", "không còn tồn tại", "không còn khả dụng", "تمت إزالة",
    "لم يعد متاح", "این صفحه حذف شده",
    "หน้านี้ถูกลบ",
)  # fmt: skip
#: Literal gates for the lead of a page without an H1 (cheap before parsing).
MORE_GATES = tuple(p for p in NOT_FOUND_PHRASES + GONE_PHRASES if not p.isascii())

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
