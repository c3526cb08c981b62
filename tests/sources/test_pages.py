"""Citation figures on paper pages, adding a paper by identifier, and deciding proposed works, in the
dashboard and the admin."""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.dashboard import works as dashboard_works
from portal.importers.sources.recordings import read_recording, replaying_transport
from portal.importers.sources.services import work_lookup
from publications.models import LinkState, ProposalState, Publication, WorkProposal
from tests.factories import AuthorshipFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_a_paper_page_shows_its_count_with_source_date_and_link(client, data, django_assert_max_num_queries):
    call_command("import_works", str(data / "openalex" / "openalex_work_W2741809807.json"), "--source", "openalex")
    paper = Publication.objects.get(doi="10.7717/peerj.4375")
    with django_assert_max_num_queries(10):
        page = client.get(paper.get_absolute_url()).content.decode()
    today = datetime.date.today().isoformat()
    line = re.search(r'<p class="paper-citations">(.*?)</p>', page).group(1)
    assert re.sub(r"<[^>]+>", "", line) == f"Cited by 962 · OpenAlex, {today}"
    assert '<a href="https://openalex.org/W2741809807" rel="noopener">OpenAlex</a>' in line
    assert "counted" not in line


def test_an_old_figure_says_how_old_it_is(client):
    paper = PublicationFactory(
        citation_count=40, citation_source="OpenAlex", citation_date=datetime.date.today() - datetime.timedelta(100)
    )
    page = client.get(paper.get_absolute_url()).content.decode()
    assert re.search(r"\(counted 3\xa0months(, \d+\xa0\w+)? ago\)", page)


def citation_lines(page):
    return [re.sub(r"<[^>]+>", "", line) for line in re.findall(r'<p class="paper-citations">(.*?)</p>', page)]


def test_paper_lists_show_the_same_citation_line_as_the_paper_page(client, alice):
    paper = PublicationFactory(
        title="Counted",
        citation_count=962,
        citation_source="OpenAlex",
        citation_url="https://openalex.org/W2741809807",
        citation_date=datetime.date.today(),
    )
    AuthorshipFactory(publication=paper, researcher=alice, link_state=LinkState.CONFIRMED)
    line = f"Cited by 962 · OpenAlex, {datetime.date.today().isoformat()}"
    link = '<a href="https://openalex.org/W2741809807" rel="noopener">OpenAlex</a>'
    for url in (paper.get_absolute_url(), "/publications/", alice.get_absolute_url()):
        page = client.get(url).content.decode()
        assert citation_lines(page) == [line], url
        assert link in page, url


def test_a_listed_paper_says_how_old_its_figure_is_once_it_is_stale(client, settings):
    settings.CITATIONS_STALE_DAYS = 30
    paper = PublicationFactory(
        citation_count=40, citation_source="OpenAlex", citation_date=datetime.date.today() - datetime.timedelta(20)
    )
    assert "counted" not in citation_lines(client.get("/publications/").content.decode())[0]
    # The same paper, unchanged, rendered again (its cached rendering must not hide that the figure aged).
    settings.CITATIONS_STALE_DAYS = 10
    assert re.search(
        r"\(counted 2\xa0weeks(, \d+\xa0\w+)? ago\)", citation_lines(client.get("/publications/").content.decode())[0]
    )
    assert paper.citations_age_days == 20


def test_a_member_adds_a_paper_by_doi_after_checking_the_filled_in_form(client, alice, data, monkeypatch):
    alice.name = "Steven J. Mansfield"
    alice.save()
    recorded = read_recording(data / "crossref" / "test1.json")
    recorded[0].url = "https://api.crossref.org/works/10.1021/acs.orglett.9b00971"
    monkeypatch.setattr(
        dashboard_works,
        "work_lookup",
        lambda identifier: work_lookup(identifier=identifier, transport=replaying_transport(recorded)),
    )
    client.force_login(alice.user)
    page = client.post(
        "/me/publications/add/", {"step": "lookup", "identifier": "https://doi.org/10.1021/ACS.ORGLETT.9b00971"}
    )
    assert page.status_code == 200
    form = page.context["work_form"]
    assert form.initial["title"].startswith("A General Copper-Catalyzed Synthesis of Ynamides")
    assert form.initial["authors"].splitlines()[0] == "Steven J. Mansfield"
    assert not Publication.objects.exists()  # nothing stored before the member confirms
    answer = client.post("/me/publications/add/", {"step": "save", **form.initial})
    assert answer.status_code == 302
    paper = Publication.objects.get(doi="10.1021/acs.orglett.9b00971")
    assert paper.venue_text == "Organic Letters" and paper.year == 2019
    assert list(Publication.objects.for_member(alice)) == [paper]


def test_offline_the_lookup_says_so_and_offers_the_manual_form(client, alice):
    client.force_login(alice.user)
    page = client.post("/me/publications/add/", {"step": "lookup", "identifier": "arXiv:2305.17066v2"})
    assert "could not be looked up" in page.content.decode()
    assert page.context["work_form"].initial == {"arxiv_id": "2305.17066"}
    answer = client.post(
        "/me/publications/add/",
        {"step": "save", "title": "A paper", "authors": "Alice Moreau\nWei Zhang", "kind": "misc",
         "arxiv_id": "2305.17066", "year": "2023"},
    )  # fmt: skip
    assert answer.status_code == 302
    paper = Publication.objects.get(arxiv_id="2305.17066")
    assert paper.kind == "preprint"
    assert list(paper.authorships.values_list("name", flat=True)) == ["Alice Moreau", "Wei Zhang"]


def test_a_typed_orcid_id_in_the_hidden_record_is_refused(client, alice, bob):
    bob.orcid, bob.orcid_verified = "0000-0001-6187-6610", True
    bob.save()
    client.force_login(alice.user)
    authors = [{"name": "Alice Moreau"}, {"name": "Someone Else", "orcid": "0000-0001-6187-6610"}]
    forged = json.dumps({"source": "crossref", "title": "T", "authors": authors})
    client.post(
        "/me/publications/add/",
        {"step": "save", "title": "T", "authors": "Alice Moreau\nSomeone Else", "kind": "article", "record": forged},
    )
    paper = Publication.objects.get(title="T")
    assert not paper.authorships.filter(researcher=bob).exists()
    assert not paper.authorships.exclude(orcid="").exists()


def test_a_member_accepts_and_rejects_proposed_works_and_cannot_decide_anothers(client, alice, bob):
    record = {"source": "orcid", "title": "Mine indeed", "authors": [{"name": "Alice Moreau"}], "year": 2020}
    mine = WorkProposal.objects.create(
        researcher=alice, key="title:mine indeed|2020", title="Mine indeed", title_key="mine indeed", year=2020,
        source="orcid", record=record,
    )  # fmt: skip
    other = WorkProposal.objects.create(
        researcher=alice, key="title:other|2020", title="Other", title_key="other", year=2020, source="openalex",
        record={**record, "title": "Other"},
    )  # fmt: skip
    client.force_login(bob.user)
    assert client.post(f"/me/proposals/{mine.pk}/accept/").status_code == 403
    client.force_login(alice.user)
    page = client.get("/me/publications/proposals/").content.decode()
    assert "Mine indeed" in page and "Other" in page
    client.post(f"/me/proposals/{mine.pk}/accept/")
    client.post(f"/me/proposals/{other.pk}/reject/")
    assert [paper.title for paper in Publication.objects.for_member(alice)] == ["Mine indeed"]
    other.refresh_from_db()
    assert other.state == ProposalState.REJECTED and other.decided_by == alice.user
    assert "No new works to review" in client.get("/me/publications/proposals/").content.decode()


def test_a_member_accepting_a_work_the_lab_has_under_others_names_leaves_its_figures(client, alice, lab_admin):
    paper = PublicationFactory(title="Shared Result", year=2020, citation_count=3, citation_source="OpenAlex")
    AuthorshipFactory(publication=paper, position=0, name="Zed Quux")
    record = {
        "source": "openalex",
        "title": "Shared Result",
        "year": 2020,
        "cited_by_count": 50,
        "authors": [{"name": "Zed Quux"}, {"name": "Alice Moreau"}],
    }
    proposals = [
        WorkProposal.objects.create(
            researcher=alice,
            key=f"title:shared result|2020|{number}",
            title="Shared Result",
            title_key="shared result",
            year=2020,
            source="openalex",
            record=record,
            publication=paper,
        )  # fmt: skip
        for number in range(2)
    ]
    client.force_login(alice.user)
    client.post(f"/me/proposals/{proposals[0].pk}/accept/")
    paper.refresh_from_db()
    assert paper.citation_count == 3
    client.force_login(lab_admin)
    changelist = reverse("admin:publications_workproposal_changelist")
    client.post(changelist, {"action": "accept", "_selected_action": [proposals[1].pk]})
    paper.refresh_from_db()
    assert paper.citation_count == 50


def test_the_admin_lists_each_members_failed_syncs_and_adds_papers_by_identifier(admin_client_logged_in, alice):
    from publications.models import SourceSync

    SourceSync.objects.create(
        researcher=alice, source="orcid", started_at=datetime.datetime.now(datetime.UTC), ok=False,
        error="HTTP 404: ORCID iD not found",
    )  # fmt: skip
    listing = admin_client_logged_in.get("/admin/publications/sourcesync/").content.decode()
    assert "HTTP 404: ORCID iD not found" in listing and "Alice Moreau" in listing
    page = admin_client_logged_in.get("/admin/publications/workproposal/add-by-identifier/?manual=1")
    assert page.status_code == 200 and "work_form" in page.context
    admin_client_logged_in.post(
        "/admin/publications/workproposal/add-by-identifier/",
        {"step": "save", "member": alice.pk, "title": "Admin added", "authors": "Alice Moreau", "kind": "article"},
    )
    assert [paper.title for paper in Publication.objects.for_member(alice)] == ["Admin added"]


def test_the_member_page_shows_their_metrics_with_source_date_and_a_chart(client, alice, data):
    from publications.models import MemberMetrics

    MemberMetrics.objects.create(
        researcher=alice, source="OpenAlex", url="https://openalex.org/A5068835581", cited_by_count=793, h_index=14,
        i10_index=18, counts_by_year={"2022": 120, "2024": 150}, fetched_on=datetime.date(2026, 12, 1),
    )  # fmt: skip
    page = client.get(f"/people/{alice.slug}/").content.decode()
    line = re.search(r'<p class="member-metrics-line">(.*?)</p>', page).group(1)
    assert re.sub(r"<[^>]+>", "", line) == "Cited by 793 · h-index 14 · i10-index 18 · OpenAlex, 2026-12-01"
    chart = re.search(r"<svg class=\"citations-chart\".*?</svg>", page, re.S).group(0)
    assert 'aria-label="Citations per year: 2022: 120, 2023: 0, 2024: 150"' in chart
    assert chart.count("<rect") == 3 and "<script" not in chart


def test_the_cv_shows_the_members_metrics(client, alice):
    from publications.models import MemberMetrics

    MemberMetrics.objects.create(
        researcher=alice, source="OpenAlex", cited_by_count=12, h_index=2, fetched_on=datetime.date(2026, 12, 1)
    )
    page = client.get(f"/people/{alice.slug}/cv/").content.decode()
    assert "Cited by 12 · h-index 2 · OpenAlex, " in re.sub(r"<[^>]+>", "", page)


def test_a_member_changing_their_orcid_id_waits_for_a_lab_admin_to_verify_it_again(client, alice):
    from tests.portal.test_dashboard import profile_data

    alice.orcid, alice.orcid_verified = "0000-0002-3651-7517", True
    alice.save()
    client.force_login(alice.user)
    client.post("/me/profile/", profile_data(alice, position="PhD candidate"))
    alice.refresh_from_db()
    assert alice.orcid_verified  # an unrelated change keeps the check
    client.post("/me/profile/", profile_data(alice, orcid="0000-0001-6187-6610"))
    alice.refresh_from_db()
    assert alice.orcid == "0000-0001-6187-6610" and not alice.orcid_verified


def test_the_add_page_offers_the_lookup_and_the_manual_form(client, alice):
    client.force_login(alice.user)
    page = client.get("/me/publications/add/")
    assert page.status_code == 200 and page.context["work_form"] is None
    assert 'name="identifier"' in page.content.decode()
    manual = client.get("/me/publications/add/?manual=1").content.decode()
    assert 'name="title"' in manual and 'name="authors"' in manual
    refused = client.post("/me/publications/add/", {"step": "lookup", "identifier": "not an id"})
    assert "neither a DOI" in refused.content.decode()


def test_the_proposals_admin_links_to_adding_a_paper_by_identifier(admin_client_logged_in):
    page = admin_client_logged_in.get("/admin/publications/workproposal/").content.decode()
    assert 'href="/admin/publications/workproposal/add-by-identifier/"' in page
