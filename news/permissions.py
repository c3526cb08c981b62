"""Who may edit which news items; every editing view asks here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from researchers.permissions import can_edit_researcher, is_lab_admin

from .models import NewsItem


def can_edit_news(user, item):
    """A member edits their own news; the lab's news (no owner) is for lab admins."""
    if item.owner_id is None:
        return user.is_authenticated and is_lab_admin(user)
    return can_edit_researcher(user, item.owner)


def get_editable_news_or_404(request, pk):
    """The news item the user may edit: 404 when missing, 403 when not theirs."""
    item = get_object_or_404(NewsItem.objects.select_related("owner"), pk=pk)
    if not can_edit_news(request.user, item):
        raise PermissionDenied
    return item
