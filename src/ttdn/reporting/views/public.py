"""Feedback from anyone, without logging in, followed through a private link."""

from django.shortcuts import redirect, render

from ttdn.core.errors import ApplicationError
from ttdn.plans.selectors import plan_default
from ttdn.reporting.forms import FeedbackForm
from ttdn.reporting.services import feedback as feedback_services
from ttdn.reporting.views.other import feedback_public_status


def feedback_form_view(request):
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        data["plan"] = plan_default()
        try:
            item = feedback_services.feedback_send(
                data=data,
                address=request.META.get("REMOTE_ADDR", ""),
                user=request.user,
                honeypot=form.cleaned_data.get("website", ""),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return render(request, "reporting/feedback_form.html", {"form": form}, status=429)
        return redirect("feedback:status", token=item.token)
    return render(request, "reporting/feedback_form.html", {"form": form})


def feedback_status_view(request, token):
    return render(
        request, "reporting/feedback_status.html", {"item": feedback_public_status(token)}
    )
