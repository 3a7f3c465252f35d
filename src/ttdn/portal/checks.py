"""System checks: every portal language has its interface text and its URL prefix is free."""

from __future__ import annotations

from django.core.checks import Error, register

from ttdn.portal.languages import portal_languages
from ttdn.portal.ui import missing

RESERVED = {"accounts", "agencies", "plans", "reports", "monitoring", "feedback", "admin", "api"}


@register()
def portal_text_check(app_configs, **kwargs):
    errors = []
    gaps = missing(portal_languages())
    if gaps:
        shown = ", ".join(f"{key} ({lang})" for key, lang in gaps[:10])
        errors.append(
            Error(
                f"The portal has no interface text for {len(gaps)} key(s): {shown}.",
                hint="Add the missing column to src/ttdn/portal/data/ui.json, or remove the "
                "language from TTDN_PORTAL_LANGUAGES.",
                id="portal.E001",
            )
        )
    for code in portal_languages():
        if code in RESERVED or not code.isalpha() or len(code) > 3:
            errors.append(
                Error(
                    f"“{code}” cannot be a portal language: the portal's pages live under "
                    f"/{code}/, which must be an ISO 639-1 code free of other pages.",
                    id="portal.E002",
                )
            )
    return errors
