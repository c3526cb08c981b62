"""What waits for a lab admin: co-author suggestions to decide and draft pages to publish.

Shown on the admin index and on the admin's own dashboard, each with a link to the filtered list.
"""

from publications.models import Authorship, LinkState
from researchers.models import Researcher
from researchers.permissions import is_lab_admin


def lab_admin_counts(user):
    """{"lab_suggestions": n, "lab_drafts": m} for a lab admin; nothing for anyone else."""
    if not (user.is_authenticated and is_lab_admin(user)):
        return {}
    return {
        "lab_suggestions": Authorship.objects.filter(link_state=LinkState.SUGGESTED).count(),
        "lab_drafts": Researcher.objects.drafts().count(),
    }
