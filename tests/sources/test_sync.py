"""The sync asks ORCID and OpenAlex for a member's works, replayed from recorded answers: it proposes only
papers the member does not have, never twice, never a rejected one, and a source's failure changes nothing."""

import httpx
import pytest
from django.core.management import CommandError, call_command

from portal.importers.sources.http import HttpClient, Offline, SourceError
from portal.importers.sources.recordings import read_recording, replaying_transport
from portal.importers.sources.services import proposal_accept, proposal_reject, works_sync
from publications.models import Authorship, MemberMetrics, ProposalState, Publication, SourceSync, WorkProposal
from tests.factories import AuthorshipFactory, PublicationFactory, ResearcherFactory
from tests.sources.conftest import SCOTT_ORCID, WANG_ORCID

pytestmark = pytest.mark.django_db


def test_a_sync_proposes_only_the_works_the_member_does_not_have(scott, recorded):
    have = PublicationFactory(title="Phylogeny Based Biodiversity Data Queries", year=2018, doi="10.3897/biss.2.25589")
    AuthorshipFactory(publication=have, researcher=scott, link_state="confirmed")
    runs = works_sync(member=scott, transport=replaying_transport(recorded))
    orcid = next(run for run in runs if run.source == "orcid")
    assert orcid.ok and orcid.works == 111
    # 70 distinct papers (figshare versions share a title and year), less the one he has.
    assert WorkProposal.objects.filter(researcher=scott).count() == 69
    assert not WorkProposal.objects.filter(doi="10.3897/biss.2.25589").exists()
    assert Publication.objects.count() == 1  # proposals are not papers until the member says so
    proposal = WorkProposal.objects.get(doi="10.21105/joss.00721")
    assert proposal.state == ProposalState.OPEN and proposal.source == "orcid"
    assert proposal.authors_text == "Scott A Chamberlain"  # his credit name


def test_a_second_sync_proposes_nothing_new_and_a_rejected_work_is_not_proposed_again(scott, recorded):
    works_sync(member=scott, transport=replaying_transport(recorded))
    rejected = WorkProposal.objects.get(doi="10.21105/joss.00721")
    proposal_reject(proposal=rejected, by=None)
    before = sorted(WorkProposal.objects.values_list("id", "key", "state"))
    runs = works_sync(member=scott, transport=replaying_transport(recorded))
    assert sorted(WorkProposal.objects.values_list("id", "key", "state")) == before
    assert all(run.proposed == 0 for run in runs if run.ok)
    rejected.refresh_from_db()
    assert rejected.state == ProposalState.REJECTED


def test_an_accepted_proposal_becomes_the_members_confirmed_paper_and_is_not_proposed_again(scott, recorded):
    works_sync(member=scott, transport=replaying_transport(recorded))
    proposal = WorkProposal.objects.get(doi="10.21105/joss.00721")
    proposal_accept(proposal=proposal, by=None)
    paper = Publication.objects.get(doi="10.21105/joss.00721")
    assert list(Publication.objects.for_member(scott)) == [paper]
    assert proposal.state == ProposalState.ACCEPTED and proposal.publication == paper
    works_sync(member=scott, transport=replaying_transport(recorded))
    assert WorkProposal.objects.filter(doi="10.21105/joss.00721").count() == 1
    assert Publication.objects.count() == 1


def test_an_openalex_sync_stores_the_members_metrics_and_renews_the_counts_of_papers_the_lab_has(wang, recorded):
    housing = PublicationFactory(
        title="Identifying the determinants of housing prices in China", doi="10.1016/j.apgeog.2016.12.003"
    )
    AuthorshipFactory(publication=housing, researcher=wang, link_state="confirmed")
    seen = []
    runs = works_sync(member=wang, transport=replaying_transport(recorded, seen=seen))
    by_source = {run.source: run for run in runs}
    assert not by_source["orcid"].ok and "HTTP 404" in by_source["orcid"].error  # ORCID has no recording of him
    assert by_source["openalex"].ok and by_source["openalex"].proposed == 3
    metrics = MemberMetrics.objects.get(researcher=wang)
    assert (metrics.source, metrics.cited_by_count, metrics.works_count) == ("OpenAlex", 793, 105)
    assert metrics.h_index is not None and metrics.counts_by_year
    housing.refresh_from_db()
    assert (housing.citation_count, housing.citation_source) == (110, "OpenAlex")
    assert housing.citation_url.startswith("https://openalex.org/W")
    author_lookup = next(request for request in seen if request.url.path == "/authors")
    assert author_lookup.url.params["filter"] == f"orcid:{WANG_ORCID}"
    works_lookup = next(request for request in seen if request.url.path == "/works")
    assert works_lookup.url.params["filter"] == "author.id:A5068835581"


def test_requests_name_the_lab_and_its_contact_address(settings, wang, recorded):
    settings.SCHOLARLY_SOURCES_CONTACT = "lab@example.org"
    seen = []
    works_sync(member=wang, transport=replaying_transport(recorded, seen=seen))
    assert all("mailto:lab@example.org" in request.headers["User-Agent"] for request in seen)
    assert all(
        request.url.params["mailto"] == "lab@example.org" for request in seen if request.url.host == "api.openalex.org"
    )


def test_only_verified_orcid_ids_are_synced(recorded):
    unverified = ResearcherFactory(orcid=SCOTT_ORCID, orcid_verified=False)
    assert works_sync(member=unverified, transport=replaying_transport(recorded)) == []
    assert not WorkProposal.objects.exists()


@pytest.mark.parametrize(
    ("answer", "reported"),
    [
        (httpx.Response(404, json={"response-code": 404, "user-message": "ORCID iD not found"}), "ORCID iD not found"),
        (httpx.Response(500, text="Internal Server Error"), "HTTP 500"),
        (httpx.Response(200, text='{"group": [ {"work-summary": '), "not JSON"),
        (httpx.Response(429, headers={"Retry-After": "3"}, json={"message": "slow down"}), "rate limited"),
    ],
)
def test_a_failing_source_is_reported_for_the_member_and_changes_nothing(scott, answer, reported):
    PublicationFactory(title="Kept", citation_count=5)
    before = (list(Publication.objects.values()), list(Authorship.objects.values()))
    runs = works_sync(member=scott, transport=httpx.MockTransport(lambda request: answer))
    assert {run.source for run in runs} == {"orcid", "openalex"}
    assert all(not run.ok for run in runs)
    assert reported in next(run for run in runs if run.source == "orcid").error
    assert (list(Publication.objects.values()), list(Authorship.objects.values())) == before
    assert not WorkProposal.objects.exists() and not MemberMetrics.objects.exists()
    assert SourceSync.objects.filter(researcher=scott, ok=False).count() == 2


def test_the_recorded_openalex_error_answer_is_reported(scott, data):
    error = next(
        payload
        for payload in read_recording(data / "openalex" / "openalex_work_W2162348455_2026.vcr.yml")
        if payload.status == 400
    )
    transport = httpx.MockTransport(lambda request: httpx.Response(error.status, content=error.body))
    runs = works_sync(member=scott, transport=transport)
    openalex = next(run for run in runs if run.source == "openalex")
    assert not openalex.ok and "DOESNTEXIST is not a valid select field" in openalex.error


def test_rate_limits_and_server_errors_are_retried_with_growing_waits(settings):
    settings.SCHOLARLY_SOURCES_ONLINE = True
    answers = iter([httpx.Response(429), httpx.Response(503), httpx.Response(200, json={"ok": True})])
    waits = []
    client = HttpClient(min_interval=0, backoff=1.0, sleep=waits.append)
    client.client._transport = httpx.MockTransport(lambda request: next(answers))
    assert client.get("https://api.openalex.org/works").json() == {"ok": True}
    assert waits == [1.0, 2.0]


def test_conditional_requests_reuse_the_stored_answer_when_nothing_changed():
    requests = []

    def answer(request):
        requests.append(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, json={"answer": 1}, headers={"ETag": '"v1"'})

    client = HttpClient(transport=httpx.MockTransport(answer))
    assert client.get("https://api.crossref.org/works/10.1/x").json() == {"answer": 1}
    assert client.get("https://api.crossref.org/works/10.1/x").json() == {"answer": 1}
    assert [request.headers.get("If-None-Match") for request in requests] == [None, '"v1"']


def test_without_the_online_setting_no_request_is_made(scott):
    with pytest.raises(Offline):
        works_sync(member=scott)
    with pytest.raises(CommandError, match="SCHOLARLY_SOURCES_ONLINE"):
        call_command("sync_works")
    assert not SourceSync.objects.exists()
    assert issubclass(Offline, SourceError)


def test_accepting_a_work_whose_authors_do_not_name_the_member_says_so(scott):
    record = {"source": "openalex", "title": "Someone else's", "authors": [{"name": "Zed Quux"}], "year": 2020}
    proposal = WorkProposal.objects.create(
        researcher=scott, key="title:someone elses|2020", title="Someone else's", title_key="someone elses",
        year=2020, source="openalex", record=record,
    )  # fmt: skip
    report = proposal_accept(proposal=proposal, by=None)
    assert any("not among the paper's authors" in warning for warning in report.warnings)
    assert not Publication.objects.for_member(scott).exists()


def test_a_paper_whose_author_link_the_member_rejected_or_has_yet_to_decide_is_not_proposed(scott, recorded):
    rejected = PublicationFactory(title="Phylogeny Based Biodiversity Data", year=2018, doi="10.3897/biss.2.25589")
    AuthorshipFactory(publication=rejected, researcher=scott, name="S. Chamberlain", link_state="rejected")
    suggested = PublicationFactory(title="Suppdata", year=2018, doi="10.21105/joss.00721")
    AuthorshipFactory(publication=suggested, researcher=scott, name="S. Chamberlain", link_state="suggested")
    works_sync(member=scott, transport=replaying_transport(recorded))
    proposed = set(WorkProposal.objects.filter(researcher=scott).values_list("doi", flat=True))
    assert "10.3897/biss.2.25589" not in proposed and "10.21105/joss.00721" not in proposed
    assert WorkProposal.objects.filter(researcher=scott).count() == 68  # 70 distinct papers, less those two


def test_a_source_cannot_slip_a_script_link_into_a_proposal():
    from portal.importers.sources.records import WorkRecord

    record = WorkRecord(source="s2", title="T", url="javascript:alert(1)", source_url="JaVaScRiPt:alert(1)")
    assert (record.url, record.source_url) == ("", "")


def test_renewed_citation_counts_leave_the_papers_history_alone(wang, recorded):
    housing = PublicationFactory(title="Housing", doi="10.1016/j.apgeog.2016.12.003")
    versions = housing.history.count()
    works_sync(member=wang, transport=replaying_transport(recorded))
    housing.refresh_from_db()
    assert housing.citation_count == 110
    assert housing.history.count() == versions


def test_requests_to_a_source_are_spaced_by_the_configured_interval(settings):
    settings.SCHOLARLY_SOURCES_ONLINE = True
    pauses = []
    client = HttpClient(min_interval=5.0, sleep=pauses.append)
    client.client._transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    client.get("https://api.openalex.org/works")
    client.get("https://api.openalex.org/works")
    assert len(pauses) == 1 and 0 < pauses[0] <= 5.0


def test_the_sync_command_syncs_members_with_verified_identifiers_and_prints_failures(
    settings, scott, recorded, monkeypatch, capsys
):
    from portal.management.commands import sync_works as command

    ResearcherFactory(orcid="0000-0001-6187-6610", orcid_verified=False)  # not asked about
    settings.SCHOLARLY_SOURCES_ONLINE = True
    synced = []

    def replayed(member):
        synced.append(member)
        return works_sync(member=member, transport=replaying_transport(recorded))

    monkeypatch.setattr(command, "works_sync", replayed)
    call_command("sync_works")
    output = capsys.readouterr()
    assert synced == [scott]
    assert "scott · orcid: 111 works, 70 new proposals" in output.out
    assert "scott · openalex: OpenAlex answered with another author" in output.err


def test_a_doi_crossref_does_not_know_is_looked_up_in_openalex(data):
    from portal.importers.sources.services import work_lookup

    recorded = read_recording(data / "openalex" / "openalex_work_W2741809807.json")
    recorded[0].url = "https://api.openalex.org/works/https://doi.org/10.7717/peerj.4375"
    record = work_lookup(identifier="doi:10.7717/PEERJ.4375", transport=replaying_transport(recorded))
    assert (record.source, record.doi, record.cited_by_count) == ("openalex", "10.7717/peerj.4375", 962)
