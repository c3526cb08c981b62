"""A member page is a draft until its member, or a lab admin, publishes it.

The dashboard lists what the page still lacks, so a member publishes a page worth visiting.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from researchers.models import Researcher
from researchers.permissions import can_edit_researcher, get_own_researcher_or_404
from researchers.services import researcher_publish


@dataclass(frozen=True)
class Step:
    label: str
    hint: str
    done: bool
    url: str


def page_steps(researcher, *, links, papers, interests):
    """What a visitor looks for on a member page, each with whether this page has it yet.

    `links`, `papers` and `interests` are counts the dashboard has already read.
    """
    profile = reverse("me:profile")
    return [
        Step("Photo", "a portrait, cropped to a square", bool(researcher.photo), reverse("me:photo")),
        Step("Position", "e.g. PhD student, Computer Science", bool(researcher.position), profile),
        Step("Bio", "a few sentences about your work", bool(researcher.bio.strip()), profile),
        Step(
            "Links",
            "Google Scholar, GitHub, ORCID …",
            bool(links or researcher.orcid),
            reverse("me:records", args=["links"]),
        ),
        Step("Research interests", "a few short topics", bool(interests), reverse("me:records", args=["interests"])),
        Step("A paper", "from BibTeX, or confirm a suggestion", bool(papers), reverse("me:publications")),
    ]


@require_POST
@login_required
def publish(request):
    """The signed-in member publishes their own page."""
    researcher = get_own_researcher_or_404(request)
    return _publish(request, researcher, published=True)


@require_POST
@login_required
def unpublish(request):
    """The signed-in member takes their page back to a draft, e.g. to rework it."""
    researcher = get_own_researcher_or_404(request)
    return _publish(request, researcher, published=False)


@require_POST
@login_required
def publish_member(request, slug):
    """Publish from the page itself: its member or a lab admin."""
    researcher = get_object_or_404(Researcher, slug=slug)
    if not can_edit_researcher(request.user, researcher):
        raise PermissionDenied
    return _publish(request, researcher, published=True)


def _publish(request, researcher, *, published):
    researcher_publish(researchers=Researcher.objects.filter(pk=researcher.pk), published=published)
    if published:
        messages.success(request, "The page is published: it is in the directory, search and feeds.")
        return redirect(researcher)
    messages.success(request, "Your page is a draft again: only you and the lab admins see it.")
    return redirect("me:overview")
