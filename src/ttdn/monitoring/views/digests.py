"""Digests (read, export to DOCX) and saved searches with their alerts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.exports.services import export_job_create
from ttdn.monitoring.forms import SavedSearchForm
from ttdn.monitoring.models import AlertEvent, Digest, SavedSearch
from ttdn.monitoring.selectors.inbox import InboxFilters
from ttdn.monitoring.services import alerts as alert_services
from ttdn.monitoring.services.digest import digest_title
from ttdn.monitoring.services.permissions import require_read_monitoring


@login_required
def digest_list_view(request):
    require_read_monitoring(request.user)
    return render(request, "monitoring/digests.html", {"digests": Digest.objects.all()[:120]})


@login_required
def digest_view(request, pk):
    require_read_monitoring(request.user)
    digest = get_object_or_404(Digest, pk=pk)
    return render(
        request,
        "monitoring/digest.html",
        {"digest": digest, "data": digest.data, "title": digest_title(digest)},
    )


@login_required
@require_POST
def digest_export_view(request, pk):
    require_read_monitoring(request.user)
    digest = get_object_or_404(Digest, pk=pk)
    job = export_job_create(
        actor=request.user,
        kind="press-digest-docx",
        title=digest_title(digest),
        params={
            "digest": digest.pk,
            "signer": request.user.get_full_name() or request.user.username,
        },
    )
    return redirect("exports:detail", job.pk)


@login_required
def search_list_view(request):
    require_read_monitoring(request.user)
    searches = SavedSearch.objects.filter(owner=request.user).order_by("name")
    events = (
        AlertEvent.objects.filter(search__owner=request.user)
        .select_related("search", "story")
        .order_by("-created_at")[:50]
    )
    return render(request, "monitoring/searches.html", {"searches": searches, "events": events})


@login_required
@require_POST
def search_save_view(request):
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the saved search a name."))
        return redirect("monitoring:inbox")
    try:
        alert_services.saved_search_save(
            actor=request.user,
            name=form.cleaned_data["name"],
            filters=InboxFilters.from_params(request.POST),
            negative_foreign=form.cleaned_data["negative_foreign"],
            spike=form.cleaned_data["spike"],
            email=form.cleaned_data["email"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("monitoring:inbox")
    messages.success(request, _("The search was saved; its alerts are on."))
    return redirect("monitoring:searches")


@login_required
@require_POST
def search_delete_view(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    alert_services.saved_search_delete(actor=request.user, search=search)
    messages.success(request, _("The saved search was deleted."))
    return redirect("monitoring:searches")
