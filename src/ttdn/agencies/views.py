"""The agency directory, an agency's page, and its contact form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import can_edit_agency_work, require_edit_agency_work
from ttdn.agencies.choices import AgencyKind
from ttdn.agencies.forms import AgencyContactForm
from ttdn.agencies.models import Agency
from ttdn.agencies.selectors import (
    agency_detail,
    agency_list,
    agency_successions,
    succession_timeline,
)
from ttdn.agencies.services import agency_update_contact


@login_required
def agency_list_view(request):
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "").strip()
    history = request.GET.get("history") == "1"
    agencies = agency_list(
        kinds=[kind] if kind in AgencyKind.values else [], query=query, include_inactive=history
    )
    page = Paginator(agencies, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": AgencyKind.choices,
        "kind": kind,
        "query": query,
        "history": history,
    }
    if request.htmx:
        return render(request, "agencies/partials/agency_rows.html", context)
    context["timeline"] = succession_timeline()
    return render(request, "agencies/agency_list.html", context)


@login_required
def agency_detail_view(request, code):  # the directory is open to every signed-in user
    agency = agency_detail(code)
    context = {
        "agency": agency,
        "successions": agency_successions(agency),
        "can_edit": can_edit_agency_work(request.user, agency),
    }
    return render(request, "agencies/agency_detail.html", context)


@login_required
def agency_edit_view(request, code):
    agency = get_object_or_404(Agency, code=code)
    require_edit_agency_work(request.user, agency)
    initial = {name: getattr(agency, name) for name in AgencyContactForm.base_fields}
    form = AgencyContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        agency_update_contact(actor=request.user, agency=agency, data=form.cleaned_data)
        messages.success(
            request, _("The contact details of %(agency)s were saved.") % {"agency": agency.name}
        )
        return redirect("agencies:detail", code=agency.code)
    return render(request, "agencies/agency_form.html", {"agency": agency, "form": form})
