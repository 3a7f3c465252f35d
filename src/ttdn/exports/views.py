"""The user's exports: progress while running, then the download."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ttdn.exports.models import ExportJob, ExportStatus


def _own(request, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied(_("This export was requested by someone else."))
    return job


@login_required
def export_list_view(request):
    jobs = ExportJob.objects.filter(created_by=request.user)[:50]
    return render(request, "exports/list.html", {"jobs": jobs})


@login_required
def export_detail_view(request, pk):
    job = _own(request, pk)
    template = "exports/partials/job.html" if request.htmx else "exports/detail.html"
    return render(request, template, {"job": job})


@login_required
def export_download_view(request, pk):
    job = _own(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404(_("This export has no file."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
