"""The coordinator's settings of the cycle: indicators, reminder rules, the calendar."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.calendar import calendar_from_db
from ttdn.core.errors import ApplicationError
from ttdn.core.models import WorkdayAdjustment
from ttdn.core.services import workday_adjustment_delete, workday_adjustment_set
from ttdn.reporting.models import IndicatorType, ReminderRule
from ttdn.reporting.services import settings as cycle
from ttdn.reporting.services.permissions import require_coordinator


def _int(value, default=0) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ApplicationError(_("“%(value)s” is not a whole number.") % {"value": value}) from None


def _apply(request) -> str:
    action, post, user = request.POST.get("action"), request.POST, request.user
    if action == "indicator":
        indicator = IndicatorType.objects.filter(pk=post.get("pk") or 0).first()
        cycle.indicator_save(
            actor=user,
            indicator=indicator,
            name=post.get("name", ""),
            unit=post.get("unit", ""),
            name_en=post.get("name_en", ""),
            unit_en=post.get("unit_en", ""),
            active=post.get("active") != "0",
        )
    elif action == "rule":
        cycle.reminder_rule_save(
            actor=user,
            offset=_int(post.get("offset")),
            repeat_every=_int(post.get("repeat_every") or 0),
            send_email=post.get("send_email") == "1",
        )
    elif action == "toggle_rule":
        cycle.reminder_rule_toggle(
            actor=user, rule=get_object_or_404(ReminderRule, pk=post.get("pk"))
        )
    elif action == "workday":
        try:
            day = datetime.date.fromisoformat(post.get("date", ""))
        except ValueError:
            raise ApplicationError(_("Give the date as day, month and year.")) from None
        workday_adjustment_set(
            actor=user, date=day, kind=post.get("kind", ""), reason=post.get("reason", "")
        )
    elif action == "delete_workday":
        workday_adjustment_delete(actor=user, date=datetime.date.fromisoformat(post.get("date")))
    else:
        raise ApplicationError(_("Unknown action."))
    return _("Saved.")


@login_required
def settings_view(request):
    require_coordinator(request.user)
    if request.method == "POST":
        try:
            messages.success(request, _apply(request))
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("reporting:settings")
    year = timezone.localdate().year
    calendar = calendar_from_db()
    holidays = calendar.holidays_between(datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31))
    return render(
        request,
        "reporting/settings.html",
        {
            "indicators": IndicatorType.objects.all(),
            "rules": ReminderRule.objects.all(),
            "adjustments": WorkdayAdjustment.objects.order_by("-date")[:100],
            "holidays": sorted(holidays.items()),
            "year": year,
        },
    )
