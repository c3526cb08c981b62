"""Who may edit which news items and blog posts; every editing view asks here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from researchers.permissions import can_edit_researcher, is_lab_admin

from .models import NewsItem, Post


def can_edit_news(user, item):
    """A member edits their own news; lab news is for lab admins, who edit everyone's."""
    if item.owner_id is None:
        return user.is_authenticated and is_lab_admin(user)
    return can_edit_researcher(user, item.owner)


def get_editable_news_or_404(request, pk):
    """The news item the user may edit: 404 when missing, 403 when not theirs."""
    item = get_object_or_404(NewsItem.objects.select_related("owner"), pk=pk)
    if not can_edit_news(request.user, item):
        raise PermissionDenied
    return item


def can_edit_post(user, post):
    """A post is edited by its authors and by lab admins; a member never edits a colleague's post."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_lab_admin(user):
        return True
    researcher = getattr(user, "researcher", None)
    return researcher is not None and post.authors.filter(pk=researcher.pk).exists()


def can_view_post(user, post):
    """Published posts are for everyone; drafts and scheduled posts for those who may edit them (a preview)."""
    return post.is_public or can_edit_post(user, post)


def get_editable_post_or_404(request, pk):
    """The post the user may edit: 404 when missing, 403 when not theirs."""
    post = get_object_or_404(Post, pk=pk)
    if not can_edit_post(request.user, post):
        raise PermissionDenied
    return post
