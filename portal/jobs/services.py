"""Starting, running and cancelling background jobs.

While a job runs, its progress and a cancel request travel through the shared cache, not the
database: an atomic job holds its transaction (and on SQLite the write lock) until it ends, so
neither its own progress rows nor a cancel written by the web could be seen, or written, before then.
Each step's progress is also the job's sign of life: a job silent for JOB_SILENT_MINUTES lost its
worker (killed, or its machine stopped), and is marked failed when its page is next looked at.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .kinds import KINDS
from .models import Job

logger = logging.getLogger(__name__)

PROGRESS_KEY = "portal:job:{pk}:progress"  # (done, total, the time of the step)
CANCEL_KEY = "portal:job:{pk}:cancel"
SIGNAL_SECONDS = 24 * 3600


class JobCancelled(Exception):
    """Raised at a job's next progress call after its owner cancelled it; undoes an atomic job."""


def job_start(*, owner, kind, title, params=None, payload="", total=0):
    """Queue a job of a registered kind for the worker; returns the Job, whose page shows its progress."""
    if kind not in KINDS:
        raise ValueError(f"No job kind {kind!r}.")
    from .tasks import run_job

    job = Job.objects.create(
        owner=owner, kind=kind, title=title[:200], params=params or {}, payload=payload, total=total
    )
    try:
        result = run_job.enqueue(job.pk)
    except Exception:
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.FAILED, errors=["The job could not be queued."], payload="", finished=timezone.now()
        )
        raise
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def job_cancel(*, job):
    """A queued job never runs; a running one stops at its next progress call, and an atomic one
    rolls back everything it wrote. A finished job is left as it is."""
    cache.set(CANCEL_KEY.format(pk=job.pk), True, SIGNAL_SECONDS)
    Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.CANCELLED, payload="", finished=timezone.now()
    )


def job_progress(job):
    """(done, total) of a job: live from the cache while it runs, else as stored."""
    if job.state == Job.State.RUNNING:
        live = cache.get(PROGRESS_KEY.format(pk=job.pk))
        if live is not None:
            return tuple(live[:2])
    return job.done, job.total


def job_atomic(job):
    """Whether a cancelled or failed job undoes all it wrote: sent e-mail, for one, cannot be unsent."""
    return KINDS[job.kind].atomic if job.kind in KINDS else True


def jobs_fail_silent(jobs):
    """Mark failed the running jobs among `jobs` that gave no sign of life for JOB_SILENT_MINUTES: their
    worker is gone, and an atomic job's transaction went with it. Returns the pks of the jobs marked."""
    limit = time.time() - settings.JOB_SILENT_MINUTES * 60
    marked = []
    for job in jobs:
        if job.state != Job.State.RUNNING or not job.started:
            continue
        live = cache.get(PROGRESS_KEY.format(pk=job.pk))
        if max(job.started.timestamp(), live[2] if live else 0) >= limit:
            continue
        written = "nothing it wrote was kept" if job_atomic(job) else "what it finished before stopping is kept"
        message = (
            f"The worker running this job stopped: no sign of it for {settings.JOB_SILENT_MINUTES} minutes, "
            f"and {written}. Start the job again."
        )
        # Only while still running: a worker that was merely slow and has finished since keeps its result.
        if Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            state=Job.State.FAILED, errors=[message], payload="", finished=timezone.now()
        ):
            marked.append(job.pk)
    return marked


class Progress:
    """The `progress(done, total)` a job's function calls between chunks of its work."""

    def __init__(self, job):
        self.job = job

    def __call__(self, done, total):
        self.job.done, self.job.total = done, total
        cache.set(PROGRESS_KEY.format(pk=self.job.pk), (done, total, time.time()), SIGNAL_SECONDS)
        if cache.get(CANCEL_KEY.format(pk=self.job.pk)):
            raise JobCancelled


def job_run(*, job_id):
    """Run a queued job (the worker calls this); it ends done, failed or cancelled, with its report."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started=timezone.now()
    )
    if not claimed:
        return  # cancelled while queued, or run already
    job = Job.objects.select_related("owner").get(pk=job_id)
    kind = KINDS[job.kind]
    progress = Progress(job)
    report, errors = {}, []
    try:
        if kind.atomic:
            with transaction.atomic():
                report = kind.run(job, progress)
        else:
            report = kind.run(job, progress)
    except JobCancelled:
        state = Job.State.CANCELLED
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        state = Job.State.FAILED
        written = "nothing was written" if kind.atomic else "what was done before the error stays done"
        errors = [f"The job stopped on an unexpected error; {written}. The lab admin can read the details in the log."]
    else:
        state = Job.State.DONE
    Job.objects.filter(pk=job.pk).update(
        state=state,
        report=report or {},
        errors=errors,
        done=job.done,
        total=job.total,
        payload="",
        finished=timezone.now(),
    )
    cache.delete_many([PROGRESS_KEY.format(pk=job.pk), CANCEL_KEY.format(pk=job.pk)])
