"""The languages of the public site: names, locales and number formats (CLDR)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ttdn.portal import conf

# native name, Open Graph locale, decimal mark, thousands separator (CLDR)
KNOWN = {
    "vi": ("Tiếng Việt", "vi_VN", ",", "."),
    "en": ("English", "en_GB", ".", ","),
    "lo": ("ລາວ", "lo_LA", ",", "."),
    "fr": ("Français", "fr_FR", ",", "\u202f"),
    "zh": ("中文", "zh_CN", ".", ","),
    "ko": ("한국어", "ko_KR", ".", ","),
    "ja": ("日本語", "ja_JP", ".", ","),
    "th": ("ไทย", "th_TH", ".", ","),
}


@dataclass(frozen=True)
class PortalLanguage:
    code: str
    native: str
    og_locale: str
    decimal: str
    group: str


@cache
def _catalog_names() -> dict[str, str]:
    path = Path(__file__).resolve().parents[1] / "catalog" / "data" / "languages.json"
    try:
        return {row["code"]: row["native"] for row in json.loads(path.read_text("utf-8"))}
    except (OSError, ValueError, KeyError):
        return {}


def portal_languages() -> list[str]:
    return list(conf.get("TTDN_PORTAL_LANGUAGES"))


def language(code: str) -> PortalLanguage:
    native, og, decimal, group = KNOWN.get(
        code, (_catalog_names().get(code, code), f"{code}_{code.upper()}", ".", ",")
    )
    return PortalLanguage(code, native, og, decimal, group)


def is_portal_language(code: str) -> bool:
    return code in portal_languages()
