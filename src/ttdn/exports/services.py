"""Export jobs: create (and enqueue), run, with progress the user sees.

A producer is a function registered for a kind: `producer(params, progress) -> (filename,
bytes)`, where `progress(percent)` records how far it got. Permissions are checked when the
job is created (by the app that offers the export) and again when the file is downloaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.exports.models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)
Producer = Callable[[dict, Callable[[int], None]], tuple[str, bytes]]
_PRODUCERS: dict[str, Producer] = {}


def register_export_kind(kind: str):
    def decorator(func: Producer) -> Producer:
        _PRODUCERS[kind] = func
        return func

    return decorator


def export_job_create(*, actor, kind: str, title: str, params: dict) -> ExportJob:
    if kind not in _PRODUCERS:
        raise ApplicationError(_("“%(kind)s” is not a kind of export.") % {"kind": kind})
    job = ExportJob.objects.create(kind=kind, title=title, params=params, created_by=actor)
    from ttdn.exports.jobs import export_job

    transaction.on_commit(lambda: export_job.enqueue(job.pk))
    return job


def _progress(job: ExportJob) -> Callable[[int], None]:
    def record(percent: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progress=max(0, min(100, int(percent))))

    return record


def export_job_run(*, job_id: int) -> ExportJob:
    """Run a queued job; a job already finished is left alone (the job is idempotent)."""
    job = ExportJob.objects.get(pk=job_id)
    if job.is_finished:
        return job
    job.status, job.started_at, job.progress = ExportStatus.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "progress"])
    try:
        filename, content = _PRODUCERS[job.kind](job.params, _progress(job))
    except ApplicationError as error:
        return _finish(job, error=error.message)
    except Exception:
        logger.exception("Export %s failed", job.pk)
        return _finish(
            job, error=_("The export failed because of an internal error; it was logged.")
        )
    job.file.save(filename, ContentFile(content), save=False)
    job.filename = filename
    return _finish(job)


def _finish(job: ExportJob, *, error: str = "") -> ExportJob:
    job.status = ExportStatus.FAILED if error else ExportStatus.DONE
    job.error, job.finished_at = error, timezone.now()
    job.progress = job.progress if error else 100
    job.save(update_fields=["status", "error", "finished_at", "progress", "file", "filename"])
    return job
