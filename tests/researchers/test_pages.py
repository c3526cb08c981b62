import datetime
from pathlib import Path

import pytest

from researchers.models import Role, Status, Visibility
from tests.factories import (
    CVEntryFactory,
    LinkFactory,
    ResearcherFactory,
    ResearchInterestFactory,
    SupervisorFactory,
)


def fill_profile(researcher, size):
    """Give a member `size` links, interests and CV entries across every section."""
    LinkFactory.create_batch(size, researcher=researcher)
    ResearchInterestFactory.create_batch(size, researcher=researcher, description="Some *markdown*.")
    sections = ["award", "education", "experience", "service", "talk", "teaching", "competition", "grant", "other"]
    for number in range(size):
        CVEntryFactory(researcher=researcher, section=sections[number % len(sections)], description="- highlight")
    SupervisorFactory(researcher=researcher, name="", member=ResearcherFactory())
    SupervisorFactory(researcher=researcher)


@pytest.mark.parametrize("size", [2, 60])
def test_member_page_makes_the_same_few_queries_however_full_the_profile(
    db, client, django_assert_max_num_queries, size
):
    member = ResearcherFactory()
    fill_profile(member, size)
    # The member page also shows selected publications and research themes (portal.pages.views.member).
    with django_assert_max_num_queries(15):
        response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="cv-entry"') == size


@pytest.mark.parametrize("size", [2, 60])
def test_cv_page_makes_the_same_few_queries_however_full_the_profile(db, client, django_assert_max_num_queries, size):
    member = ResearcherFactory()
    fill_profile(member, size)
    with django_assert_max_num_queries(7):  # six for the profile, one for its citation figures
        response = client.get(f"/people/{member.slug}/cv/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 120])
def test_directory_makes_two_queries_however_many_members(db, client, django_assert_max_num_queries, size):
    ResearcherFactory.create_batch(size)
    with django_assert_max_num_queries(2):  # the members, and the lab's record while the cache is cold
        response = client.get("/people/")
    assert response.content.decode().count('class="person-card"') == size


def test_directory_groups_members_by_role_in_reading_order_and_alumni_last(db, client):
    ResearcherFactory(name="Una Undergrad", role=Role.UNDERGRADUATE)
    ResearcherFactory(name="Pia Principal", role=Role.PI, position="Professor")
    ResearcherFactory(name="Pat Postdoc", role=Role.POSTDOC)
    ResearcherFactory(
        name="Alma Alumna",
        role=Role.PHD,
        status=Status.ALUMNI,
        joined_on=datetime.date(2018, 9, 1),
        left_on=datetime.date(2023, 6, 30),
        destination="Research Scientist, Example Robotics",
    )
    page = client.get("/people/").content.decode()
    headings = ["Principal investigators", "Postdocs", "Undergraduates", "Alumni"]
    positions = [page.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert (
        page.index("Pia Principal")
        < page.index("Pat Postdoc")
        < page.index("Una Undergrad")
        < page.index("Alma Alumna")
    )
    alumni_section = page[page.index(">Alumni</h2>") :]
    assert "2018–2023" in alumni_section and "Research Scientist, Example Robotics" in alumni_section
    assert "PhD students</h2>" not in page  # empty groups are left out


def test_hidden_members_have_no_page_and_unlisted_ones_are_not_in_the_directory(db, client):
    hidden = ResearcherFactory(name="Hidden Person", visibility=Visibility.HIDDEN)
    unlisted = ResearcherFactory(name="Unlisted Person", visibility=Visibility.UNLISTED)
    directory = client.get("/people/").content.decode()
    assert "Hidden Person" not in directory and "Unlisted Person" not in directory
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/people/{hidden.slug}/cv/").status_code == 404
    assert client.get(unlisted.get_absolute_url()).status_code == 200


def test_unknown_member_is_a_404(db, client):
    assert client.get("/people/nobody/").status_code == 404


def test_member_page_shows_links_orcid_supervisors_and_native_name(db, client):
    pi = ResearcherFactory(name="Pia Principal", slug="pia", role=Role.PI)
    member = ResearcherFactory(
        name="Wei Zhang", native_name="张伟", orcid="https://orcid.org/0000-0002-1825-0097", availability="**Hiring!**"
    )
    LinkFactory(researcher=member, kind="scholar", url="https://scholar.google.com/citations?user=abc")
    SupervisorFactory(researcher=member, member=pi, name="")
    SupervisorFactory(researcher=member, name="Prof. Outside", url="https://outside.example.org/")
    page = client.get(member.get_absolute_url()).content.decode()
    assert "张伟" in page
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in page
    assert 'href="https://scholar.google.com/citations?user=abc"' in page
    assert '<a href="/people/pia/">Pia Principal</a>' in page
    assert 'href="https://outside.example.org/" rel="nofollow noopener">Prof. Outside</a>' in page
    assert '<aside class="callout prose" aria-label="Availability"><p><strong>Hiring!</strong></p></aside>' in page


def test_cv_page_has_a_print_stylesheet_and_every_section(db, client):
    member = ResearcherFactory()
    fill_profile(member, 9)
    page = client.get(f"/people/{member.slug}/cv/").content.decode()
    for heading in (
        "Awards and honors",
        "Education",
        "Research experience",
        "Service",
        "Talks",
        "Teaching",
        "Competitions",
        "Grants",
    ):  # noqa: E501
        assert f">{heading}</h2>" in page
    stylesheet = (Path(__file__).resolve().parents[2] / "static/css/labfolio.css").read_text()
    assert "@media print" in stylesheet
