"""Background jobs: long work (large imports, bulk e-mail) run by a worker, with a page showing progress.

A job is a `Job` row (who asked, what kind, its state, progress and report) plus one task of the
Django Tasks API that runs it. To add a kind of job, write a function in `portal/jobs/kinds.py`
decorated with `@job_kind(...)`, and start it with `portal.jobs.services.job_start(...)`.
"""
