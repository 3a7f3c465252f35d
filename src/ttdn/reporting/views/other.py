"""Explanation requests, feedback (the coordinator's side), settings of the cycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.agencies.models import Agency
from ttdn.core.errors import ApplicationError
from ttdn.reporting.forms import AnswerForm, ExplanationForm
from ttdn.reporting.models import ExplanationRequest, Feedback
from ttdn.reporting.selectors.reports import explanation_list, feedback_list, period_get
from ttdn.reporting.services import feedback as feedback_services
from ttdn.reporting.services import reminders
from ttdn.reporting.services.permissions import is_coordinator


@login_required
@require_POST
def explanation_create_view(request, pk):
    period = period_get(pk)
    form = ExplanationForm(request.POST)
    if form.is_valid():
        agency = get_object_or_404(Agency, code=form.cleaned_data["agency"])
        try:
            reminders.explanation_request(
                actor=request.user,
                period=period,
                agency=agency,
                message=form.cleaned_data["message"],
                due_date=form.cleaned_data["due_date"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Explanation requested from %(agency)s.") % {"agency": agency.name}
            )
    else:
        messages.error(request, _("Write the request and give a valid answer date."))
    return redirect("reporting:dashboard", pk=period.pk)


@login_required
def explanation_list_view(request):
    if request.method == "POST":
        item = get_object_or_404(ExplanationRequest, pk=request.POST.get("pk"))
        form = AnswerForm(request.POST)
        try:
            if not form.is_valid():
                raise ApplicationError(_("Write the explanation before sending it."))
            reminders.explanation_answer(
                actor=request.user, request=item, answer=form.cleaned_data["answer"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your explanation was sent."))
        return redirect("reporting:explanations")
    return render(
        request, "reporting/explanations.html", {"items": explanation_list(user=request.user)[:200]}
    )


@login_required
def feedback_list_view(request):
    return render(
        request,
        "reporting/feedback_list.html",
        {
            "items": feedback_list(user=request.user)[:300],
            "can_route": is_coordinator(request.user),
        },
    )


@login_required
def feedback_detail_view(request, pk):
    item = get_object_or_404(feedback_list(user=request.user), pk=pk)
    if request.method == "POST":
        try:
            if "route" in request.POST:
                agency = get_object_or_404(Agency, code=request.POST.get("agency"))
                feedback_services.feedback_route(actor=request.user, feedback=item, agency=agency)
            else:
                feedback_services.feedback_answer(
                    actor=request.user, feedback=item, answer=request.POST.get("answer", "")
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
        return redirect("reporting:feedback_detail", pk=item.pk)
    return render(
        request,
        "reporting/feedback_detail.html",
        {
            "item": item,
            "agencies": Agency.objects.filter(active_to__isnull=True).order_by("name"),
            "can_route": is_coordinator(request.user),
        },
    )


def feedback_public_status(token: str) -> Feedback:
    return get_object_or_404(Feedback, token=token)
