"""What a user typed, parsed into terms, quoted phrases and n-gram runs.

- Words are ANDed; a multi-syllable query also ranks the documents holding it as a phrase
  first ('nghe an' puts 'Nghệ An' above 'nghệ thuật … An Giang').
- "Quoted words" must appear as a phrase.
- A query typed with diacritics matches the folded index too ('Đảng' also finds 'đang'),
  but documents with the exact forms rank first; `exact_only` keeps only those.
- Lao (and Thai, Chinese …) runs are matched as substrings, never folded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ttdn.catalog.search.text import NGRAM_MIN, analyse, fold_token, has_diacritics
from ttdn.core.text import nfc

_QUOTED = re.compile(r'"([^"]*)"?')
MAX_TOKENS = 16


@dataclass(frozen=True)
class ParsedQuery:
    raw: str = ""
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    ngrams: tuple[str, ...] = ()
    diacritics: bool = False
    notices: tuple[str, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.ngrams)

    @cached_property
    def folded_terms(self) -> tuple[str, ...]:
        return tuple(fold_token(term) for term in self.terms)

    @cached_property
    def folded_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(fold_token(t) for t in phrase) for phrase in self.phrases)

    @property
    def has_words(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def ranks_phrase(self) -> bool:
        """Whether the unquoted words are also tried as one phrase for ranking."""
        return len(self.terms) > 1

    @property
    def short_ngrams(self) -> tuple[str, ...]:
        return tuple(run for run in self.ngrams if len(run) < NGRAM_MIN)

    @property
    def long_ngrams(self) -> tuple[str, ...]:
        return tuple(run for run in self.ngrams if len(run) >= NGRAM_MIN)

    def all_folded_words(self) -> set[str]:
        return set(self.folded_terms) | {t for phrase in self.folded_phrases for t in phrase}

    def all_exact_words(self) -> set[str]:
        return set(self.terms) | {t for phrase in self.phrases for t in phrase}


def _words(text: str) -> tuple[list[str], list[str]]:
    return analyse(text)


def parse_query(text: str) -> ParsedQuery:
    text = nfc(text or "")
    phrases: list[tuple[str, ...]] = []
    ngrams: list[str] = []
    for match in _QUOTED.finditer(text):
        words, runs = _words(match.group(1))
        ngrams += runs
        if len(words) > 1:
            phrases.append(tuple(words))
        elif words:
            phrases.append((words[0],))
    unquoted = _QUOTED.sub(" ", text)
    terms, runs = _words(unquoted)
    ngrams += runs
    # A one-word "phrase" is a term; repeated words add nothing.
    terms += [phrase[0] for phrase in phrases if len(phrase) == 1]
    phrases = [phrase for phrase in phrases if len(phrase) > 1]
    terms = list(dict.fromkeys(terms))
    notices = []
    if len(terms) + sum(len(p) for p in phrases) > MAX_TOKENS:
        notices.append("too_long")
        terms = terms[:MAX_TOKENS]
        phrases = phrases[:2]
    return ParsedQuery(
        raw=text,
        terms=tuple(terms),
        phrases=tuple(phrases),
        ngrams=tuple(dict.fromkeys(ngrams)),
        diacritics=has_diacritics(text),
        notices=tuple(notices),
    )
