"""Which of the user's pages best does a dead page's job (pure; BM25 through ``bm25s``).

The query is what the web said about the dead page: the anchors other sites used for it,
the sentences around those links, its archived title, description and text, and the words
of its URL's slug. The documents are the user's pages (title, description, headings,
text, slug). Scores are Okapi BM25 (``bm25s``, Lucene's IDF, which stays positive on a
site of ten pages where rank-bm25's Okapi IDF gives 0 to any word in half the pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import bm25s

from linkprospector.reading.tokens import tokenize as words_of

#: Replacements kept per dead target.
TOP = 3
#: Below this BM25 score, or with fewer matched words, a page is no good replacement; and
#: one of the words must be a name the dead page went by (an anchor, its title, its slug):
#: sharing "grow" and "tomato" with a chart's description is not doing the chart's job.
MIN_SCORE = 1.5
MIN_MATCHED = 2

#: Words every URL and link has, and function words the shared list leaves to BM25's IDF:
#: on a site of a few pages IDF cannot weigh them down, and they are no reason a page fits.
_LINK_WORD_TEXT = """
page pages here click read more link links html htm php www http https com org net
index home if can them they not all also up out one new than then there into just
about after over some any each every would could should been being had did does me
ist het een ook não sono della delle
"""
LINK_WORDS = frozenset(_LINK_WORD_TEXT.split())


def _stem(word: str) -> str:
    """A light plural fold for Latin-script words (tomatoes → tomato, jugs → jug)."""
    if len(word) < 4 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Words of a text for ranking: the shared tokens (``reading/tokens.py``: NFKC-folded,
    lower-cased, stop words dropped, Chinese/Japanese/Korean runs as character pairs),
    without link words and numbers, plurals folded."""
    return [_stem(w) for w in words_of(text) if w not in LINK_WORDS and not w.isdigit()]


def slug_words(url: str) -> str:
    """The words of a URL's path (``/articles/the-lost-art-of-espalier.html`` → ``articles
    the lost art of espalier``); the host is left out."""
    path = unquote(urlsplit(url).path)
    path = re.sub(r"\.(html?|php|aspx?|jsp)$", "", path, flags=re.I)
    return re.sub(r"[/_\-.+]+", " ", path).strip()


@dataclass(frozen=True)
class MyPage:
    """One page of the user's site, as the ranking reads it."""

    url: str
    title: str = ""
    description: str = ""
    headings: str = ""
    text: str = ""

    def words(self) -> list[str]:
        # The title and headings say what a page is for; they count twice.
        return tokenize(
            " ".join([self.title, self.title, self.headings, self.headings, self.description,
                      self.text, slug_words(self.url)])
        )  # fmt: skip


@dataclass(frozen=True)
class DeadPage:
    """What is known of a dead target: what others called it and what it said."""

    url: str
    anchors: Sequence[str] = ()
    contexts: Sequence[str] = ()
    title: str = ""
    description: str = ""
    text: str = ""

    def name_words(self) -> set[str]:
        """The words of what the dead page was called: anchors, archived title, slug."""
        return set(tokenize(" ".join([*self.anchors, self.title, slug_words(self.url)])))

    def words(self) -> list[str]:
        return list(
            dict.fromkeys(
                tokenize(
                    " ".join([*self.anchors, *self.contexts, self.title, self.description,
                              self.text, slug_words(self.url)])
                )
            )
        )  # fmt: skip


@dataclass(frozen=True)
class Replacement:
    url: str
    score: float
    matched: tuple[str, ...]  # the query's words the page has, most telling first
    names_matched: int = 0  # how many of them are words of the dead page's name

    def good(self, min_score: float = MIN_SCORE) -> bool:
        return (
            self.score >= min_score and len(self.matched) >= MIN_MATCHED and self.names_matched > 0
        )


class ReplacementIndex:
    """The user's pages indexed once; ask it for the best pages for each dead page."""

    def __init__(self, pages: Iterable[MyPage]):
        self.pages = [page for page in pages if page.url]
        self.page_words = [page.words() for page in self.pages]
        self.vocabularies = [set(words) for words in self.page_words]
        self.retriever = bm25s.BM25()
        if self.pages:
            self.retriever.index(self.page_words, show_progress=False)

    def rank(self, dead: DeadPage, top: int = TOP) -> list[Replacement]:
        """The ``top`` pages by BM25 score for what the dead page was (score > 0 only)."""
        query = dead.words()
        if not self.pages or not query:
            return []
        scores = self.retriever.get_scores(query)
        names = dead.name_words()
        ranked = sorted(
            range(len(self.pages)), key=lambda i: (-float(scores[i]), self.pages[i].url)
        )
        out = []
        for i in ranked[:top]:
            if float(scores[i]) <= 0:
                break
            matched = [w for w in query if w in self.vocabularies[i]]
            # the rarer a word among the user's pages, the more it says: listed first
            matched.sort(key=lambda w: sum(w in v for v in self.vocabularies))
            out.append(
                Replacement(
                    self.pages[i].url,
                    round(float(scores[i]), 3),
                    tuple(matched),
                    sum(w in names for w in matched),
                )
            )
        return out


def best_replacement(
    ranked: Sequence[Replacement], min_score: float = MIN_SCORE
) -> Replacement | None:
    """The first ranked page when it is good enough; None means "no good replacement"."""
    return ranked[0] if ranked and ranked[0].good(min_score) else None
