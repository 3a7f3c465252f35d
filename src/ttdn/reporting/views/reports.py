"""An agency's report: the page, autosave of a section, evidence, and the review actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn.accounts.choices import Role
from ttdn.accounts.permissions import can_edit_agency_work
from ttdn.agencies.models import Agency
from ttdn.catalog.models import Item
from ttdn.core.errors import ApplicationError
from ttdn.reporting.forms import CommentForm, EvidenceForm, ReportTextForm, SectionForm
from ttdn.reporting.models import AgencyReport, Evidence, ReportSection
from ttdn.reporting.selectors.evidence import evidence_picker, suggestion_counts
from ttdn.reporting.selectors.reports import (
    indicator_types,
    obligations_for,
    period_get,
    report_events,
    report_for,
)
from ttdn.reporting.services import reports
from ttdn.reporting.services.permissions import (
    is_coordinator,
    require_report_reader,
    require_report_writer,
)


def _context(request, period, agency, report):
    editable = (
        report is not None and report.is_editable and can_edit_agency_work(request.user, agency)
    )
    return {
        "period": period,
        "agency": agency,
        "report": report,
        "obligations": obligations_for(period, agency),
        "indicator_types": indicator_types(),
        "editable": editable,
        "is_head": request.user.role == Role.HEAD and request.user.agency_id == agency.pk,
        "is_coordinator": is_coordinator(request.user),
        "can_write": can_edit_agency_work(request.user, agency),
    }


@login_required
def report_view(request, pk, code):
    period = period_get(pk)
    agency = get_object_or_404(Agency, code=code)
    require_report_reader(request.user, agency)
    if request.method == "POST":
        try:
            reports.report_start(
                actor=request.user,
                period=period,
                agency=agency,
                from_previous=request.POST.get("from_previous") == "1",
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("reporting:report", pk=period.pk, code=agency.code)
    report = report_for(period, agency)
    context = _context(request, period, agency, report)
    if context["editable"]:
        counts = suggestion_counts(report)
        for section in report.sections.all():
            section.suggested = counts.get(section.task_id, 0)
    if report is not None:
        context["text_form"] = ReportTextForm(
            initial={
                "summary": report.summary,
                "difficulties": report.difficulties,
                "proposals": report.proposals,
            }
        )
    return render(request, "reporting/report.html", context)


def _section_data(form: SectionForm, request) -> reports.SectionInput:
    indicators = {
        key.removeprefix("indicator-"): value
        for key, value in request.POST.items()
        if key.startswith("indicator-")
    }
    data = form.cleaned_data
    return reports.SectionInput(
        status=data["status"],
        progress=data["progress"],
        results=data["results"],
        difficulties=data["difficulties"],
        proposals=data["proposals"],
        indicators=indicators,
    )


@login_required
@require_POST
def section_save_view(request, section_pk):
    """Autosave of one section (htmx): answers with a short status, or the conflict."""
    section = get_object_or_404(
        ReportSection.objects.select_related("report__agency"), pk=section_pk
    )
    form = SectionForm(request.POST)
    context = {"section": section}
    if not form.is_valid():
        context["error"] = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return render(request, "reporting/partials/save_status.html", context, status=422)
    try:
        saved = reports.section_save(
            actor=request.user,
            section=section,
            data=_section_data(form, request),
            version=form.cleaned_data["version"],
        )
    except reports.ConflictError as conflict:
        context.update({"conflict": conflict, "theirs": conflict.theirs, "mine": conflict.mine})
        return render(request, "reporting/partials/save_status.html", context, status=409)
    except ApplicationError as error:
        context["error"] = error.message
        return render(request, "reporting/partials/save_status.html", context, status=422)
    context["saved"] = saved
    return render(request, "reporting/partials/save_status.html", context)


@login_required
@require_POST
def report_text_view(request, report_pk):
    report = get_object_or_404(
        AgencyReport.objects.select_related("agency", "period"), pk=report_pk
    )
    form = ReportTextForm(request.POST)
    if form.is_valid():
        try:
            reports.report_text_save(actor=request.user, report=report, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("The text is too long; shorten it and save again."))
    return redirect("reporting:report", pk=report.period_id, code=report.agency.code)


@login_required
@require_POST
def evidence_view(request, section_pk):
    section = get_object_or_404(
        ReportSection.objects.select_related("report__agency"), pk=section_pk
    )
    form = EvidenceForm(request.POST, request.FILES)
    report = section.report
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            reports.evidence_add(
                actor=request.user,
                section=section,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Evidence added to task %(task)s.") % {"task": section.task.number}
            )
    return redirect(f"{reports.report_url(report)}#section-{section.pk}")


@login_required
def evidence_cite_view(request, section_pk):
    """GET: the "Cite from the database" list of a section (suggestions, or what the query
    finds), as a page or, for htmx, the list alone. POST: cite the chosen item."""
    section = get_object_or_404(
        ReportSection.objects.select_related("report__agency", "report__period", "task"),
        pk=section_pk,
    )
    report = section.report
    require_report_writer(request.user, report.agency)
    if request.method == "POST":
        chosen = request.POST.get("item", "")
        item = get_object_or_404(Item, pk=int(chosen) if chosen.isdigit() else 0)
        try:
            reports.evidence_cite(actor=request.user, section=section, item=item)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("“%(title)s” is cited as evidence of task %(task)s.")
                % {"title": item.title, "task": section.task.number},
            )
        return redirect(f"{reports.report_url(report)}#section-{section.pk}")
    context = {"picker": evidence_picker(section, query=request.GET.get("q", ""))}
    if request.htmx:
        return render(request, "reporting/partials/evidence_picker.html", context)
    return render(request, "reporting/evidence_picker.html", context)


@login_required
@require_POST
def evidence_remove_view(request, evidence_pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("section__report__agency", "section__task"),
        pk=evidence_pk,
    )
    section = evidence.section
    try:
        reports.evidence_remove(actor=request.user, evidence=evidence)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("“%(title)s” was removed from the evidence of task %(task)s.")
            % {"title": evidence.title, "task": section.task.number},
        )
    return redirect(f"{reports.report_url(section.report)}#section-{section.pk}")


ACTIONS = {
    "submit": lambda user, report, comment: reports.report_submit(actor=user, report=report),
    "approve": lambda user, report, comment: reports.report_approve(actor=user, report=report),
    "send_back": lambda user, report, comment: reports.report_send_back(
        actor=user, report=report, comment=comment
    ),
    "return": lambda user, report, comment: reports.report_return(
        actor=user, report=report, comment=comment
    ),
    "accept": lambda user, report, comment: reports.report_accept(
        actor=user, report=report, comment=comment
    ),
}
DONE = {
    "submit": gettext_lazy("Sent."),
    "approve": gettext_lazy("Approved and submitted to the coordinating department."),
    "send_back": gettext_lazy("Sent back to the officer."),
    "return": gettext_lazy("Returned to the agency."),
    "accept": gettext_lazy("Accepted."),
}


@login_required
@require_POST
def report_action_view(request, report_pk, action):
    report = get_object_or_404(AgencyReport.objects.select_related("agency"), pk=report_pk)
    if action not in ACTIONS:
        return render(request, "400.html", {"message": _("Unknown action.")}, status=400)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        ACTIONS[action](request.user, report, comment)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(DONE[action]))
    return redirect("reporting:report", pk=report.period_id, code=report.agency.code)


@login_required
def report_history_view(request, report_pk):
    report = get_object_or_404(
        AgencyReport.objects.select_related("agency", "period"), pk=report_pk
    )
    require_report_reader(request.user, report.agency)
    return render(
        request, "reporting/history.html", {"report": report, "events": report_events(report)}
    )
