"""Who may see and cancel a job: the member who started it, and lab admins."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from researchers.permissions import is_lab_admin

from .models import Job


def get_visible_job_or_404(request, pk):
    """The job, for its owner or a lab admin: 404 when missing, 403 when someone else's."""
    job = get_object_or_404(Job, pk=pk)
    if not (request.user.is_authenticated and request.user.is_active):
        raise PermissionDenied
    if job.owner_id != request.user.pk and not is_lab_admin(request.user):
        raise PermissionDenied
    return job
