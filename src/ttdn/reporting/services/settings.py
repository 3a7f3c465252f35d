"""What the coordinator maintains for the cycle: indicators and reminder rules."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold
from ttdn.reporting.models import IndicatorType, ReminderRule
from ttdn.reporting.services.permissions import require_coordinator


@transaction.atomic
def indicator_save(
    *,
    actor,
    name: str,
    unit: str,
    name_en: str = "",
    unit_en: str = "",
    indicator: IndicatorType | None = None,
    active: bool = True,
) -> IndicatorType:
    require_coordinator(actor)
    if not name.strip() or not unit.strip():
        raise ApplicationError(_("An indicator needs a name and a unit."))
    if indicator is None:
        code = slugify(fold(name))[:40] or "indicator"
        if IndicatorType.objects.filter(code=code).exists():
            raise ApplicationError(
                _("An indicator called “%(name)s” exists already.") % {"name": name}
            )
        indicator = IndicatorType(code=code, position=IndicatorType.objects.count())
    indicator.name, indicator.unit = name.strip(), unit.strip()
    indicator.name_en, indicator.unit_en, indicator.active = (
        name_en.strip(),
        unit_en.strip(),
        active,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def reminder_rule_save(
    *,
    actor,
    offset: int,
    repeat_every: int = 0,
    send_email: bool = True,
    rule: ReminderRule | None = None,
) -> ReminderRule:
    require_coordinator(actor)
    if not -30 <= offset <= 60:
        raise ApplicationError(
            _("A reminder is sent between 30 working days before and 60 after the due date.")
        )
    if repeat_every < 0 or repeat_every > 30:
        raise ApplicationError(_("Repeat every 0 (once) to 30 working days."))
    rule = rule or ReminderRule()
    rule.offset, rule.repeat_every, rule.send_email = offset, repeat_every, send_email
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def reminder_rule_toggle(*, actor, rule: ReminderRule) -> ReminderRule:
    require_coordinator(actor)
    rule.active = not rule.active
    rule.save(update_fields=["active"])
    return rule
