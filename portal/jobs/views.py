from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .kinds import KINDS
from .models import Job
from .permissions import get_visible_job_or_404
from .services import job_cancel, job_progress

REFRESH_SECONDS = 2
LIST_LENGTH = 50


def _context(request, **context):
    researcher = getattr(request.user, "researcher", None)
    return {"researcher": researcher, **context}


@login_required
def job_list(request):
    jobs = Job.objects.filter(owner=request.user).only("pk", "title", "state", "created", "finished")[:LIST_LENGTH]
    return render(request, "jobs/list.html", _context(request, jobs=jobs))


@login_required
def job_detail(request, pk):
    """The job's progress (n of N, a bar), refreshed every few seconds until it ends; then its report."""
    job = get_visible_job_or_404(request, pk)
    done, total = job_progress(job)
    context = _context(
        request,
        job=job,
        done=done,
        total=total,
        report=job.report,
        report_template=KINDS[job.kind].template if job.kind in KINDS else None,
        atomic=_atomic(job),
        refresh_seconds=None if job.ended else REFRESH_SECONDS,
    )
    response = render(request, "jobs/detail.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _atomic(job):
    """Whether a cancelled or failed job undoes all it wrote: sent e-mail, for one, cannot be unsent."""
    return KINDS[job.kind].atomic if job.kind in KINDS else True


@require_POST
@login_required
def job_cancel_view(request, pk):
    job = get_visible_job_or_404(request, pk)
    if job.ended:
        messages.info(request, "This job had already ended.")
    else:
        job_cancel(job=job)
        kept = "nothing it wrote is kept" if _atomic(job) else "what it finished before stopping is kept"
        messages.success(request, f"Cancelling: the job stops at its next step, and {kept}.")
    return redirect(job)
