"""Template helpers of the portal: interface text, text in another language, dates."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ttdn.portal.formats import date_text, datetime_text
from ttdn.portal.text import Text
from ttdn.portal.ui import ui as ui_text

register = template.Library()


@register.simple_tag(takes_context=True)
def ui(context, key: str, **params) -> str:
    """`{% ui "nav.topics" %}` in the page's language (the context's `lang`)."""
    return ui_text(key, context["lang"], **params)


@register.simple_tag(takes_context=True)
def inlang(context, value, lang: str = "") -> str:
    """Text, wrapped in <span lang="…"> when it is not in the page's language."""
    if value is None:
        return ""
    lang = lang or (value.lang if isinstance(value, Text) else context["lang"])
    if lang != context["lang"]:
        return format_html('<span lang="{}">{}</span>', lang, str(value))
    return format_html("{}", str(value))


@register.filter
def pdate(value, lang: str) -> str:
    return date_text(value, lang)


@register.filter
def pdatetime(value, lang: str) -> str:
    return datetime_text(value, lang)


@register.simple_tag(takes_context=True)
def kind(context, value: str) -> str:
    return ui_text(f"kind.{value}", context["lang"])


@register.filter
def psize(value: int, lang: str) -> str:
    """A file size in the page's number format: '820 KB', '2,4 MB'."""
    from ttdn.portal.formats import number

    if value < 1024 * 1024:
        return f"{number(max(1, round(value / 1024)), lang)} KB"
    return f"{number(value / 1024 / 1024, lang, 1)} MB"
