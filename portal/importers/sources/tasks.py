"""The periodic sync as a background task: each member with a verified identifier, one after the other."""

from django_tasks import task

from .services import members_to_sync, works_sync


@task()
def sync_all_works():
    """Sync every member's works; returns how many sources failed (each failure is recorded per member)."""
    failed = 0
    for member in members_to_sync():
        failed += sum(not run.ok for run in works_sync(member=member))
    return failed


@task()
def sync_member_works(member_id):
    """Sync one member's works, e.g. right after a lab admin verified their ORCID iD."""
    member = members_to_sync().filter(pk=member_id).first()
    return 0 if member is None else sum(not run.ok for run in works_sync(member=member))
