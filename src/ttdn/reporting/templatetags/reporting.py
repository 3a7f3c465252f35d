"""Template helpers of the reporting pages."""

from __future__ import annotations

from django import template

from ttdn.catalog.validators import language_name as catalog_language_name

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """'en' → 'Tiếng Anh' (or 'English'), in the interface language."""
    return catalog_language_name(code or "")
