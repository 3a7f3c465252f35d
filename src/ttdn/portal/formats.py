"""Numbers and dates as each portal language writes them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ttdn.portal.languages import language

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def number(value, lang: str, decimals: int = 0) -> str:
    """1234.5 → '1,234.5' (en), '1.234,5' (vi, lo)."""
    meta = language(lang)
    text = f"{Decimal(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", meta.decimal).replace("\x00", meta.group)


def date_text(day: datetime.date | datetime.datetime | None, lang: str) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        from django.utils import timezone

        day = timezone.localdate(day)
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    if lang in ("vi", "lo", "fr"):
        return f"{day:%d/%m/%Y}"
    return day.isoformat()


def datetime_text(moment: datetime.datetime | None, lang: str) -> str:
    if moment is None:
        return ""
    from django.utils import timezone

    local = timezone.localtime(moment)
    return f"{date_text(local.date(), lang)} {local:%H:%M}"
