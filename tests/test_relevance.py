"""Niche relevance (BM25 via bm25s) and the tokeniser under it: table tests in several
languages and scripts, and keyword stuffing that must not win."""

from __future__ import annotations

import pytest

from linkprospector.judge.relevance import Niche, niche_query, score_relevance
from linkprospector.reading.tokens import character_bigrams, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Composting: the BEST guide!", ["composting", "best", "guide"]),
        ("Kompost für den Gemüsegarten", ["kompost", "gemüsegarten"]),
        ("Le compost et la permaculture", ["compost", "permaculture"]),
        ("堆肥の作り方", ["堆肥", "肥の", "の作", "作り", "り方"]),
        ("如何制作堆肥", ["如何", "何制", "制作", "作堆", "堆肥"]),
        ("퇴비 만들기", ["퇴비", "만들", "들기"]),
        ("Ｃｏｍｐｏｓｔ ２０２４", ["compost", "2024"]),  # full-width folded by NFKC
        ("pytest 堆肥 garden", ["pytest", "堆肥", "garden"]),  # mixed scripts in one text
        ("x_y a I 7", []),  # single Latin letters and digits dropped
        ("", []),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_a_lone_cjk_character_is_a_token_of_its_own():
    assert character_bigrams("土") == ["土"]
    assert tokenize("土 と 水") == ["土", "と", "水"]


def test_tokenize_is_linear_on_a_huge_run():
    import time

    text = "堆" * 200_000 + "a" * 200_000
    started = time.perf_counter()
    tokens = tokenize(text)
    assert len(tokens) == 199_999  # the Latin run is longer than a word can be
    assert time.perf_counter() - started < 2.0


GARDEN_NICHE = Niche(("compost", "mulch", "vegetable garden", "soil"))

#: (page text, relevant?) for the gardening niche, in several languages.
PAGES = {
    "en_on": (
        "Composting guide: build a compost heap, mulch your vegetable garden beds and "
        "improve the soil for tomatoes.",
        True,
    ),
    "en_off": ("Python testing with pytest: fixtures, parametrize and mocking.", False),
    "en_off2": ("Our favourite holiday recipes: cakes, cookies and punch.", False),
    "de_on": ("Kompost anlegen: aus Gartenabfällen wird Erde. Mulch im Garten, compost tea.", True),
    "fr_off": ("Les meilleurs hôtels de Paris pour un week-end en amoureux.", False),
}


def test_on_niche_pages_outrank_off_niche_pages():
    scores = score_relevance({k: tokenize(t) for k, (t, _) in PAGES.items()}, GARDEN_NICHE)
    on = [k for k, (_, relevant) in PAGES.items() if relevant]
    off = [k for k, (_, relevant) in PAGES.items() if not relevant]
    assert min(scores[k].score for k in on) > max(scores[k].score for k in off)
    assert all(scores[k].score == 0.0 for k in off)
    assert scores["en_on"].matched[:1] and set(scores["en_on"].matched) == {
        "compost",
        "mulch",
        "vegetable",
        "garden",
        "soil",
    }
    assert all(0.0 <= s.score <= 1.0 for s in scores.values())


@pytest.mark.parametrize(
    ("niche", "on_page", "off_page"),
    [
        (  # Japanese: keyword inside a longer run of kana and kanji
            Niche(("堆肥", "家庭菜園")),
            "家庭菜園のための堆肥の作り方。生ごみから堆肥を作ります。",
            "株式投資の基本と証券口座の選び方。",
        ),
        (  # Chinese
            Niche(("堆肥", "菜园", "土壤")),
            "如何在家里制作堆肥，改善菜园的土壤。",
            "最新的手机评测和价格比较。",
        ),
        (  # Korean
            Niche(("퇴비", "텃밭")),
            "텃밭 퇴비 만들기와 흙 관리 방법",
            "서울 맛집 추천과 카페 리스트",
        ),
        (  # German
            Niche(("Kompost", "Hochbeet")),
            "Ein Hochbeet mit Kompost füllen: Schicht für Schicht zum Gemüse.",
            "Die besten Hotels in Berlin für ein Wochenende.",
        ),
        (  # Spanish
            Niche(("compost", "huerto")),
            "Cómo hacer compost casero para tu huerto urbano.",
            "Las mejores playas de España para el verano.",
        ),
    ],
)
def test_relevance_in_other_languages(niche, on_page, off_page):
    # A few neutral pages make the corpus a corpus (IDF needs more than two documents).
    filler = {f"filler{i}": tokenize(t) for i, t in enumerate(["news weather sport", "music"])}
    scores = score_relevance({"on": tokenize(on_page), "off": tokenize(off_page), **filler}, niche)
    assert scores["on"].score > 0.1
    assert scores["off"].score == 0.0
    assert scores["on"].matched


GENUINE = (
    "Our gardening resources: how to start a compost bin, which mulch to use on a "
    "vegetable garden, testing your soil, and growing tomatoes in containers."
)


@pytest.mark.parametrize(
    "stuffed",
    [
        "compost " * 300,
        ("compost compost compost buy cheap pills online casino bonus " * 40),
        "Compost. " * 50 + "Best casino bonus codes and sports betting odds. " * 20,
        "soil " * 100 + "mulch " * 100,  # two niche words, stuffed
    ],
)
def test_keyword_stuffing_does_not_win(stuffed):
    pages = {
        "genuine": tokenize(GENUINE),
        "stuffed": tokenize(stuffed),
        "off": tokenize("Cheap flights and hotel deals for your next holiday."),
    }
    scores = score_relevance(pages, GARDEN_NICHE)
    assert scores["genuine"].score > scores["stuffed"].score


def test_repeating_a_word_saturates():
    """BM25's saturation: the 100th repetition adds almost nothing."""
    niche = Niche(("compost", "mulch", "soil"))
    base = "a page about many other things like weather and music " * 3
    pages = {n: tokenize(base + " compost" * n) for n in (1, 3, 10, 100)}
    pages["off"] = tokenize(base)
    pages["other"] = tokenize("mulch and soil for raised beds")  # the niche's other words
    scores = score_relevance(pages, niche)
    s = {n: scores[n].score for n in (1, 3, 10, 100)}
    assert s[1] < s[3] < s[10] < s[100] < 0.6  # one word of three never makes a page relevant
    assert s[100] - s[10] < s[3] - s[1]


def test_own_pages_describe_the_niche():
    own = (
        "We teach composting. Our guides cover worm bins, hot composting, leaf mould and "
        "mulching for vegetable beds. Composting turns kitchen scraps into soil."
    )
    niche = Niche((), (own,))
    corpus = {
        "worms": tokenize("Worm bins and hot composting for beginners: leaf mould too."),
        "cars": tokenize("Electric cars compared: range, charging and price."),
        "recipes": tokenize("Kitchen recipes for busy weeknights."),
    }
    query = niche_query(niche, list(corpus.values()))
    assert "composting" in query and "for" not in query  # stop words never describe a niche
    scores = score_relevance(corpus, niche)
    assert scores["worms"].score > scores["recipes"].score >= scores["cars"].score
    assert "composting" in scores["worms"].matched


def test_no_niche_scores_nothing():
    pages = {"a": tokenize(GENUINE)}
    assert score_relevance(pages, Niche()).get("a").score == 0.0
    assert score_relevance({}, GARDEN_NICHE) == {}


def test_a_niche_word_no_page_uses_scores_zero_not_an_error():
    scores = score_relevance({"a": tokenize(GENUINE)}, Niche(("astrophysics",)))
    assert scores["a"].score == 0.0 and scores["a"].matched == ()
