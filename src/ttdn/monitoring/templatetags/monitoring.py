"""Template helpers: safe rendering of fetched or typed text, labels of choices."""

import nh3
from django import template
from django.utils.safestring import mark_safe

from ttdn.monitoring.choices import SourceKind, Tone, Topic

register = template.Library()
TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "a"}


@register.filter
def sanitised(value: str) -> str:
    """Hostile HTML made harmless (nh3): a few formatting tags, http(s) links only."""
    return mark_safe(
        nh3.clean(
            value or "",
            tags=TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer",
        )
    )


@register.filter
def web_url(value: str) -> str:
    """The address if it is a web address, else '' (never a javascript: link)."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""


@register.filter
def tone_label(value: str) -> str:
    return Tone(value).label if value in Tone.values else ""


@register.filter
def topic_label(value: str) -> str:
    return Topic(value).label if value in Topic.values else ""


@register.filter
def label_value(label, attribute: str = "value") -> str:
    """An officer's answer as the interface names it ('Negative', 'Economy and investment')."""
    from django.utils.translation import gettext

    value = getattr(label, attribute)
    if label.field == "tone":
        return tone_label(value) or value
    if label.field == "topic":
        return topic_label(value) or value
    return gettext("about the province") if value == "yes" else gettext("not about the province")


@register.filter
def kind_label(value: str) -> str:
    return SourceKind(value).label if value in SourceKind.values else value


@register.filter
def percent(value) -> int:
    try:
        return round(float(value) * 100)
    except (TypeError, ValueError):
        return 0


@register.filter
def bs(field):
    """A form field's widget with Bootstrap's classes (and is-invalid when it has errors)."""
    kind = field.widget_type
    css = {
        "select": "form-select",
        "checkbox": "form-check-input",
        "radioselect": "form-check-input",
    }.get(kind, "form-control")
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.simple_tag
def monitoring_access(user) -> dict:
    """{'read': …, 'run': …} for the sub-navigation."""
    from ttdn.monitoring.services.permissions import can_read_monitoring, can_run_monitoring

    return {"read": can_read_monitoring(user), "run": can_run_monitoring(user)}
