"""Periods: the list, generating them, editing one, its dashboard and its obligations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.accounts.choices import Role
from ttdn.agencies.choices import AgencyKind
from ttdn.agencies.models import Agency
from ttdn.core.errors import ApplicationError
from ttdn.core.http import redirect_back
from ttdn.exports.base import get_exporter
from ttdn.plans.models import Task
from ttdn.plans.selectors import plan_default
from ttdn.reporting.forms import ExplanationForm, GenerateForm, ObligationAddForm, PeriodForm
from ttdn.reporting.models import Obligation
from ttdn.reporting.selectors.dashboard import (
    database_counts,
    on_time_ranking,
    period_status_cached,
)
from ttdn.reporting.selectors.reports import period_get, period_list
from ttdn.reporting.services import obligations, periods
from ttdn.reporting.services.permissions import is_coordinator, require_coordinator


def _require_reader(user) -> None:
    if not (is_coordinator(user) or user.role == Role.LEADER):
        require_coordinator(user)


@login_required
def period_list_view(request):
    rows = period_list(user=request.user)
    if not (is_coordinator(request.user) or request.user.role == Role.LEADER):
        return render(request, "reporting/my_periods.html", {"periods": rows})
    return render(request, "reporting/period_list.html", {"periods": rows})


@login_required
def period_generate_view(request):
    require_coordinator(request.user)
    plan = plan_default()
    form = GenerateForm(
        request.POST or None,
        initial={
            "years": ", ".join(str(y) for y in periods.plan_year_range(plan)) if plan else "",
            "kinds": ["year"],
        },
    )
    if request.method == "POST" and form.is_valid():
        created = periods.periods_generate(actor=request.user, plan=plan, **form.cleaned_data)
        count = sum(obligations.obligations_generate(period=p).created for p in created)
        messages.success(
            request,
            _("%(periods)d periods ready; %(count)d obligations added.")
            % {"periods": len(created), "count": count},
        )
        return redirect("reporting:periods")
    return render(request, "reporting/period_generate.html", {"form": form, "plan": plan})


@login_required
def period_edit_view(request, pk):
    require_coordinator(request.user)
    period = period_get(pk)
    fields = list(PeriodForm.base_fields)
    form = PeriodForm(request.POST or None, initial={f: getattr(period, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            periods.period_update(actor=request.user, period=period, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The period was saved."))
            return redirect("reporting:dashboard", pk=period.pk)
    return render(request, "reporting/period_edit.html", {"form": form, "period": period})


@login_required
def dashboard_view(request, pk):
    _require_reader(request.user)
    period = period_get(pk)
    status = period_status_cached(period)
    kind, group = request.GET.get("kind", ""), request.GET.get("group", "")
    tab = request.GET.get("tab", "agencies")
    context = {
        "period": period,
        "status": status,
        "agency_rows": [r for r in status.agencies if not kind or r.agency.kind == kind],
        "task_rows": [r for r in status.tasks if not group or r.task.group.number == group],
        "tab": tab,
        "kinds": AgencyKind.choices,
        "kind": kind,
        "group": group,
        "groups": period.plan.groups.all(),
        "explanation_form": ExplanationForm(
            initial={"due_date": timezone.localdate() + timezone.timedelta(days=7)}
        ),
        "can_edit": is_coordinator(request.user),
        # One reverse() for the page instead of one per row (150+ agencies).
        "report_base": reverse("reporting:report", args=[period.pk, "x"])[:-2],
    }
    if tab == "ranking":
        year_periods = list(period.plan.periods.filter(year=period.year))
        context["ranking"] = on_time_ranking(year_periods)
    elif tab == "database":
        context["database"] = database_counts(period)
    return render(request, "reporting/dashboard.html", context)


@login_required
def dashboard_export_view(request, pk, table):
    _require_reader(request.user)
    period = period_get(pk)
    try:
        exporter = get_exporter(f"dashboard-{table}", "xlsx")
    except ApplicationError as error:
        return render(request, "400.html", {"message": error.message}, status=400)
    response = HttpResponse(exporter.render({"period": period}), exporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{period.code}-{table}.xlsx"'
    return response


@login_required
def obligations_view(request, pk):
    _require_reader(request.user)
    period = period_get(pk)
    form = ObligationAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency = Agency.objects.filter(code=form.cleaned_data["agency"]).first()
        task = Task.objects.filter(plan=period.plan, number=form.cleaned_data["task"]).first()
        try:
            if agency is None or task is None:
                raise ApplicationError(_("Choose an agency and a task from the lists."))
            obligations.obligation_add(
                actor=request.user,
                period=period,
                agency=agency,
                task=task,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Obligation added."))
            return redirect("reporting:obligations", pk=period.pk)
    agency_code = request.GET.get("agency", "")
    rows = Obligation.objects.filter(period=period).select_related("agency", "task", "changed_by")
    if agency_code:
        rows = rows.filter(agency__code=agency_code)
    context = {
        "period": period,
        "rows": rows.order_by("agency__name", "task__position")[:500],
        "form": form,
        "agencies": Agency.objects.filter(active_to__isnull=True),
        "tasks": period.plan.tasks.all(),
        "agency_code": agency_code,
        "can_edit": is_coordinator(request.user),
    }
    return render(request, "reporting/obligations.html", context)


@login_required
@require_POST
def obligation_waive_view(request, pk, obligation_pk):
    obligation = get_object_or_404(Obligation, pk=obligation_pk, period_id=pk)
    try:
        obligations.obligation_waive(
            actor=request.user, obligation=obligation, reason=request.POST.get("reason", "")
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Obligation waived."))
    return redirect_back(request, "reporting:obligations", pk=pk)
