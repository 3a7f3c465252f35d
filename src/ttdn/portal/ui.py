"""The portal's own interface text: one table (data/ui.json), key → {language: text}.

The public site speaks Lao as well as Vietnamese and English, which the internal
application's gettext catalogues do not; keeping the portal's few hundred words in one
table lets a new portal language be added by adding one column, checked by
`checks.py` and the tests. Keys starting with `ed.` or `model.` belong to the coordinator's
editorial pages, which follow the internal application's languages (vi, en).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

TABLE = Path(__file__).resolve().parent / "data" / "ui.json"
INTERNAL_LANGUAGES = ("vi", "en")
INTERNAL_PREFIXES = ("ed.", "model.")
# Names of catalog topics in languages the catalog does not hold (it has vi and en); a
# topic without one is shown in English, marked as such.
OPTIONAL_PREFIXES = ("topiclabel.",)


@cache
def table() -> dict[str, dict[str, str]]:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def ui(key: str, lang: str, **params) -> str:
    """The text of `key` in `lang`; `{name}` placeholders are filled from `params`."""
    entry = table()[key]
    text = entry.get(lang) or entry.get("en") or entry["vi"]
    return text.format(**params) if params else text


def has(key: str, lang: str) -> bool:
    return bool(table().get(key, {}).get(lang))


def internal_language() -> str:
    """The internal application's language; English when translation is off (as gettext
    gives its English source, so that migrations hold the same words on every machine)."""
    code = (get_language() or "en")[:2]
    return code if code in INTERNAL_LANGUAGES else "vi"


def _internal(key: str) -> str:
    return ui(key, internal_language())


ui_lazy = lazy(_internal, str)


def missing(languages: list[str]) -> list[tuple[str, str]]:
    """(key, language) pairs with no text: public keys need every portal language,
    editorial keys Vietnamese and English."""
    gaps = []
    for key, entry in table().items():
        if key.startswith(OPTIONAL_PREFIXES):
            continue
        needed = INTERNAL_LANGUAGES if key.startswith(INTERNAL_PREFIXES) else languages
        gaps += [(key, lang) for lang in needed if not (entry.get(lang) or "").strip()]
    return gaps
