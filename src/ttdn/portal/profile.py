"""The province the portal presents (data/profile.json): names per language, coordinates."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

DEFAULT = Path(__file__).resolve().parent / "data" / "profile.json"


@cache
def profile() -> dict:
    path = Path(getattr(settings, "TTDN_PORTAL_PROFILE", "") or DEFAULT)
    return json.loads(path.read_text(encoding="utf-8"))


def named(field: str, lang: str) -> tuple[str, str]:
    """(text, its language): the profile's name in `lang`, else in English, else Vietnamese."""
    names = profile()[field]
    for code in (lang, "en", "vi"):
        if names.get(code):
            return names[code], code
    return next(iter(names.values())), next(iter(names))
