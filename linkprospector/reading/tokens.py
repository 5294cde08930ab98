"""Words of a text for ranking: lower-cased words for scripts written with spaces, and
overlapping character pairs (bigrams) for Chinese, Japanese, Korean and Thai, which are
written without spaces between words.

Character bigrams are the standard dictionary-free answer for CJK search (Lucene's
CJKAnalyzer does the same): "堆肥の作り方" becomes 堆肥, 肥の, の作, 作り, り方, so a
niche keyword "堆肥" matches a page that uses it inside a longer run of characters.
"""

from __future__ import annotations

import re
import unicodedata

#: Runs of letters and digits (``\\w`` without the underscore). A single character class
#: repeated: linear time on any input.
WORD_RUN = re.compile(r"[^\W_]+")
#: Scripts written without spaces: Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer.
UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+"
)
#: Function words of the languages the tests and the demo use; BM25's IDF weighs common
#: words down anyway, this only keeps them out of "the words that matched" and out of the
#: terms taken from the user's own pages.
_STOPWORD_LINES = (
    "a an and are as at be but by for from has have how i in is it its my of on or our",
    "so that the their this to was we were what when which who why will with you your",
    "aber als am an auf aus bei das dem den der des die ein eine einer es für im ist mit",
    "nicht oder sich sie und von wie zu zum zur",
    "au aux avec ce ces dans de des du elle en est et il la le les leur mais ne nous on ou",
    "par pas pour qui que se sur un une vous",
    "al como con de del el en es la las lo los para por que se su un una y",
    "da di e il in la le nel per che con un una",
    "de een en het in is met op te van voor",
    "com da de do dos e em na no o os para por que um uma",
)
STOPWORDS = frozenset(word for line in _STOPWORD_LINES for word in line.split(" "))
MAX_WORD = 40  # longer "words" are hashes, base64 or glued-together junk


def tokenize(text: str) -> list[str]:
    """The words of ``text`` in order: NFKC-folded and lower-cased, stop words and single
    Latin letters dropped, unspaced scripts as overlapping character bigrams."""
    tokens: list[str] = []
    folded = unicodedata.normalize("NFKC", text or "").lower()
    for match in WORD_RUN.finditer(folded):
        run = match.group()
        start = 0
        for unspaced in UNSPACED.finditer(run):
            _spaced_words(run[start : unspaced.start()], tokens)
            tokens.extend(character_bigrams(unspaced.group()))
            start = unspaced.end()
        _spaced_words(run[start:], tokens)
    return tokens


def character_bigrams(run: str) -> list[str]:
    """Overlapping pairs of characters; a lone character stands for itself."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _spaced_words(word: str, tokens: list[str]) -> None:
    short_latin = len(word) == 1 and word.isascii()
    if word and len(word) <= MAX_WORD and word not in STOPWORDS and not short_latin:
        tokens.append(word)
