"""/me/publications/add/ and /me/publications/proposals/: a paper by its DOI or arXiv id, and the works the
sources found that may be the member's.

Adding by identifier looks the paper up (Crossref for DOIs, arXiv for arXiv ids)
and shows the form filled in; nothing is stored until the member confirms it. A
site that does not reach the sources says so and shows the same form empty.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from portal.importers.sources.http import Offline, SourceError
from portal.importers.sources.identifiers import parse_identifier
from portal.importers.sources.jobs import member_sync_running_or_recent, sync_job_start
from portal.importers.sources.records import WorkAuthor, WorkRecord
from portal.importers.sources.services import (
    proposal_accept,
    proposal_reject,
    record_from_dict,
    record_to_dict,
    sources_for,
    work_lookup,
    works_import,
)
from publications.identifiers import normalize_arxiv, normalize_doi
from publications.models import ProposalState, WorkProposal
from publications.permissions import get_decidable_proposal_or_404
from researchers.permissions import get_own_researcher_or_404

from .views import _page

SIGNING_SALT = "labfolio.works.record"
KIND_CHOICES = [
    ("article", "Journal article"),
    ("inproceedings", "Conference paper"),
    ("misc", "Preprint or other"),
    ("book", "Book"),
    ("incollection", "Book chapter"),
    ("phdthesis", "Thesis"),
    ("techreport", "Technical report"),
]


class IdentifierForm(forms.Form):
    identifier = forms.CharField(
        label="DOI, arXiv id or link",
        max_length=500,
        help_text="e.g. 10.7717/peerj.4375, 2305.17066 or https://arxiv.org/abs/2305.17066",
    )

    def clean_identifier(self):
        kind, _value = parse_identifier(self.cleaned_data["identifier"])
        if kind is None:
            raise forms.ValidationError("This is neither a DOI (10.…/…) nor an arXiv id (2305.17066), nor a link.")
        return self.cleaned_data["identifier"]


class WorkForm(forms.Form):
    title = forms.CharField(max_length=500)
    authors = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), help_text="One author per line, in the order of the paper."
    )
    kind = forms.ChoiceField(choices=KIND_CHOICES, initial="article")
    venue = forms.CharField(label="Journal, conference or repository", max_length=500, required=False)
    year = forms.IntegerField(min_value=1500, max_value=2100, required=False)
    doi = forms.CharField(label="DOI", max_length=200, required=False)
    arxiv_id = forms.CharField(label="arXiv id", max_length=50, required=False)
    record = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_doi(self):
        doi = self.cleaned_data["doi"].strip()
        if doi and not normalize_doi(doi):
            raise forms.ValidationError("A DOI starts with 10. and has a slash, like 10.1145/3219819.3220007.")
        return normalize_doi(doi)

    def clean_arxiv_id(self):
        arxiv_id = self.cleaned_data["arxiv_id"].strip()
        if arxiv_id and not normalize_arxiv(arxiv_id):
            raise forms.ValidationError("An arXiv id looks like 2305.17066 or hep-th/9901001.")
        return normalize_arxiv(arxiv_id)

    def clean_record(self):
        # What the source said, signed when it was shown: authors' ORCID iDs come only from a source,
        # never from the form, so no one can attach a colleague's verified iD to a paper by typing it.
        if not self.cleaned_data["record"]:
            return None
        try:
            return record_from_dict(signing.loads(self.cleaned_data["record"], salt=SIGNING_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def work_record(self):
        data = self.cleaned_data
        names = [line.strip() for line in data["authors"].splitlines() if line.strip()]
        looked_up = data["record"]
        if looked_up is not None and [author.name for author in looked_up.authors] == names:
            authors = looked_up.authors
        else:
            authors = [WorkAuthor(name=name) for name in names]
        return WorkRecord(
            source=looked_up.source if looked_up else "manual",
            title=data["title"],
            authors=authors,
            kind=data["kind"],
            venue=data["venue"],
            year=data["year"],
            doi=data["doi"],
            arxiv_id=data["arxiv_id"],
            **(
                {
                    "month": looked_up.month,
                    "volume": looked_up.volume,
                    "issue": looked_up.issue,
                    "pages": looked_up.pages,
                    "publisher": looked_up.publisher,
                    "abstract": looked_up.abstract,
                    "source_url": looked_up.source_url,
                }
                if looked_up
                else {}
            ),
        )


def work_form_for(record):
    """The confirmation form, filled in from a source's record."""
    return WorkForm(
        initial={
            "title": record.title,
            "authors": "\n".join(author.name for author in record.authors),
            "kind": record.kind if record.kind in dict(KIND_CHOICES) else "misc",
            "venue": record.venue,
            "year": record.year,
            "doi": record.doi,
            "arxiv_id": record.arxiv_id,
            "record": signing.dumps(record_to_dict(record), salt=SIGNING_SALT),
        }
    )


def add_by_identifier(request, *, member):
    """The steps of adding a paper, for the dashboard and the admin alike: (context, saved report or None)."""
    lookup = IdentifierForm(request.POST if request.POST.get("step") == "lookup" else None)
    work_form, notice, report = None, "", None
    if request.method == "POST" and request.POST.get("step") == "lookup" and lookup.is_valid():
        identifier = lookup.cleaned_data["identifier"]
        try:
            work_form = work_form_for(work_lookup(identifier=identifier))
            notice = "Check what the source says, correct it if needed, and confirm."
        except (Offline, SourceError) as error:
            kind, value = parse_identifier(identifier)
            reason = "this site does not reach Crossref and arXiv" if isinstance(error, Offline) else str(error)
            notice = f"The paper could not be looked up ({reason}). Please fill in the form by hand."
            work_form = WorkForm(initial={"doi" if kind == "doi" else "arxiv_id": value})
    elif request.method == "POST" and request.POST.get("step") == "save":
        work_form = WorkForm(request.POST)
        if work_form.is_valid():
            report = works_import(records=[work_form.work_record()], member=member, by=request.user)
    elif request.GET.get("manual"):
        work_form = WorkForm()
    return {"lookup": lookup, "work_form": work_form, "notice": notice, "report": report}, report


@login_required
def work_add(request):
    researcher = get_own_researcher_or_404(request)
    context, report = add_by_identifier(request, member=researcher)
    if report is not None:
        if report.errors:
            messages.error(request, "The paper was not added: " + "; ".join(map(str, report.errors)))
        else:
            messages.success(request, report.summary())
            for warning in report.warnings:
                messages.warning(request, warning)
        return redirect("me:publications")
    status = 400 if context["work_form"] is not None and context["work_form"].errors else 200
    context.update({"researcher": researcher, "title": "Add a paper by its DOI or arXiv id"})
    return _page(request, "me/work_add.html", context, status=status)


@login_required
def proposals(request):
    researcher = get_own_researcher_or_404(request)
    context = {
        "researcher": researcher,
        "proposals": WorkProposal.objects.open().filter(researcher=researcher).order_by("-year", "title"),
        "rejected": WorkProposal.objects.filter(researcher=researcher, state=ProposalState.REJECTED).count(),
        "can_sync": settings.SCHOLARLY_SOURCES_ONLINE and bool(sources_for(researcher)),
    }
    return _page(request, "me/proposals.html", context)


@require_POST
@login_required
def works_sync(request):
    """The member asks ORCID and OpenAlex for their works now: a background job, whose page they follow."""
    researcher = get_own_researcher_or_404(request)
    if not (settings.SCHOLARLY_SOURCES_ONLINE and sources_for(researcher)):
        reason = "the site does not reach ORCID and OpenAlex, or a lab admin has not verified your ORCID iD yet"
        messages.error(request, f"Your works cannot be looked for: {reason}.")
        return redirect("me:proposals")
    if (job := member_sync_running_or_recent(researcher)) is not None:
        messages.info(request, "Your works were looked for within the hour; here is that search.")
        return redirect(job)
    return redirect(sync_job_start(owner=request.user, members=[researcher]))


@require_POST
@login_required
def proposal_decide(request, pk, decision):
    proposal = get_decidable_proposal_or_404(request, pk)
    if proposal.state != ProposalState.OPEN:
        messages.info(request, f"“{proposal.title}” was already decided.")
    elif decision == "accept":
        report = proposal_accept(proposal=proposal, by=request.user)
        if report.warnings:
            messages.warning(request, f"“{proposal.title}” is in the lab, but: {' '.join(report.warnings)}")
        else:
            messages.success(request, f"“{proposal.title}” is now on your page.")
    else:
        proposal_reject(proposal=proposal, by=request.user)
        messages.success(request, f"“{proposal.title}”: noted as not yours; it will not be proposed again.")
    return redirect("me:proposals")
