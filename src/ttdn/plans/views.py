"""Plan pages: the plan with its filters, a task, 'my agency', exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import can_edit_plan, require_edit_plan, require_view_agency_work
from ttdn.agencies.models import Agency
from ttdn.agencies.selectors import SuccessionGraph, agency_list
from ttdn.core.errors import ApplicationError
from ttdn.core.queries import today
from ttdn.exports.base import get_exporter
from ttdn.plans.forms import TaskFilterForm, TaskForm
from ttdn.plans.selectors import (
    TaskFilters,
    plan_default,
    plan_export_data,
    plan_get,
    plan_tasks,
    plan_years,
    responsibility,
    task_filter,
    task_get,
    tasks_for_agency,
)
from ttdn.plans.services import task_update

REPORTING_KINDS = ["department", "provincial_body", "press", "party_mass", "commune"]


@login_required
def home_view(request):
    plan = plan_default()
    if plan is None:
        return render(request, "plans/empty.html")
    return redirect("plans:detail", slug=plan.slug)


def _filters(form: TaskFilterForm) -> TaskFilters:
    data = form.cleaned_data if form.is_valid() else {}
    agency = Agency.objects.filter(code=data.get("agency") or "").first()
    return TaskFilters(
        agency=agency,
        group_number=data.get("group") or "",
        year=data.get("year"),
        timeframe=data.get("timeframe") or "",
        query=data.get("q") or "",
    )


@login_required
def plan_detail_view(request, slug):
    plan = plan_get(slug)
    form = TaskFilterForm(request.GET or None)
    all_tasks = plan_tasks(plan)
    graph = SuccessionGraph.load()
    tasks = task_filter(all_tasks, _filters(form), graph=graph)
    years = plan_years(all_tasks)
    rows = [(task, responsibility(task, graph=graph)) for task in tasks]
    context = {
        "plan": plan,
        "form": form,
        "rows": rows,
        "total": len(all_tasks),
        "groups": plan.groups.all(),
        "years": range(years[0], years[1] + 1) if years else [],
        "agencies": agency_list(kinds=REPORTING_KINDS),
        "filtered": bool(request.GET),
    }
    if request.htmx:
        return render(request, "plans/partials/task_table.html", context)
    return render(request, "plans/plan_detail.html", context)


@login_required
def task_detail_view(request, slug, number):
    plan = plan_get(slug)
    task = task_get(plan, number)
    on = today()
    context = {
        "plan": plan,
        "task": task,
        "on": on,
        "responsible": responsibility(task, graph=SuccessionGraph.load(), on=on),
        "can_edit": can_edit_plan(request.user),
    }
    return render(request, "plans/task_detail.html", context)


@login_required
def task_edit_view(request, slug, number):
    require_edit_plan(request.user)
    plan = plan_get(slug)
    task = task_get(plan, number)
    form = TaskForm(request.POST or None, initial={"expected_outputs": task.expected_outputs})
    if request.method == "POST" and form.is_valid():
        task_update(actor=request.user, task=task, **form.cleaned_data)
        messages.success(request, _("Task %(number)s was saved.") % {"number": task.number})
        return redirect("plans:task", slug=plan.slug, number=task.number)
    return render(request, "plans/task_form.html", {"plan": plan, "task": task, "form": form})


@login_required
def plan_export_view(request, slug, fmt):
    plan = plan_get(slug)
    try:
        exporter = get_exporter("plan", fmt)
    except ApplicationError as error:
        return render(request, "400.html", {"message": error.message}, status=400)
    response = HttpResponse(exporter.render(plan_export_data(plan)), exporter.content_type)
    filename = f"{plan.slug}.{exporter.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _agency_work(request, agency: Agency, *, mine: bool):
    on = today()
    graph = SuccessionGraph.load()
    plans = [
        (plan, [(task, responsibility(task, graph=graph, on=on)) for task in tasks])
        for plan, tasks in tasks_for_agency(agency, on=on, graph=graph)
    ]
    context = {"agency": agency, "plans": plans, "on": on, "mine": mine, "year": on.year}
    return render(request, "plans/agency_work.html", context)


@login_required
def my_agency_view(request):
    if request.user.agency is None:
        messages.info(request, _("Your account belongs to no agency; here is the whole plan."))
        return redirect("plans:home")
    return _agency_work(request, request.user.agency, mine=True)


@login_required
def agency_work_view(request, code):
    agency = get_object_or_404(Agency, code=code)
    require_view_agency_work(request.user, agency)
    return _agency_work(request, agency, mine=request.user.agency_id == agency.pk)
