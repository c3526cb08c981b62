"""The kinds of background job, each a function the worker runs.

A kind is registered with `@job_kind(name, template=…)`. Its function gets the `Job` and a
`progress(done, total)` callable, and returns the report as JSON-able data, which the job page
shows through the kind's template (as `report`). Call `progress` between chunks of work: it
records how far the job is and raises `JobCancelled` when the owner cancelled it.

With `atomic=True` (the default) the whole job runs in one transaction, so a cancelled or failed
job leaves nothing half-written. Work that cannot be undone (sending e-mail) sets `atomic=False`
and commits each item on its own; cancelling it stops before the next item.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from publications.services import publication_import
from researchers.models import Researcher

from ..accounts.services import invitation_create
from ..importers.sources.services import works_sync_members


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable
    template: str
    atomic: bool


KINDS: dict[str, JobKind] = {}
SHOWN_TITLES = 100  # the report lists this many created and merged titles, then counts the rest


def job_kind(name, *, template, atomic=True):
    def register(function):
        KINDS[name] = JobKind(name=name, run=function, template=template, atomic=atomic)
        return function

    return register


def import_report_data(report):
    """A BibTeX import's report as JSON, with what the import page and the job page show of it."""
    return {
        "dry_run": report.dry_run,
        "readable": report.readable,
        "summary": report.summary() if report.readable else "",
        "nothing_read": "" if report.readable else report.nothing_read(),
        "suggestions": report.suggestions,
        "created": report.created,
        "created_titles": report.created_titles[:SHOWN_TITLES],
        "merged": report.merged,
        "merged_titles": report.merged_titles[:SHOWN_TITLES],
        "already": report.already,
        "already_titles": report.already_titles[:SHOWN_TITLES],
        "member_links": [
            {"title": link.title, "member": link.member, "confirmed": link.confirmed} for link in report.member_links
        ],
        "errors": [str(error) for error in report.errors],
        "warnings": [str(warning) for warning in report.warnings],
    }


@job_kind("bibtex_import", template="jobs/report_bibtex.html")
def bibtex_import(job, progress):
    """A large BibTeX file, from the member dashboard or the admin. Params: member (id or None), dry_run."""
    member_id = job.params.get("member")
    member = Researcher.objects.get(pk=member_id) if member_id else None
    # The owner decides what the import may change: a member only papers they are a confirmed author of.
    report = publication_import(
        text=job.payload, member=member, dry_run=job.params["dry_run"], progress=progress, by=job.owner
    )
    return import_report_data(report)


@job_kind("invitations", template="jobs/report_invitations.html", atomic=False)
def invitations(job, progress):
    """Invite many members at once: one e-mail each. Params: researchers (ids); the job's owner invites."""
    ids = job.params["researchers"]
    members = Researcher.objects.in_bulk(ids)
    sent, skipped = [], []
    for number, pk in enumerate(ids):
        progress(number, len(ids))
        member = members.get(pk)
        if member is None:
            continue
        email = next(iter(member.email_list), "")
        if not email:
            skipped.append(f"{member}: no email on the profile; invite them from Invitations.")
            continue
        try:
            invitation_create(email=email, name=member.name, researcher=member, invited_by=job.owner)
        except ValidationError as error:
            skipped.append(f"{member}: {' '.join(error.messages)}")
        else:
            sent.append(f"{member}: invitation emailed to {email}.")
    progress(len(ids), len(ids))
    return {"sent": sent, "skipped": skipped}


# Not atomic: the sources are slow and rate-limited, and one transaction over every member's answers would
# hold the database's write lock for minutes. Each source of each member is committed on its own (a failing
# one changes nothing); cancelling stops before the next member and keeps the members already synced.
@job_kind("works_sync", template="jobs/report_works_sync.html", atomic=False)
def works_sync(job, progress):
    """Ask ORCID and OpenAlex for members' works: proposals, citation figures. Params: members (ids)."""
    ids = job.params["members"]
    members = Researcher.objects.in_bulk(ids)
    return works_sync_members(members=[members[pk] for pk in ids if pk in members], progress=progress)
