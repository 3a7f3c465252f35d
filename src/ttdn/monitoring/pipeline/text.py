"""The fold stage: word tokens of title, lead and body, lower-cased and folded.

Folding uses the project's one function (`core.text.fold`), applied per word with a cache:
news Vietnamese has a few thousand distinct syllables, so folding a 10 kB article costs a
dictionary look-up per word instead of a pass over every character.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ttdn.core.text import fold
from ttdn.monitoring.pipeline.types import Extracted, Folded

WORD = re.compile(r"\w+")
MAX_BODY_WORDS = 4000


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    return fold(word)


def words(text: str, limit: int | None = None) -> tuple[str, ...]:
    found = WORD.findall(text.lower())
    return tuple(found[:limit] if limit else found)


def folded(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold_word(token) for token in tokens)


def fold_stage(doc: Extracted) -> Folded:
    title, lead = words(doc.title), words(doc.lead)
    body = words(doc.text, MAX_BODY_WORDS)
    return Folded(
        title_lower=title,
        lead_lower=lead,
        body_lower=body,
        title=folded(title),
        lead=folded(lead),
        body=folded(body),
    )


def fold_query(text: str) -> tuple[str, ...]:
    return folded(words(text))
