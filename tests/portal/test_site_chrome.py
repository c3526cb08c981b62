"""The site's chrome: error pages with the site around them, the favicon, the member page's top and
navigation, the home page's top, and a demo lab that does not contradict itself."""

import re

from django.template.loader import render_to_string

from news import demo as news_demo
from researchers import demo as researchers_demo
from tests.factories import CVEntryFactory, ResearcherFactory


def test_a_missing_page_is_a_404_with_the_site_header_navigation_and_search(db, client):
    response = client.get("/no/such/page/")
    page = response.content.decode()

    assert response.status_code == 404
    assert '<header class="site-header">' in page and 'aria-label="Main"' in page
    assert 'href="/publications/"' in page and 'href="/people/"' in page
    assert 'id="error-search-q"' in page and 'action="/search/"' in page
    assert '<meta name="robots" content="noindex">' in page


def test_an_unknown_member_is_a_404_page_too(db, client):
    response = client.get("/people/nobody-here/")
    assert response.status_code == 404 and "This page is not here" in response.content.decode()


def test_the_server_error_page_renders_without_the_database(db):
    page = render_to_string("500.html")
    assert "Something went wrong" in page and 'href="/people/"' in page


def test_favicon_ico_is_served_as_an_icon(db, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"
    assert 'rel="icon"' in client.get("/").content.decode()


def test_member_page_puts_email_and_cv_in_the_icon_row_and_offers_in_page_navigation(db, client):
    member = ResearcherFactory(slug="ana", emails="ana@lab.example.org", bio="About me.")
    CVEntryFactory(researcher=member, section="award", title="Best Poster")

    page = client.get("/people/ana/").content.decode()
    row = page[page.index('class="profile-links"') :]
    row = row[: row.index("</ul>")]

    assert 'data-mailto="' in row and 'aria-label="E-mail"' in row and "ana@lab.example.org" not in page
    assert 'href="/people/ana/cv/"' in row
    nav = page[page.index('aria-label="On this page"') :]
    nav = nav[: nav.index("</nav>")]
    assert re.findall(r'href="#([\w-]+)"', nav) == ["about", "cv-awards-and-honors", "contact-heading"]
    for anchor in ("about", "cv-awards-and-honors", "contact-heading"):
        assert f'id="{anchor}"' in page


def test_home_page_shows_the_lab_at_a_glance_beside_its_introduction(db, client):
    ResearcherFactory(role="pi", position="Professor")
    page = client.get("/").content.decode()
    glance = page[page.index('class="home-glance"') : page.index('class="home-grid"')]
    assert "<strong>1</strong> Principal investigator" in glance
    assert 'href="/people/"' in glance and 'href="/publications/"' in glance


def test_the_demo_lab_recruits_for_one_intake():
    texts = [str(person.get("availability", "")) for person in researchers_demo.MEMBERS]
    texts += [str(value) for value in researchers_demo.LAB.values()]
    texts += [str(item) for item in news_demo.NEWS]
    intakes = {match.lower() for text in texts for match in re.findall(r"fall \d{4}", text, re.I)}
    assert intakes == {"fall 2027"}
