"""The CV: one date style to the precision entered, sections in reading order and newest first,
the member's publications as they chose, and the same CV as a PDF."""

import datetime
import io
import sys

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from portal.dashboard.forms import CVEntryForm
from researchers.models import CVEntry, CVPublications
from tests.factories import AuthorshipFactory, CVEntryFactory, PublicationFactory, ResearcherFactory

date = datetime.date


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "section", "shown"),
    [
        (date(2016, 9, 1), "month", date(2022, 6, 1), "month", "education", "Sep 2016 – Jun 2022"),
        (date(2021, 1, 1), "year", None, "month", "education", "2021 – present"),
        (date(2019, 1, 1), "year", date(2024, 1, 1), "year", "experience", "2019 – 2024"),
        (date(2024, 7, 12), "day", None, "month", "award", "12 Jul 2024"),
        (date(2023, 3, 1), "month", date(2023, 3, 1), "month", "talk", "Mar 2023"),
    ],
)
def test_cv_dates_show_in_one_style_to_the_precision_entered(
    start, start_precision, end, end_precision, section, shown
):
    entry = CVEntry(
        section=section, start_date=start, start_precision=start_precision, end_date=end, end_precision=end_precision
    )
    assert entry.dates == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("July 2024", "Jul 2024"),
        ("2021–present", "2021 – present"),
        ("2020-2023", "2020 – 2023"),
        ("2022, 2023", "2022, 2023"),
    ],
)
def test_free_date_text_is_shown_in_the_same_style(typed, shown):
    assert CVEntry(section="award", date_text=typed).dates == shown


def test_an_entry_ending_before_it_starts_is_refused_but_the_same_year_at_coarser_precision_is_not(db):
    member = ResearcherFactory()
    backwards = CVEntry(
        researcher=member, section="experience", title="Intern", start_date=date(2026, 9, 1), end_date=date(2025, 1, 1)
    )
    with pytest.raises(ValidationError, match="end cannot come before the start"):
        backwards.full_clean()

    same_year = CVEntry(
        researcher=member,
        section="experience",
        title="Intern",
        start_date=date(2016, 9, 1),
        start_precision="month",
        end_date=date(2016, 1, 1),
        end_precision="year",
    )
    same_year.full_clean()


def test_the_dashboard_form_takes_a_year_or_a_month_and_refuses_an_end_before_the_start(db):
    member = ResearcherFactory()
    form = CVEntryForm(
        {"section": "education", "title": "PhD", "start_date": "Sep 2016", "end_date": "2022"},
        instance=CVEntry(researcher=member),
    )
    assert form.is_valid(), form.errors
    entry = form.save()
    assert (entry.start_date, entry.start_precision) == (date(2016, 9, 1), "month")
    assert (entry.end_date, entry.end_precision) == (date(2022, 1, 1), "year")
    assert entry.dates == "Sep 2016 – 2022"
    # Editing shows the dates as they were typed, not as full dates.
    assert CVEntryForm(instance=entry).initial["start_date"] == "Sep 2016"

    backwards = CVEntryForm(
        {"section": "experience", "title": "Intern", "start_date": "Sep 2026", "end_date": "Jan 2025"},
        instance=CVEntry(researcher=member),
    )
    assert not backwards.is_valid()
    assert "The end cannot come before the start." in backwards.errors["end_date"]

    unreadable = CVEntryForm(
        {"section": "award", "title": "Prize", "start_date": "soon"}, instance=CVEntry(researcher=member)
    )
    assert not unreadable.is_valid() and "Enter a year" in unreadable.errors["start_date"][0]


def test_cv_lists_sections_in_reading_order_each_newest_first(db, client):
    member = ResearcherFactory(slug="ana")
    for title, printed in [("Award 2021", "May 2021"), ("Award 2019", "Nov 2019"), ("Award 2020", "Jun 2020")]:
        CVEntryFactory(researcher=member, section="award", title=title, date_text=printed)
    CVEntryFactory(researcher=member, section="education", title="BSc", date_text="", start_date=date(2012, 9, 1))
    CVEntryFactory(researcher=member, section="service", title="Reviewer", date_text="2022, 2023, 2024")

    page = client.get("/people/ana/cv/").content.decode()

    headings = ["Education", "Awards and honors", "Service"]
    assert [page.index(f">{heading}</h2>") for heading in headings] == sorted(
        page.index(f">{heading}</h2>") for heading in headings
    )
    awards = ["Award 2021", "Award 2020", "Award 2019"]
    assert [page.index(title) for title in awards] == sorted(page.index(title) for title in awards)
    assert ">May 2021<" in page and ">Nov 2019<" in page


def authored(member, title, year, selected=False, selected_order=0):
    paper = PublicationFactory(title=title, year=year)
    AuthorshipFactory(
        publication=paper,
        position=1,
        researcher=member,
        confirmed=True,
        selected=selected,
        selected_order=selected_order,
    )
    return paper


@pytest.mark.parametrize(
    ("choice", "listed"),
    [
        (CVPublications.ALL, ["Newest paper", "Selected older paper", "Oldest paper"]),
        (CVPublications.SELECTED_FIRST, ["Selected older paper", "Newest paper", "Oldest paper"]),
        (CVPublications.SELECTED, ["Selected older paper"]),
    ],
)
def test_cv_lists_the_members_publications_as_they_chose(db, client, choice, listed):
    member = ResearcherFactory(slug="ana", name="Ana Garcia", cv_publications=choice)
    authored(member, "Newest paper", 2024)
    authored(member, "Selected older paper", 2021, selected=True)
    authored(member, "Oldest paper", 2019)
    PublicationFactory(title="Someone else's paper", authors=["Ana Garcia"])  # same name, never linked

    page = client.get("/people/ana/cv/").content.decode()
    section = page[page.index('id="cv-publications"') :]

    shown = [title for title in ["Newest paper", "Selected older paper", "Oldest paper"] if title in section]
    assert sorted(shown, key=section.index) == listed
    assert "Someone else&#x27;s paper" not in page
    assert "<strong>Ana Garcia</strong>" in section


@pytest.mark.parametrize("size", [2, 40])
def test_cv_page_with_publications_makes_the_same_few_queries_however_long(
    db, client, django_assert_max_num_queries, size
):
    member = ResearcherFactory(slug="ana")
    for number in range(size):
        CVEntryFactory(researcher=member, section="talk")
        authored(member, f"Paper {number}", 2000 + number, selected=number % 2 == 0)
    # The member, their links, interests and entries, the lab, their citation figures, the papers and their authors.
    with django_assert_max_num_queries(8):
        response = client.get("/people/ana/cv/")
    assert response.content.decode().count('class="cv-paper"') == size


def test_cv_offers_its_pdf_and_the_uploaded_cv_beside_it(db, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    member = ResearcherFactory(slug="ana", name="Ana Garcia")
    page = client.get("/people/ana/cv/").content.decode()
    assert 'href="/people/ana/cv.pdf"' in page and "uploaded by" not in page

    member.cv_file = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    member.save()
    page = client.get("/people/ana/cv/").content.decode()
    assert 'href="/people/ana/cv.pdf"' in page and f'href="{member.cv_file.url}"' in page


def test_cv_pdf_is_a_real_pdf_with_the_members_name_entries_and_papers(db, client):
    member = ResearcherFactory(slug="ana", name="Ana Garcia", position="PhD student")
    CVEntryFactory(
        researcher=member, section="education", title="PhD in Robotics", date_text="", start_date=date(2021, 9, 1)
    )
    authored(member, "Sparse graphs for fast training", 2024)

    response = client.get("/people/ana/cv.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) >= 1
    assert "Ana Garcia" in text and "PhD in Robotics" in text and "Sparse graphs for fast training" in text
    assert "Sep 2021 – present" in text
    assert "Download this CV" not in text  # the page's own buttons are not part of the document


def test_without_pango_the_pdf_address_says_why_and_points_to_the_page(db, client, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if WeasyPrint, or the Pango it loads, were missing
    ResearcherFactory(slug="ana", name="Ana Garcia")

    response = client.get("/people/ana/cv.pdf")

    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "This server cannot typeset the PDF" in page and 'href="/people/ana/cv/"' in page


def test_cv_of_a_hidden_member_is_not_found_as_page_or_pdf(db, client):
    ResearcherFactory(slug="ghost", visibility="hidden")
    assert client.get("/people/ghost/cv/").status_code == 404
    assert client.get("/people/ghost/cv.pdf").status_code == 404


@pytest.mark.parametrize(
    ("printed", "precisions"),
    [
        ("2019 - 2022", ("year", "year")),
        ("Sep 2019 – present", ("month", "month")),
        ("2019.06 - 2022.04", ("month", "month")),
    ],
)
def test_imported_date_ranges_keep_the_precision_they_were_printed_with(printed, precisions):
    from portal.importers.homepage.inline import range_precisions

    assert range_precisions(printed) == precisions
