"""Scholarly works into the lab: imported through the BibTeX import service, or proposed to their member.

`works_import` is the one path a source's records take into the lab, from a saved
file (`import_works`), from a member adding a paper by its DOI, or from an accepted
proposal: records become BibTeX entries for `publication_import` (merge on DOI,
arXiv id or title and year, co-author linking, history), then gain what BibTeX
cannot carry: each author's ORCID iD (a *verified* one links its member) and the
source's citation figures. `works_sync` asks the sources for each member's works
and proposes the ones the member does not have yet; it never confirms anything.
"""

import dataclasses
import logging
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from publications.models import (
    Authorship,
    LinkMethod,
    LinkState,
    MemberMetrics,
    ProposalState,
    Publication,
    SourceSync,
    WorkProposal,
    WorkSource,
)
from publications.services import DryRun, ImportReport, publication_import
from researchers.models import Researcher
from researchers.permissions import is_lab_admin

from . import get_source
from .http import Offline, SourceError
from .identifiers import parse_identifier
from .recordings import read_recording
from .records import WorkAuthor, WorkRecord

logger = logging.getLogger(__name__)

LOOKUP_CHUNK = 200  # records per query: four parameters each stays under every database's limit
SOURCE_LABELS = dict(WorkSource.choices)
UNEXPECTED_ERROR = "The source's answer could not be read (an unexpected error; the details are in the server log)."
OFFLINE_ERROR = "This site does not reach scholarly sources (SCHOLARLY_SOURCES_ONLINE is off)."


def works_from_file(*, path, source):
    """([WorkRecord], [error]) of a saved answer or cassette: every answer in it through the source's parser."""
    return get_source(source).parse_all(read_recording(path))


def works_import(*, records, member=None, dry_run=False, live=False, by=None):
    """Import records as papers through `publication_import`; then set authors' ORCID iDs, link the members
    whose verified ORCID iD they carry, and store citation figures. All or nothing; `dry_run` writes nothing.

    `live` marks figures fetched just now: their date is renewed even when the count did not change.
    `by` is the account importing: a lab admin, or nobody (the command line), may add to any stored paper;
    anyone else adds ORCID iDs and figures only to new papers and to those `member` is a confirmed author of.
    """
    records = _unique(records)
    if not records:
        return ImportReport(dry_run=dry_run)
    untouchable = set() if by is None or is_lab_admin(by) else _others_papers(records, member)
    try:
        with transaction.atomic():
            bibtex = "\n".join(record.to_bibtex() for record in records)
            report = publication_import(text=bibtex, member=member, by=by)
            found = _publications_for(records)
            for record in records:
                publication = found.get(record.key)
                if publication is None or publication.pk in untouchable:
                    continue
                report.linked += _attach_orcids(publication, record)
                _store_citations(publication, record, live=live)
            if dry_run:
                raise DryRun
    except DryRun:
        report.dry_run = True
    return report


def works_sync(*, member, transport=None):
    """Ask each source that knows the member (by verified ORCID iD, or OpenAlex author id) for their works.

    Works the member does not have in the lab become open proposals; a work proposed
    before (open, accepted or rejected) is not proposed again. Citation figures of
    papers the lab has are renewed, and the member's own metrics stored. A source's
    failure is recorded for the admin and changes nothing. Returns the SourceSync rows.
    """
    runs = []
    for name in sources_for(member):
        started = timezone.now()
        try:
            found = get_source(name, transport=transport).member_works(member)
            with transaction.atomic():
                run = _propose(member, name, found, started)
        except Offline:
            raise
        except SourceError as error:
            run = SourceSync.objects.create(
                researcher=member, source=name, started_at=started, ok=False, error=str(error)[:2000]
            )
        except Exception:
            # An answer shaped in a way the parser never met is the source's error too: recorded for this
            # member, its transaction undone, and the sync goes on with the next source and member.
            logger.exception("Syncing %s from %s failed", member, name)
            run = SourceSync.objects.create(
                researcher=member, source=name, started_at=started, ok=False, error=UNEXPECTED_ERROR
            )
        runs.append(run)
    return runs


def works_sync_members(*, members, progress=None, transport=None):
    """Sync members one after the other (a background job's work): a JSON report of what each source said.

    `progress(done, total)` is called before each member. Each source of each member is
    committed on its own by `works_sync`, so a member's failing source changes nothing of
    theirs and stops no one else's sync; its error is in the report and under Source syncs.
    """
    members = list(members)
    progress = progress or (lambda done, total: None)
    report = {"members": len(members), "works": 0, "proposed": 0, "counts_updated": 0, "synced": [], "errors": []}
    for number, member in enumerate(members):
        progress(number, len(members))
        try:
            runs = works_sync(member=member, transport=transport)
        except Offline:
            report["errors"].append(f"{OFFLINE_ERROR} Nothing was synced from {member} on.")
            break
        for run in runs:
            label = SOURCE_LABELS.get(run.source, run.source)
            if not run.ok:
                report["errors"].append(f"{member} · {label}: {run.error}")
                continue
            report["works"] += run.works
            report["proposed"] += run.proposed
            report["counts_updated"] += run.counts_updated
            report["synced"].append(
                f"{member} · {label}: {run.works} works, {run.proposed} new proposals, "
                f"{run.counts_updated} citation counts renewed"
            )
    else:
        progress(len(members), len(members))
    return report


def sources_for(member):
    """The sources a member can be synced from: only identifiers a lab admin verified, or set, count."""
    names = []
    if member.orcid and member.orcid_verified:
        names.append("orcid")
    if member.openalex_id or (member.orcid and member.orcid_verified):
        names.append("openalex")
    return names


def members_to_sync():
    return Researcher.objects.filter(Q(orcid_verified=True, orcid__gt="") | Q(openalex_id__gt=""))


def work_lookup(*, identifier, transport=None):
    """The WorkRecord of a pasted DOI, arXiv id or link, from Crossref (else OpenAlex) or arXiv.

    Raises ValueError when the text names no paper, Offline when the site does not
    reach sources, SourceError when the source fails or does not know the paper.
    """
    kind, value = parse_identifier(identifier)
    if kind is None:
        raise ValueError("This is neither a DOI (10.…/…) nor an arXiv id (2305.17066), nor a link to one.")
    if kind == "arxiv":
        records = get_source("arxiv", transport=transport).fetch_work(value)
    else:
        try:
            records = get_source("crossref", transport=transport).fetch_work(value)
        except Offline:
            raise
        except SourceError as error:
            # DataCite DOIs (Zenodo, figshare, arXiv's own) are not Crossref's: OpenAlex knows most of them.
            if error.status != 404:
                raise
            records = get_source("openalex", transport=transport).fetch_work(value)
    if not records:
        raise SourceError(f"The source does not know {value}.")
    return records[0]


@transaction.atomic
def proposal_accept(*, proposal, by):
    """The member (or an admin) says the proposed work is theirs: it is imported as their paper."""
    record = record_from_dict(proposal.record)
    report = works_import(records=[record], member=proposal.researcher, by=by)
    publication = _publications_for([record]).get(record.key)
    member = proposal.researcher
    if publication is not None and not Publication.objects.for_member(member).filter(pk=publication.pk).exists():
        report.warnings.append(
            f"{member} is not among the paper's authors as the source names them; a lab admin can link them."
        )
    proposal.state, proposal.publication = ProposalState.ACCEPTED, publication
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.save(update_fields=["state", "publication", "decided_by", "decided_at"])
    return report


@transaction.atomic
def proposal_reject(*, proposal, by):
    """Not the member's work: remembered, so no later sync proposes it again."""
    proposal.state = ProposalState.REJECTED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.save(update_fields=["state", "decided_by", "decided_at"])


def record_to_dict(record):
    return dataclasses.asdict(record)


def record_from_dict(data):
    fields = {field.name for field in dataclasses.fields(WorkRecord)}
    values = {name: value for name, value in data.items() if name in fields}
    values["authors"] = [WorkAuthor(**author) for author in data.get("authors", [])]
    return WorkRecord(**values)


def _others_papers(records, member):
    """The stored papers these records are, except those `member` is a confirmed author of."""
    stored = {paper.pk for paper in _publications_for(records).values()}
    if member is not None:
        stored -= set(
            Authorship.objects.confirmed()
            .of(member)
            .filter(publication__in=stored)
            .values_list("publication_id", flat=True)
        )
    return stored


def _unique(records):
    seen, unique = set(), []
    for record in records:
        if record.key not in seen:
            seen.add(record.key)
            unique.append(record)
    return unique


def _publications_for(records):
    """record key → the stored paper it is (same DOI, arXiv id, or title and year), a query per 200 records."""
    stored = []
    for start in range(0, len(records), LOOKUP_CHUNK):
        query = Q(pk__in=[])
        for record in records[start : start + LOOKUP_CHUNK]:
            if record.doi:
                query |= Q(doi=record.doi)
            if record.arxiv_id:
                query |= Q(arxiv_id=record.arxiv_id)
            query |= Q(title_key=record.title_key, year=record.year)
        stored += Publication.objects.filter(query).prefetch_related("authorships")
    by_doi = {paper.doi: paper for paper in stored if paper.doi}
    by_arxiv = {paper.arxiv_id: paper for paper in stored if paper.arxiv_id}
    by_title = {(paper.title_key, paper.year): paper for paper in stored}
    return {
        record.key: found
        for record in records
        if (
            found := by_doi.get(record.doi)
            or by_arxiv.get(record.arxiv_id)
            or by_title.get((record.title_key, record.year))
        )
    }


def _attach_orcids(publication, record):
    """Give authors the ORCID iDs the source lists; link undecided authors whose iD a lab admin verified.

    Authors are matched by position, and only when the source lists as many as the
    paper has: a source that names only the record's owner cannot say which author
    that is. Rejected links stay rejected. Returns how many authors were linked.
    """
    authorships = sorted(publication.authorships.all(), key=lambda authorship: authorship.position)
    if len(authorships) != len(record.authors):
        return 0
    orcids = {author.orcid for author in record.authors if author.orcid}
    verified = {
        member.orcid: member for member in Researcher.objects.filter(orcid__in=orcids, orcid_verified=True)
    } if orcids else {}  # fmt: skip
    confirmed = {row.researcher_id for row in authorships if row.link_state == LinkState.CONFIRMED}
    linked = 0
    for authorship, author in zip(authorships, record.authors, strict=True):
        fields = []
        if author.orcid and not authorship.orcid:
            authorship.orcid = author.orcid
            fields.append("orcid")
        member = verified.get(authorship.orcid)
        undecided = authorship.link_state in {LinkState.UNLINKED, LinkState.SUGGESTED}
        if member is not None and undecided and member.pk not in confirmed:
            authorship.researcher = member
            authorship.link_state, authorship.link_method = LinkState.CONFIRMED, LinkMethod.ORCID
            confirmed.add(member.pk)
            fields += ["researcher", "link_state", "link_method"]
            linked += 1
        if fields:
            authorship.save(update_fields=fields)
    return linked


def _store_citations(publication, record, *, live):
    if record.cited_by_count is None:
        return False
    values = {
        "citation_count": record.cited_by_count,
        "citation_source": SOURCE_LABELS.get(record.source, record.source),
        "citation_url": record.source_url[:500],
        "citations_by_year": record.counts_by_year,
    }
    changed = any(getattr(publication, name) != value for name, value in values.items())
    if not changed and not (live and publication.citation_date != date.today()):
        return False
    for name, value in values.items():
        setattr(publication, name, value)
    publication.citation_date = date.today()
    # A renewed count is a figure, not an edit: a nightly sync must not bury the paper's history.
    publication.skip_history_when_saving = True
    try:
        publication.save(update_fields=[*values, "citation_date", "updated_at"])
    finally:
        del publication.skip_history_when_saving
    return True


def _propose(member, source, found, started):
    records = _unique(found.records)
    stored = _publications_for(records)
    # Papers the member is an author of, is asked about already ("It's me?"), or said they did not write.
    decided = set(Authorship.objects.filter(researcher=member).values_list("publication_id", flat=True))
    proposals = list(WorkProposal.objects.filter(researcher=member))
    known = {proposal.key for proposal in proposals}
    known |= {f"doi:{proposal.doi}" for proposal in proposals if proposal.doi}
    known |= {f"arxiv:{proposal.arxiv_id}" for proposal in proposals if proposal.arxiv_id}
    known_titles = {(proposal.title_key, proposal.year) for proposal in proposals}
    run = SourceSync(researcher=member, source=source, started_at=started, works=len(records))
    new = []
    for record in records:
        publication = stored.get(record.key)
        if publication is not None:
            run.counts_updated += _store_citations(publication, record, live=True)
            if publication.pk in decided:
                continue
        names = {record.key}
        names.update([f"doi:{record.doi}"] if record.doi else [])
        names.update([f"arxiv:{record.arxiv_id}"] if record.arxiv_id else [])
        if names & known or (record.title_key, record.year) in known_titles:
            continue
        known |= names
        known_titles.add((record.title_key, record.year))
        new.append(
            WorkProposal(
                researcher=member,
                key=record.key[:600],
                doi=record.doi,
                arxiv_id=record.arxiv_id,
                title=record.title[:500],
                title_key=record.title_key,
                year=record.year,
                venue=record.venue[:500],
                authors_text=Publication.authors_text_for(author.name for author in record.authors),
                source=source,
                source_url=record.source_url[:500],
                record=record_to_dict(record),
                publication=publication,
            )
        )
    WorkProposal.objects.bulk_create(new)
    run.proposed = len(new)
    if found.metrics is not None:
        metrics = found.metrics
        MemberMetrics.objects.update_or_create(
            researcher=member,
            source=metrics.source,
            defaults={
                "url": metrics.url,
                "works_count": metrics.works_count,
                "cited_by_count": metrics.cited_by_count,
                "h_index": metrics.h_index,
                "i10_index": metrics.i10_index,
                "counts_by_year": metrics.counts_by_year,
                "fetched_on": date.today(),
            },
        )
    run.save()
    return run
