"""Bulk import and export of venues and publications with ordered authors."""

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publications.models import Authorship, LinkMethod, LinkState, Publication, Venue
from publications.resources import PublicationResource, VenueResource
from publications.services import authorship_reject
from researchers.common.spreadsheets import CSV, XLSX
from tests.factories import AuthorshipFactory, PublicationFactory, UserFactory, VenueFactory
from tests.security.active_content import active_content
from tests.spreadsheets import each_format, export, load, records

IMPORT_URL = reverse("admin:publications_publication_import")
EXPORT_URL = reverse("admin:publications_publication_export")
PROCESS_URL = reverse("admin:publications_publication_process_import")


def publication_state():
    """Each paper's fields and its authors in order, without database ids."""
    fields = [name for name in PublicationResource._meta.fields if name not in {"venue", "authors"}]
    return sorted(
        (
            tuple(str(getattr(paper, name)) for name in fields),
            paper.venue.name if paper.venue else None,
            paper.authors_text,
            tuple(
                (
                    author.position,
                    author.name,
                    author.family,
                    author.given,
                    author.equal_contribution,
                    author.corresponding,
                )
                for author in paper.authorships.order_by("position")
            ),  # fmt: skip
        )
        for paper in Publication.objects.select_related("venue")
    )


def links():
    return sorted(
        (author.publication.title, author.position, author.researcher_id, author.link_state, author.decided_by_id)
        for author in Authorship.objects.select_related("publication")
    )


@pytest.fixture
def papers(alice, bob, lab_admin):
    venue = VenueFactory(name="Advances in Neural Information Processing Systems", short_name="NeurIPS")
    first = PublicationFactory(
        complete=True,
        title="Robust learning under shift",
        venue=venue,
        venue_text="NeurIPS 2024",
        note="=Oral",
        abstract="We study *robustness*.\n\nTwo paragraphs.",
        code_repository="alice/robust",
        featured=True,
        bibtex="@inproceedings{moreau2024,\n  title = {Robust learning under shift},\n}",
        bibtex_key="moreau2024",
        extra={"abbr": "NeurIPS", "selected": True},
    )
    for position, (name, family, given, equal) in enumerate(
        [
            ("Alice Moreau", "Moreau", "Alice", True),
            ("Lucas Ferreira Duarte", "Ferreira Duarte", "Lucas", True),
            ("B. Okafor", "Okafor", "B.", False),
        ],
        start=1,
    ):
        AuthorshipFactory(
            publication=first, position=position, name=name, family=family, given=given, equal_contribution=equal
        )
    first.authorships.filter(position=1).update(researcher=alice, link_state=LinkState.CONFIRMED)
    suggestion = first.authorships.get(position=3)
    suggestion.researcher, suggestion.link_state = bob, LinkState.SUGGESTED
    suggestion.save()
    authorship_reject(authorship=suggestion, by=lab_admin)  # a decision the round trip must keep
    first.update_authors_text()
    second = PublicationFactory(title="A survey without identifiers", venue=None, year=None, kind="misc")
    AuthorshipFactory(publication=second, position=1, name="Sam Stranger", family="Stranger", given="Sam")
    second.authorships.update(corresponding=True)
    second.update_authors_text()
    return first, second


@each_format
def test_publications_export_and_reimport_to_the_same_records(db, papers, file_format):
    before, decided = publication_state(), links()
    ids = set(Authorship.objects.values_list("pk", flat=True))
    data = export(PublicationResource(), file_format)

    again = load(PublicationResource(), file_format, data)
    assert not again.has_errors() and not again.has_validation_errors()
    assert {row.import_type for row in again.rows} == {"skip"}
    assert publication_state() == before and links() == decided
    assert set(Authorship.objects.values_list("pk", flat=True)) == ids

    Publication.objects.all().delete()
    Venue.objects.all().delete()
    fresh = load(PublicationResource(), file_format, data)
    assert {row.import_type for row in fresh.rows} == {"new"}
    assert publication_state() == before
    assert Venue.objects.get().name == "Advances in Neural Information Processing Systems"
    assert records(file_format, export(PublicationResource(), file_format)) == records(file_format, data)


@each_format
def test_venues_export_and_reimport_to_the_same_records(db, file_format):
    VenueFactory(name="Transactions on Examples", short_name="TEX", kind="journal")
    VenueFactory(name="=Workshop on Formulas", short_name="", kind="workshop")
    before = sorted(Venue.objects.values_list("name", "short_name", "kind"))
    data = export(VenueResource(), file_format)
    assert {row.import_type for row in load(VenueResource(), file_format, data).rows} == {"skip"}
    Venue.objects.all().delete()
    assert {row.import_type for row in load(VenueResource(), file_format, data).rows} == {"new"}
    assert sorted(Venue.objects.values_list("name", "short_name", "kind")) == before


def test_imported_authors_are_written_in_order_and_linked_like_the_bibtex_import(db, alice, bob):
    rows = tablib.Dataset(headers=["title", "year", "venue", "kind", "authors"])
    rows.append(["A new paper", 2025, "ICML", "Conference paper", "Alice Moreau*; Okafor, B.; Sam Stranger#"])

    result = load(PublicationResource(), CSV, CSV().export_data(rows))

    assert not result.has_validation_errors() and not result.has_errors()
    paper = Publication.objects.get()
    authors = list(paper.authorships.order_by("position"))
    assert [(author.position, author.name) for author in authors] == [
        (1, "Alice Moreau"), (2, "B. Okafor"), (3, "Sam Stranger")
    ]  # fmt: skip
    assert [(author.equal_contribution, author.corresponding) for author in authors] == [
        (True, False), (False, False), (False, True)
    ]  # fmt: skip
    # The registered name links; a name that only looks like Bob's is a suggestion, never a silent link.
    assert (authors[0].researcher, authors[0].link_state, authors[0].link_method) == (
        alice, LinkState.CONFIRMED, LinkMethod.NAME
    )  # fmt: skip
    assert (authors[1].researcher, authors[1].link_state) == (bob, LinkState.SUGGESTED)
    assert (authors[2].researcher, authors[2].link_state) == (None, LinkState.UNLINKED)
    assert paper.authors_text == "Alice Moreau, B. Okafor, Sam Stranger"
    assert (paper.kind, paper.venue.name, paper.venue.kind) == ("inproceedings", "ICML", "conference")


def test_changing_the_author_list_keeps_the_decisions_of_authors_who_stay(db, papers, lab_admin):
    first, _ = papers
    data = tablib.Dataset(headers=["title", "year", "doi", "authors"])
    data.append([first.title, 2024, first.doi, "Ana New; Alice Moreau*; B. Okafor"])

    result = load(PublicationResource(), CSV, CSV().export_data(data))

    assert [row.import_type for row in result.rows] == ["update"]
    authors = list(first.authorships.order_by("position"))
    assert [author.name for author in authors] == ["Ana New", "Alice Moreau", "B. Okafor"]
    assert authors[1].link_state == LinkState.CONFIRMED
    assert (authors[2].link_state, authors[2].decided_by) == (LinkState.REJECTED, lab_admin)
    assert authors[1].equal_contribution is True


@pytest.mark.parametrize(
    ("column", "value"),
    [("doi", "not-a-doi"), ("pdf_url", "javascript:alert(1)"), ("year", "twenty"), ("featured", "maybe")],
)
def test_one_invalid_paper_among_valid_ones_writes_nothing_and_names_row_and_field(db, alice, column, value):
    rows = tablib.Dataset(headers=["title", "venue", "authors", column])
    rows.append(["Valid one", "New Venue", "Alice Moreau", ""])
    rows.append(["Broken one", "Another New Venue", "Alice Moreau", value])
    rows.append(["Valid two", "", "Alice Moreau", ""])

    result = load(PublicationResource(), CSV, CSV().export_data(rows))

    [invalid] = result.invalid_rows
    assert invalid.number == 2 and column in invalid.field_specific_errors
    assert (Publication.objects.count(), Authorship.objects.count(), Venue.objects.count()) == (0, 0, 0)


def test_formula_cells_in_exported_publications_are_escaped(db):
    PublicationFactory(title="@risk: =cmd|' /C calc'!A0", note="+1", venue=None, authors=["-Dash Author"])
    csv_text = export(PublicationResource(), CSV)
    assert "'@risk" in csv_text and "'+1" in csv_text and "'-Dash Author" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(export(PublicationResource(), XLSX))).active
    title = sheet.cell(row=2, column=1)
    assert (title.value, title.data_type, title.quotePrefix) == ("@risk: =cmd|' /C calc'!A0", "s", True)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_admin_import_previews_publications_without_writing(admin_client_logged_in, alice):
    rows = tablib.Dataset(headers=["title", "year", "authors"])
    rows.append(["Previewed paper", 2025, "Alice Moreau; Sam Stranger"])
    upload = SimpleUploadedFile("papers.xlsx", XLSX().export_data(rows))

    response = admin_client_logged_in.post(IMPORT_URL, {"import_file": upload, "format": "1", "resource": "0"})

    page = response.content.decode()
    assert response.status_code == 200 and 'class="new"' in page and "Confirm import" in page
    assert "Previewed paper" in page and "Alice Moreau; Sam Stranger" in page
    assert not Publication.objects.exists() and not Authorship.objects.exists()

    admin_client_logged_in.post(PROCESS_URL, {**response.context["confirm_form"].initial, "resource": "0"})
    assert Publication.objects.get().authorships.count() == 2


def test_admin_changelist_offers_bibtex_and_spreadsheet_import(admin_client_logged_in):
    page = admin_client_logged_in.get(reverse("admin:publications_publication_changelist")).content.decode()
    assert reverse("admin:publications_publication_import_bibtex") in page
    assert IMPORT_URL in page and EXPORT_URL in page


def test_staff_without_publication_permissions_cannot_import_or_export(db, client):
    client.force_login(UserFactory(is_staff=True, permissions=["view_researcher"]))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_active_content_in_an_imported_abstract_or_title_renders_inert(db, client):
    rows = tablib.Dataset(headers=["title", "abstract", "pdf_url", "authors"])
    rows.append(['<script>alert(1)</script>"><img src=x onerror=alert(1)>', "<svg onload=alert(1)>", "", "<b>X</b>"])
    assert not load(PublicationResource(), CSV, CSV().export_data(rows)).has_validation_errors()
    paper = Publication.objects.get()
    for url in (paper.get_absolute_url(), reverse("publications:list")):
        page = client.get(url)
        assert page.status_code == 200 and active_content(page.content.decode()) == []
