"""Highlighted titles and snippets, computed in Python from the original text.

Both engines return ids only; marking the words here (never the folded text, which is not
shown) makes highlights identical on SQLite and PostgreSQL. A word is marked when its
folded form is a folded query word (or, with 'exact diacritics', its exact form), and
Lao/Thai/CJK query runs are marked where they occur as substrings.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ttdn.catalog.search.query import ParsedQuery
from ttdn.catalog.search.text import fold_token

_WORD = re.compile(r"[^\W_]+")


def _spans(text: str, query: ParsedQuery, exact_only: bool) -> list[tuple[int, int]]:
    words = query.all_exact_words() if exact_only else query.all_folded_words()
    spans = []
    if words:
        for match in _WORD.finditer(text):
            token = match.group().lower()
            key = token if exact_only else fold_token(token)
            if key in words:
                spans.append(match.span())
    for run in query.ngrams:
        start = text.find(run)
        while start != -1:
            spans.append((start, start + len(run)))
            start = text.find(run, start + len(run))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    parts, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def highlight(text: str, query: ParsedQuery, *, exact_only: bool = False) -> SafeString:
    text = text or ""
    return mark_safe(_render(text, _spans(text, query, exact_only), 0, len(text)))


def snippet(
    text: str, query: ParsedQuery, *, exact_only: bool = False, width: int = 220
) -> SafeString:
    """About `width` characters around the densest group of matches, with <mark>s."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    spans = _spans(text, query, exact_only)
    if len(text) <= width:
        return mark_safe(_render(text, spans, 0, len(text)))
    best_start, best_count = 0, -1
    for span_start, _span_end in spans:
        start = max(0, span_start - width // 4)
        count = sum(1 for s, _e in spans if start <= s < start + width)
        if count > best_count:
            best_start, best_count = start, count
    start = best_start
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    body = _render(text, spans, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)
