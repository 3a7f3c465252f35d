"""Rebuilding the search index from the items, as a job that leaves a row."""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.catalog.choices import RunStatus
from ttdn.catalog.models import ReindexRun
from ttdn.catalog.permissions import require_review
from ttdn.catalog.search.base import get_backend
from ttdn.catalog.search.index import search_rebuild
from ttdn.core.errors import ApplicationError

logger = logging.getLogger(__name__)


@transaction.atomic
def reindex_request(*, actor) -> ReindexRun:
    from ttdn.catalog.jobs import reindex_job

    require_review(actor)
    if ReindexRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise ApplicationError(_("The index is already being rebuilt; wait for it to finish."))
    run = ReindexRun.objects.create(created_by=actor, backend=get_backend().name)
    transaction.on_commit(lambda: reindex_job.enqueue(run.pk))
    return run


def reindex_execute(*, run_id: int | None = None) -> ReindexRun:
    """Rebuild the whole index in one transaction (searches see the old index meanwhile)."""
    run = ReindexRun.objects.get(pk=run_id) if run_id else ReindexRun.objects.create()
    run.status, run.backend = RunStatus.RUNNING, get_backend().name
    run.save(update_fields=["status", "backend"])
    started = time.perf_counter()
    try:
        with transaction.atomic():
            run.documents = search_rebuild()
        run.status = RunStatus.DONE
    except Exception as error:
        logger.exception("Reindexing failed")
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
    run.seconds = round(time.perf_counter() - started, 2)
    run.finished_at = timezone.now()
    run.save()
    return run
