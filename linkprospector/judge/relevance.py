"""Niche relevance: how much a page is about the user's niche, 0 to 1, with the words
that matched, ranked with BM25 (the ``bm25s`` library).

The niche is described once by keywords and/or the text of the user's own pages; the
query is the keywords' words plus the words most typical of the own pages (by TF-IDF
against every stored page). Each page is scored by BM25 against that query over the
corpus of stored pages, and the score is divided by what a page of average length using
each of the niche's eight rarest words twice would score (capped at 1). BM25's term
saturation and length normalisation are what keep keyword stuffing from winning:
repeating one niche word a hundred times earns little more than using it three times,
while a page covering several niche words earns each of them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np

from linkprospector.reading.tokens import tokenize

#: BM25 parameters: the usual k1/b (Robertson; Lucene's defaults). k1 is how fast a
#: repeated word saturates, b how much a long page is discounted.
K1 = 1.2
B = 0.75
#: Words taken from the user's own pages to describe the niche, besides its keywords.
OWN_PAGE_TERMS = 25
#: Words of the own pages found on more than half of all stored pages are the
#: crawl's boilerplate ("links", "resources", "read more"), not the niche.
BOILERPLATE_SHARE = 0.5
#: Matched words listed per page.
MATCHED_SHOWN = 8
#: Relevance 1.0 is what a page of average length scores that uses each of the niche's
#: CEILING_WORDS rarest words CEILING_TF times: a niche described by a long page should
#: not need a page that repeats all of it, and a word used twice is a topic, not a mention.
CEILING_WORDS = 8
CEILING_TF = 2


@dataclass(frozen=True)
class Niche:
    """The user's niche: keywords and the texts of their own pages."""

    keywords: tuple[str, ...] = ()
    page_texts: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(k.strip() for k in self.keywords) and not any(self.page_texts)


@dataclass(frozen=True)
class Relevance:
    score: float  # 0..1
    matched: tuple[str, ...] = field(default=())  # niche words found on the page, best first


def niche_query(niche: Niche, corpus: Sequence[Sequence[str]]) -> list[str]:
    """The query words: every keyword's words, then the own pages' most typical words
    (term frequency in the own pages times inverse document frequency in ``corpus``)."""
    query: list[str] = []
    for keyword in niche.keywords:
        query += [w for w in tokenize(keyword) if w not in query]
    own = Counter(w for text in niche.page_texts for w in tokenize(text))
    if own:
        df = Counter(w for doc in corpus for w in set(doc))
        n = len(corpus) + 1
        common = max(2.0, BOILERPLATE_SHARE * len(corpus))

        def typical(word: str) -> float:
            # Sublinear term frequency: a word repeated in every list item of the own
            # page ("read more") must not outweigh the words that say what it is about.
            return (1 + math.log(own[word])) * math.log(n / (1 + df[word]))

        useful = [w for w in own if df[w] <= common and typical(w) > 0]
        for word in sorted(useful, key=lambda w: (-typical(w), w))[:OWN_PAGE_TERMS]:
            if word not in query:
                query.append(word)
    return query


def score_relevance(
    pages: Mapping[str, Sequence[str]], niche: Niche, corpus_extra: Sequence[Sequence[str]] = ()
) -> dict[str, Relevance]:
    """Relevance of every page (url -> its tokens) to ``niche``; ``corpus_extra`` are more
    tokenised pages that only count for word rarity (e.g. the user's own pages)."""
    urls = list(pages)
    if not urls or niche.empty:
        return {url: Relevance(0.0) for url in urls}
    docs = [list(pages[url]) or [""] for url in urls]
    corpus = docs + [list(d) or [""] for d in corpus_extra]
    query = niche_query(niche, corpus)
    if not query:
        return {url: Relevance(0.0) for url in urls}
    retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
    retriever.index(corpus, show_progress=False)
    vocabulary = retriever.vocab_dict
    known = [w for w in query if w in vocabulary]
    if not known:
        return {url: Relevance(0.0) for url in urls}
    scores = np.asarray(retriever.get_scores(known), dtype=float)[: len(docs)]
    idf = _idf(known, corpus)
    # BM25's term-frequency factor (Lucene form) for CEILING_TF uses at average length.
    saturation = CEILING_TF / (CEILING_TF + K1)
    ceiling = saturation * sum(sorted(idf.values(), reverse=True)[:CEILING_WORDS])
    result = {}
    for i, url in enumerate(urls):
        counts = Counter(docs[i])
        matched = sorted((w for w in known if counts[w]), key=lambda w: (-idf[w], w))
        score = min(1.0, max(0.0, float(scores[i]) / ceiling)) if ceiling else 0.0
        result[url] = Relevance(round(score, 3), tuple(matched[:MATCHED_SHOWN]))
    return result


def _idf(words: Sequence[str], corpus: Sequence[Sequence[str]]) -> dict[str, float]:
    """Lucene's BM25 IDF, the one ``bm25s`` uses with ``method="lucene"`` (a word's
    contribution to a page's score is its IDF times a term-frequency factor below 1)."""
    wanted = set(words)
    df: Counter[str] = Counter(w for doc in corpus for w in wanted.intersection(doc))
    n = len(corpus)
    return {w: math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5)) for w in words}
