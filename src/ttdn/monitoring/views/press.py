"""Spokespersons (a public list) and agencies' press releases and conferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.monitoring.forms import ReleaseForm, SpokespersonForm, active_agencies
from ttdn.monitoring.models import Spokesperson
from ttdn.monitoring.selectors.press import releases_for, spokespersons_for, spokespersons_public
from ttdn.monitoring.services import spokespersons as press_services
from ttdn.monitoring.services.permissions import can_run_monitoring


def spokespersons_public_view(request):
    """Public: anyone, logged in or not, can read who speaks for each agency."""
    return render(
        request,
        "monitoring/spokespersons_public.html",
        {"people": spokespersons_public(timezone.localdate())},
    )


def _agencies(user):
    if can_run_monitoring(user):
        return active_agencies()
    return active_agencies().filter(pk=user.agency_id)


@login_required
def press_manage_view(request):
    agencies = _agencies(request.user)
    ids = None if can_run_monitoring(request.user) else [request.user.agency_id]
    person_form = SpokespersonForm(agencies=agencies, prefix="person")
    release_form = ReleaseForm(
        agencies=agencies, prefix="release", initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST":
        try:
            if "person-name" in request.POST:
                person_form = SpokespersonForm(request.POST, agencies=agencies, prefix="person")
                _save_person(request, person_form)
            else:
                release_form = ReleaseForm(request.POST, agencies=agencies, prefix="release")
                _save_release(request, release_form)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            return redirect("monitoring:spokespersons_manage")
    return render(
        request,
        "monitoring/press.html",
        {
            "people": spokespersons_for(ids),
            "releases": releases_for(ids),
            "gaps": [
                gap
                for gap in press_services.conference_gaps(today=timezone.localdate())
                if ids is None or gap["agency"].pk in ids
            ],
            "person_form": person_form,
            "release_form": release_form,
        },
    )


def _errors(form) -> ApplicationError:
    return ApplicationError(" ".join(e for errors in form.errors.values() for e in errors))


def _save_person(request, form) -> None:
    if not form.is_valid():
        raise _errors(form)
    data = dict(form.cleaned_data)
    agency = data.pop("agency")
    press_services.spokesperson_save(actor=request.user, agency=agency, data=data)
    messages.success(request, _("The spokesperson was saved."))


def _save_release(request, form) -> None:
    if not form.is_valid():
        raise _errors(form)
    press_services.press_release_save(actor=request.user, **form.cleaned_data)
    messages.success(request, _("Saved."))


@login_required
def spokesperson_end_view(request, pk):
    person = get_object_or_404(Spokesperson.objects.select_related("agency"), pk=pk)
    if request.method == "POST":
        try:
            press_services.spokesperson_save(
                actor=request.user,
                agency=person.agency,
                person=person,
                data={"until": timezone.localdate()},
            )
        except ApplicationError as error:
            messages.error(request, error.message)
    return redirect("monitoring:spokespersons_manage")
