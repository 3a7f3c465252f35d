"""Small helpers shared by selectors."""

from __future__ import annotations

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today's date in the province's time zone (not the server's)."""
    return timezone.localdate()
