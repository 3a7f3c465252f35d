"""Sources and their health, fetch runs, and the coordinator's settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.accounts.permissions import _role
from ttdn.core.errors import ApplicationError
from ttdn.monitoring.forms import SettingsForm, SourceForm
from ttdn.monitoring.models import FetchRun, Source
from ttdn.monitoring.selectors.sources import runs_recent, sources_health
from ttdn.monitoring.services import runs as run_services
from ttdn.monitoring.services import sources as source_services
from ttdn.monitoring.services.permissions import (
    can_run_monitoring,
    require_read_monitoring,
    require_run_monitoring,
)
from ttdn.monitoring.services.settings import monitoring_settings, monitoring_settings_update


@login_required
def source_list_view(request):
    require_read_monitoring(request.user)
    return render(
        request,
        "monitoring/sources.html",
        {"rows": sources_health(), "can_run": can_run_monitoring(request.user)},
    )


@login_required
def source_edit_view(request, pk=None):
    require_run_monitoring(request.user)
    source = get_object_or_404(Source, pk=pk) if pk else None
    is_admin = _role(request.user) == "admin"
    form = SourceForm(request.POST or None, instance=source, can_allow_private=is_admin)
    if request.method == "POST" and form.is_valid():
        try:
            source_services.source_save(actor=request.user, data=form.cleaned_data, source=source)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The source was saved."))
            return redirect("monitoring:sources")
    return render(request, "monitoring/source_form.html", {"form": form, "source": source})


@login_required
@require_POST
def source_fetch_view(request, pk):
    source = get_object_or_404(Source, pk=pk)
    source_services.source_fetch_now(actor=request.user, source=source)
    run = run_services.fetch_run_request(actor=request.user)
    messages.success(request, _("The source will be read by run no. %(run)s.") % {"run": run.pk})
    return redirect("monitoring:run", run.pk)


@login_required
def run_list_view(request):
    require_read_monitoring(request.user)
    if request.method == "POST":
        run = run_services.fetch_run_request(actor=request.user)
        messages.success(request, _("Run no. %(run)s started.") % {"run": run.pk})
        return redirect("monitoring:run", run.pk)
    return render(
        request,
        "monitoring/runs.html",
        {"runs": runs_recent(), "can_run": can_run_monitoring(request.user)},
    )


@login_required
def run_view(request, pk):
    require_read_monitoring(request.user)
    return render(request, "monitoring/run.html", {"run": get_object_or_404(FetchRun, pk=pk)})


@login_required
def settings_view(request):
    require_run_monitoring(request.user)
    form = SettingsForm(request.POST or None, instance=monitoring_settings())
    if request.method == "POST" and form.is_valid():
        try:
            monitoring_settings_update(actor=request.user, data=form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("monitoring:settings")
    return render(request, "monitoring/settings.html", {"form": form})
