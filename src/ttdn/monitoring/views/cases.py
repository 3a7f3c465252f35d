"""Press cases: open one from a story, the list, and the case page where the agency records
its verdict, actions and clarification and closes the case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.monitoring.choices import CaseStatus
from ttdn.monitoring.forms import (
    ActionForm,
    CaseOpenForm,
    ClarificationForm,
    CloseForm,
    VerdictForm,
)
from ttdn.monitoring.models import PressCase, Story
from ttdn.monitoring.selectors.cases import case_detail, cases_for
from ttdn.monitoring.services import cases as case_services
from ttdn.monitoring.services import clarifications
from ttdn.monitoring.services.clarifications import LANGUAGE_ORDER
from ttdn.monitoring.services.permissions import (
    can_answer_case,
    can_run_monitoring,
    require_read_case,
)


@login_required
@require_POST
def case_open_view(request, pk):
    story = get_object_or_404(Story, pk=pk)
    form = CaseOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the agency and give the title and both dates."))
        return redirect("monitoring:story", story.pk)
    try:
        case = case_services.case_open(actor=request.user, story=story, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("monitoring:story", story.pk)
    messages.success(request, _("Case opened for %(agency)s.") % {"agency": case.agency.name})
    return redirect("monitoring:case", case.pk)


@login_required
def case_list_view(request):
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    cases = list(cases_for(request.user, status=status)[:300])
    today = timezone.localdate()
    return render(
        request,
        "monitoring/cases.html",
        {
            "cases": [(case, case.overdue(today)) for case in cases],
            "status": status,
            "statuses": CaseStatus.choices,
        },
    )


ACTIONS = {
    "verdict": (VerdictForm, case_services.case_verdict, _("The verdict was recorded.")),
    "action": (ActionForm, case_services.case_action_add, _("The action was recorded.")),
    "clarification": (
        ClarificationForm,
        clarifications.clarification_save,
        _("The clarification was saved."),
    ),
    "close": (CloseForm, case_services.case_close, _("The case is closed.")),
}


def _post(request, case: PressCase, step: str):
    if step == "publish":
        published = clarifications.clarification_publish(actor=request.user, case=case)
        return _("Published to the foreign-information database: %(count)s language(s).") % {
            "count": len(published)
        }
    form_class, service, done = ACTIONS[step]
    form = form_class(request.POST)
    if not form.is_valid():
        raise ApplicationError(" ".join(e for errors in form.errors.values() for e in errors))
    service(actor=request.user, case=case, **form.cleaned_data)
    return done


@login_required
def case_view(request, pk):
    case = get_object_or_404(PressCase.objects.select_related("agency"), pk=pk)
    require_read_case(request.user, case)
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in {*ACTIONS, "publish"}:
            messages.error(request, _("Choose what to record."))
        else:
            try:
                messages.success(request, _post(request, case, step))
            except ApplicationError as error:
                messages.error(request, error.message)
        return redirect("monitoring:case", case.pk)
    case = case_detail(case.pk)
    today = timezone.localdate()
    return render(
        request,
        "monitoring/case.html",
        {
            "case": case,
            "overdue": case.overdue(today),
            "today": today,
            "can_answer": can_answer_case(request.user, case) and case.status != CaseStatus.CLOSED,
            "can_run": can_run_monitoring(request.user),
            "verdict_form": VerdictForm(
                initial={"verdict": case.verdict, "note": case.verdict_note}
            ),
            "action_form": ActionForm(initial={"done_on": today}),
            "clarification_form": ClarificationForm(initial={"language": "vi"}),
            "close_form": CloseForm(),
            "clarifications": sorted(
                case.clarifications.all(),
                key=lambda c: (LANGUAGE_ORDER.get(c.language, 9), c.language),
            ),
            "unpublished": [c for c in case.clarifications.all() if not c.catalog_item_id],
        },
    )
