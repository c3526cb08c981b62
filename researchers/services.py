import datetime

from django.db import transaction

from .models import Status


@transaction.atomic
def researcher_mark_alumni(*, researchers, left_on=None):
    """Move researchers to the alumni section, keeping their pages and everything on them.

    A missing leaving date becomes today; an existing one is kept. Returns how many changed.
    """
    left_on = left_on or datetime.date.today()
    changed = 0
    for researcher in researchers.select_for_update().exclude(status=Status.ALUMNI):
        researcher.status = Status.ALUMNI
        researcher.left_on = researcher.left_on or left_on
        researcher.save(update_fields=["status", "left_on", "updated_at"])
        changed += 1
    return changed
