from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .kinds import KINDS
from .models import Job
from .permissions import get_visible_job_or_404
from .services import job_atomic, job_cancel, job_progress, jobs_fail_silent
from .spreadsheets import model_admin_of, spreadsheet_confirm_start

REFRESH_SECONDS = 2
LIST_LENGTH = 50


def _context(request, **context):
    researcher = getattr(request.user, "researcher", None)
    return {"researcher": researcher, **context}


@login_required
def job_list(request):
    jobs = Job.objects.filter(owner=request.user).only("pk", "kind", "title", "state", "created", "started", "finished")
    if jobs_fail_silent(jobs.filter(state=Job.State.RUNNING)):
        messages.error(request, "A job lost its worker and was marked failed; its page says what was kept.")
    jobs = jobs[:LIST_LENGTH]
    return render(request, "jobs/list.html", _context(request, jobs=jobs))


@login_required
def job_detail(request, pk):
    """The job's progress (n of N, a bar), refreshed every few seconds until it ends; then its report."""
    job = get_visible_job_or_404(request, pk)
    if jobs_fail_silent([job]):
        job.refresh_from_db()
    done, total = job_progress(job)
    context = _context(
        request,
        job=job,
        done=done,
        total=total,
        report=job.report,
        report_template=KINDS[job.kind].template if job.kind in KINDS else None,
        atomic=job_atomic(job),
        refresh_seconds=None if job.ended else REFRESH_SECONDS,
    )
    response = render(request, "jobs/detail.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def job_cancel_view(request, pk):
    job = get_visible_job_or_404(request, pk)
    if job.ended:
        messages.info(request, "This job had already ended.")
    else:
        job_cancel(job=job)
        kept = "nothing it wrote is kept" if job_atomic(job) else "what it finished before stopping is kept"
        messages.success(request, f"Cancelling: the job stops at its next step, and {kept}.")
    return redirect(job)


@require_POST
@login_required
def job_confirm_import(request, pk):
    """Import a previewed sheet: once, when its preview found no errors, by someone who may import it."""
    preview = get_visible_job_or_404(request, pk)
    if preview.kind != "spreadsheet_preview" or preview.state != Job.State.DONE:
        raise PermissionDenied
    if not model_admin_of(preview.params).has_import_permission(request):
        raise PermissionDenied
    if preview.report.get("failed") or preview.report.get("import_job"):
        messages.error(request, "This preview cannot be imported: it had errors, or it was confirmed already.")
        return redirect(preview)
    job = spreadsheet_confirm_start(preview=preview, by=request.user)
    if job is None:
        messages.info(request, "This preview was confirmed already.")
        return redirect(preview)
    return redirect(job)
