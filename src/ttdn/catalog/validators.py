"""Validation of language and country codes against the lists the catalog accepts."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ttdn.catalog import conf

DATA = Path(__file__).resolve().parent / "data"


@cache
def _names(filename: str) -> dict[str, dict]:
    rows = json.loads((DATA / filename).read_text(encoding="utf-8"))
    return {row["code"]: row for row in rows}


def allowed_languages() -> list[str]:
    return list(conf.get("TTDN_CATALOG_LANGUAGES"))


def language_name(code: str, interface: str | None = None) -> str:
    row = _names("languages.json").get(code)
    if row is None:
        return code
    return row["vi"] if (interface or get_language() or "vi").startswith("vi") else row["en"]


def language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in allowed_languages()]


def country_name(code: str, interface: str | None = None) -> str:
    row = _names("countries.json").get(code)
    if row is None:
        return code
    return row["vi"] if (interface or get_language() or "vi").startswith("vi") else row["en"]


def country_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, country_name(code)) for code in _names("countries.json")), key=lambda c: c[1]
    )


def validate_language(value: str) -> None:
    if value not in allowed_languages():
        raise ValidationError(
            _(
                "“%(code)s” is not a language the database accepts; use one of these "
                "ISO 639-1 codes: %(codes)s."
            )
            % {"code": value, "codes": ", ".join(allowed_languages())},
            code="language",
        )


def validate_countries(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(
            _("Target countries must be a list of two-letter ISO 3166 codes, such as LA or FR."),
            code="countries",
        )
    unknown = [code for code in value if code not in _names("countries.json")]
    if unknown:
        raise ValidationError(
            _(
                "%(codes)s: not ISO 3166 country codes; write two capital letters, "
                "such as LA for Laos or FR for France."
            )
            % {"codes": ", ".join(unknown)},
            code="countries",
        )
