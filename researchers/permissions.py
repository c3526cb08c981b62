"""Who may edit what, for researchers' records; every editing view asks here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Researcher, Visibility


def is_lab_admin(user):
    """Lab admins edit everything and manage people."""
    return user.is_active and (user.is_superuser or user.has_perm("researchers.change_researcher"))


def can_edit_researcher(user, researcher):
    """A member edits their own profile, CV, links and names; a lab admin edits anyone's."""
    if not (user.is_authenticated and user.is_active):
        return False
    return researcher.user_id == user.pk or is_lab_admin(user)


def get_viewable_researcher_or_404(request, slug, queryset=None):
    """A member whose pages the user may open: anyone, once published; a draft, its member and the lab admins.

    Hidden members stay hidden here; `queryset` narrows what is read (e.g. ``.with_profile()``).
    """
    queryset = Researcher.objects.all() if queryset is None else queryset
    researcher = queryset.public().filter(slug=slug).first()
    if researcher is None:
        researcher = get_object_or_404(queryset.drafts().exclude(visibility=Visibility.HIDDEN), slug=slug)
        if not can_edit_researcher(request.user, researcher):
            raise Http404("No such member.")
    return researcher


def get_own_researcher_or_404(request):
    """The profile attached to the signed-in account."""
    researcher = getattr(request.user, "researcher", None)
    if researcher is None:
        raise Http404("This account has no member profile.")
    return researcher


def get_editable_or_404(request, queryset, pk, owner="researcher"):
    """A member's record (CV entry, link, theme …) the user may edit: 404 when missing, 403 when not theirs.

    `owner` names the record's field that points at its member; records without one are the lab's.
    """
    record = get_object_or_404(queryset, pk=pk)
    member = getattr(record, owner)
    allowed = can_edit_researcher(request.user, member) if member else is_lab_admin(request.user)
    if not allowed:
        raise PermissionDenied
    return record
