"""What the search index holds, computed in Python so that both engines see the same tokens.

A text is split into three parts:

- *exact*: NFC, lower-case tokens (letters and digits), joined by single spaces — the
  form typed with diacritics finds first;
- *folded*: the same tokens through `core.text.fold` ('Đảng' → 'dang') — what a query typed
  without diacritics matches;
- *n-grams*: runs of scripts written without spaces between words (Lao, Thai, Khmer,
  Burmese, Chinese, Japanese, Korean). Their vowel and tone marks are combining characters,
  so they are never folded; the engines index them by trigrams and match substrings.

Tokenising here, rather than in each engine, is what makes SQLite and PostgreSQL return the
same hits: each engine only splits on the single spaces we put between tokens.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import nh3

from ttdn.core.text import fold, nfc

# Scripts without spaces between words, and whose marks must survive (Lao first of all).
_NGRAM_RANGES = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af\u1100-\u11ff"  # Hangul
)
NGRAM_RUN = re.compile(f"[{_NGRAM_RANGES}]+")
TOKEN = re.compile(r"[^\W_]+")
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…–—-/*"
NGRAM_MIN = 3  # the trigram index cannot look up fewer characters


def _word_tokens(lowered: str) -> list[str]:
    # str.split() and isalnum() run in C; the regex only sees words with punctuation.
    found: list[str] = []
    for word in lowered.split():
        if not word.isalnum():
            word = word.strip(_EDGE_PUNCTUATION)
            if not word.isalnum():
                found += TOKEN.findall(word)
                continue
        found.append(word)
    return found


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(lower-case NFC tokens outside the n-gram scripts, the n-gram runs) of a text."""
    if not text:
        return [], []
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lowered = text.lower()
    if NGRAM_RUN.search(lowered) is None:
        return _word_tokens(lowered), []
    runs = NGRAM_RUN.findall(lowered)
    return _word_tokens(NGRAM_RUN.sub(" ", lowered)), runs


def split_ngram_runs(text: str) -> tuple[str, list[str]]:
    """(the text with n-gram runs replaced by spaces, the runs)."""
    runs = NGRAM_RUN.findall(text)
    return (NGRAM_RUN.sub(" ", text) if runs else text), runs


def tokens(text: str) -> list[str]:
    """Lower-case NFC tokens of the text outside the n-gram scripts."""
    return analyse(text)[0]


def exact_text(text: str) -> str:
    return " ".join(tokens(text))


def folded_text(text: str) -> str:
    return " ".join(fold_token(token) for token in tokens(text))


@lru_cache(maxsize=262_144)
def fold_token(token: str) -> str:
    """fold() of one token, remembered: a language has few distinct syllables, so indexing a
    million documents folds each of them once ('nghệ' → 'nghe')."""
    return fold(token).replace(" ", "")


def ngram_text(*texts: str) -> str:
    """The n-gram runs of the texts, one space between runs (never folded)."""
    return " ".join(run for text in texts for run in analyse(text)[1])


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML: tags dropped, entities decoded, blocks on new lines."""
    if not value:
        return ""
    value = re.sub(r"(?i)</(p|div|li|h[1-6]|blockquote)>|<br\s*/?>", "\n", value)
    text = html.unescape(nh3.clean(value, tags=set()))
    return "\n".join(nfc(line) for line in text.splitlines() if line.strip())


def has_diacritics(text: str) -> bool:
    """Whether folding changes the text (Vietnamese marks or đ), ignoring case."""
    lowered = nfc(text).lower()
    return fold(lowered) != nfc(lowered)
