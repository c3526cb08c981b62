"""The one task of the Django Tasks API that runs every background job."""

from django_tasks import task

from .services import job_run


@task()
def run_job(job_id):
    job_run(job_id=job_id)
