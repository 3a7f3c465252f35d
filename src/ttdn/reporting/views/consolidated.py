"""The consolidated report: draft, edit paragraphs, export (as a background job)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.exports.services import export_job_create
from ttdn.reporting.models import ConsolidatedParagraph
from ttdn.reporting.selectors.evidence import evidence_with_items
from ttdn.reporting.selectors.reports import period_get
from ttdn.reporting.services import consolidated
from ttdn.reporting.services.permissions import is_coordinator, require_coordinator
from ttdn.reporting.views.periods import _require_reader


@login_required
def consolidated_view(request, pk):
    _require_reader(request.user)
    period = period_get(pk)
    report = getattr(period, "consolidated", None)
    if request.method == "POST":
        require_coordinator(request.user)
        if "build" in request.POST:
            consolidated.consolidated_build(
                actor=request.user, period=period, rebuild=request.POST.get("build") == "rebuild"
            )
        else:
            try:
                consolidated.consolidated_update(
                    actor=request.user,
                    report=report,
                    **{
                        k: request.POST.get(k, "")
                        for k in (
                            "number",
                            "subject",
                            "signer_name",
                            "signer_authority",
                            "recipients",
                        )
                    },
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Saved."))
        return redirect("reporting:consolidated", pk=period.pk)
    paragraphs = (
        report.paragraphs.select_related(
            "group", "source_report__agency", "source_section__task"
        ).prefetch_related(Prefetch("source_section__evidence", queryset=evidence_with_items()))
        if report
        else []
    )
    return render(
        request,
        "reporting/consolidated.html",
        {
            "period": period,
            "report": report,
            "paragraphs": paragraphs,
            "parts": ConsolidatedParagraph.Part,
            "can_edit": is_coordinator(request.user),
        },
    )


@login_required
@require_POST
def paragraph_view(request, paragraph_pk):
    """htmx: save or delete one paragraph, answer with the paragraph as it now is."""
    paragraph = get_object_or_404(
        ConsolidatedParagraph.objects.select_related("report"), pk=paragraph_pk
    )
    context = {"p": paragraph, "can_edit": True}
    try:
        if request.POST.get("delete"):
            consolidated.consolidated_paragraph_delete(actor=request.user, paragraph=paragraph)
            return render(request, "reporting/partials/paragraph_deleted.html")
        consolidated.consolidated_paragraph_update(
            actor=request.user, paragraph=paragraph, text=request.POST.get("text", "")
        )
    except ApplicationError as error:
        context["error"] = error.message
    return render(request, "reporting/partials/paragraph.html", context)


@login_required
@require_POST
def consolidated_export_view(request, pk, fmt):
    require_coordinator(request.user)
    period = period_get(pk)
    if fmt not in ("docx", "xlsx"):
        return render(request, "400.html", {"message": _("Choose DOCX or XLSX.")}, status=400)
    if fmt == "docx" and not hasattr(period, "consolidated"):
        consolidated.consolidated_build(actor=request.user, period=period)
    title = _("Consolidated report %(period)s (%(format)s)") % {
        "period": period.label,
        "format": fmt.upper(),
    }
    job = export_job_create(
        actor=request.user, kind=f"consolidated-{fmt}", title=title, params={"period": period.pk}
    )
    return redirect("exports:detail", pk=job.pk)
