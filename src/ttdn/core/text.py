"""Text folding for search and matching — the one place the project defines it.

Vietnamese: 'Nghệ An', 'nghe an' and 'NGHỆ AN' fold alike, and 'Đảng' folds to 'dang'.
Marks are stripped only from Latin letters, so Lao (whose vowels and tone marks are
combining characters) is never damaged; see DESIGN.md, "Vietnamese (and Lao) text".
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_D = str.maketrans({"đ": "d", "Đ": "d"})


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def nfc(text: str) -> str:
    """NFC with no-break spaces made plain and runs of white space collapsed."""
    text = unicodedata.normalize("NFC", text.replace("\u00a0", " "))
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case, without Vietnamese diacritics, đ → d, white space collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D).lower())
    kept: list[str] = []
    base_is_latin = False
    for char in decomposed:
        if unicodedata.combining(char):
            if base_is_latin:
                continue
        else:
            base_is_latin = _is_latin(char)
        kept.append(char)
    return nfc("".join(kept))
