import pytest
from django.urls import reverse

from tests.factories import (
    AuthorshipFactory,
    LabFactory,
    NewsItemFactory,
    PublicationFactory,
    ResearcherFactory,
    ResearchThemeFactory,
    image_upload,
)


def test_home_shows_the_lab_as_its_admins_wrote_it(db, client):
    LabFactory(
        name="Robot Learning Lab",
        tagline="Robots that learn",
        intro="We build **robots**.",
        recruiting="We are hiring *PhD students*.",
        logo=image_upload("logo.png", size=(300, 300), mode="RGBA", color=(0, 0, 0, 0)),
    )
    page = client.get("/").content.decode()
    assert "<h1>Robot Learning Lab</h1>" in page and "Robots that learn" in page
    assert "We build <strong>robots</strong>." in page
    assert "We are hiring <em>PhD students</em>." in page
    assert 'alt="Robot Learning Lab logo"' in page
    assert "<title>Robot Learning Lab</title>" in page


def test_without_a_lab_record_the_home_uses_the_configured_name(db, client, settings):
    settings.LAB_NAME = "Configured Lab"
    assert "<h1>Configured Lab</h1>" in client.get("/").content.decode()


def test_the_lab_record_is_a_singleton_the_admin_edits_in_place(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:researchers_lab_changelist"))
    assert response.status_code == 302 and response["Location"].endswith("/add/")
    LabFactory(name="One Lab")
    response = admin_client_logged_in.get(reverse("admin:researchers_lab_changelist"))
    assert response["Location"].endswith("/1/change/")
    assert admin_client_logged_in.get(reverse("admin:researchers_lab_add")).status_code == 403


def build_home(size):
    ResearcherFactory(name="Pia Principal", role="pi")
    members = ResearcherFactory.create_batch(size)
    for number in range(size):
        paper = PublicationFactory(title=f"Featured {number}", featured=True)
        for position, member in enumerate(members[:5], start=1):
            AuthorshipFactory(publication=paper, position=position, researcher=member, name=member.name)
        NewsItemFactory(body=f"News {number}")
    theme = ResearchThemeFactory(title="Lab theme", description="All of us")
    ResearchThemeFactory(title="Sub theme", parent=theme).publications.add(paper)


@pytest.mark.parametrize("size", [3, 30])
def test_home_shows_people_news_featured_work_and_themes_in_few_queries(
    db, client, django_assert_max_num_queries, size
):  # noqa: E501
    build_home(size)
    with django_assert_max_num_queries(12):
        page = client.get("/").content.decode()
    assert "Pia Principal" in page
    assert "<li><strong>1</strong> Principal investigator</li>" in page
    assert f"<li><strong>{size}</strong> PhD students</li>" in page
    assert f"News {size - 1}" in page and "Featured 0" in page or f"Featured {size - 1}" in page
    assert "Lab theme" in page and "Sub theme" in page
    assert page.count('class="news-item') == min(size, 5)


@pytest.mark.parametrize("featured", [True, False])
def test_the_author_marks_of_the_homes_papers_are_explained_once(db, client, featured):
    paper = PublicationFactory(featured=featured)
    AuthorshipFactory(publication=paper, name="Wei Zhang", equal_contribution=True)
    ResearchThemeFactory(title="Lab theme").publications.add(paper)
    page = client.get("/").content.decode()
    assert page.count('<p class="author-legend">') == 1
    research = page[page.index('id="research-heading"') :]
    assert ('class="author-legend"' in research) is not featured
