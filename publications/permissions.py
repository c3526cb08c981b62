"""Who may edit which papers and author links; every editing view asks here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from researchers.permissions import can_edit_researcher, is_lab_admin

from .models import Authorship, Publication, WorkProposal


def can_edit_publication(user, publication):
    """Lab admins, and members who are a confirmed author of the paper."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_lab_admin(user):
        return True
    return publication.authorships.confirmed().filter(researcher__user=user).exists()


def get_editable_publication_or_404(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    if not can_edit_publication(request.user, publication):
        raise PermissionDenied
    return publication


def get_decidable_authorship_or_404(request, pk):
    """An author link the user may decide: one pointing at their own profile, or any for a lab admin."""
    authorship = get_object_or_404(Authorship.objects.select_related("researcher", "publication"), pk=pk)
    if authorship.researcher is None or not can_edit_researcher(request.user, authorship.researcher):
        raise PermissionDenied
    return authorship


def get_decidable_proposal_or_404(request, pk):
    """A proposed work the user may accept or reject: one proposed to them, or any for a lab admin."""
    proposal = get_object_or_404(WorkProposal.objects.select_related("researcher"), pk=pk)
    if not can_edit_researcher(request.user, proposal.researcher):
        raise PermissionDenied
    return proposal
