"""The CV page and its PDF, copying a citation, and the 404 page, in real Chromium; screenshots at
390 and 1280 px in light and dark."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import AuthorshipFactory, PublicationFactory, VenueFactory, image_upload

PHONE_AND_DESKTOP = [390, 1280]


@pytest.fixture
def paper(lab):
    """A journal paper by the lab's PhD student and PI, with a preview image and an abstract."""
    venue = VenueFactory(name="Journal of Machine Learning Research", short_name="JMLR", kind="journal")
    paper = PublicationFactory(
        title="Certified robustness under distribution shift",
        kind="article",
        venue=venue,
        year=2024,
        volume="25",
        pages="1--40",
        doi="10.5555/jmlr.2024.1",
        abstract="We certify robustness of classifiers whose test distribution drifts from training.",
        preview=image_upload("teaser.png", size=(1200, 600), color=(200, 120, 30)),
        preview_alt="A certified radius shrinking as the shift grows",
        extra={"altmetric": "true"},
    )
    AuthorshipFactory(publication=paper, position=1, researcher=lab["student"], confirmed=True, selected=True)
    AuthorshipFactory(publication=paper, position=2, researcher=lab["pi"], confirmed=True)
    return paper


def test_cv_page_lists_entries_newest_first_and_its_pdf_downloads_with_the_members_name(paper, server, page):
    page.goto(server + "/people/yi-liu/cv/")

    expect(page.locator("h1")).to_contain_text("Yi Liu")
    education = page.locator("section.cv-section", has=page.get_by_role("heading", name="Education"))
    expect(education.locator(".cv-date")).to_have_text(["Sep 2021 – present", "2017 – 2021"])
    expect(page.locator(".cv-date", has_text="Mar 2025")).to_be_visible()
    publications = page.locator("section.cv-publications")
    expect(publications.locator(".cv-paper")).to_have_count(1)
    expect(publications.locator("strong", has_text="Yi Liu")).to_be_visible()
    page.get_by_role("navigation", name="On this CV").get_by_role("link", name="Publications").click()
    expect(page).to_have_url(server + "/people/yi-liu/cv/#cv-publications")

    with page.expect_download(timeout=30_000) as download_info:  # WeasyPrint takes a few seconds on a busy machine
        page.get_by_role("link", name="Download this CV as PDF").click()
    download = download_info.value
    assert download.suggested_filename == "yi-liu-cv.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(sheet.extract_text().split()) for sheet in reader.pages)
    assert 1 <= len(reader.pages) <= 3
    assert "Yi Liu" in text and "PhD in Computer Science" in text
    assert "Certified robustness under distribution shift" in text


def test_a_citation_is_copied_to_the_clipboard(paper, server, context_factory):
    context = context_factory(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + paper.get_absolute_url())

    apa = page.locator("#cite-apa")
    expect(apa).to_contain_text("Liu, Y., & Hamilton, M. (2024). Certified robustness under distribution shift.")
    page.get_by_role("button", name="Copy the APA citation").click()
    expect(page.get_by_role("button", name="Copy the APA citation")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == apa.text_content().strip()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_have_count(1)

    page.get_by_role("button", name="Copy the BibTeX entry").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@article{")

    # In a list, the paper's Cite panel loads its citations as it opens, and copies the same way.
    page.goto(server + "/publications/")
    entry = page.locator(f"#paper-{paper.pk}")
    entry.locator("summary", has_text="Cite").click()
    entry.get_by_role("button", name="Copy the IEEE citation").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Y. Liu and M. Hamilton, “Certified robustness")


def test_copy_buttons_are_hidden_without_javascript_and_the_citations_still_show(paper, server, context_factory):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(server + paper.get_absolute_url())
    expect(page.locator("#cite-chicago")).to_contain_text("Liu, Yi, and Margaret Hamilton. 2024.")
    expect(page.locator("button.copy-button").first).to_be_hidden()


def test_the_404_page_has_the_site_around_it_and_a_search_that_works(lab, server, page):
    response = page.goto(server + "/people/no-such-person/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not here")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Publications")).to_be_visible()
    page.get_by_label("Search people, publications and news").fill("Hamilton")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page).to_have_url(server + "/search/?q=Hamilton")
    expect(page.get_by_role("link", name="Margaret Hamilton").first).to_be_visible()


def test_favicon_loads(lab, server, page):
    response = page.goto(server + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] == "image/x-icon"


def open_a_cite_panel(page):
    panels = page.locator("details.paper-cite > summary")
    if panels.count():
        panels.first.click()


@pytest.mark.parametrize("name", ["cv", "paper", "404", "publications", "home"])
def test_cv_paper_and_404_pages_fit_phone_and_desktop_in_light_and_dark(name, paper, server, screenshots):
    urls = {
        "cv": "/people/yi-liu/cv/",
        "paper": paper.get_absolute_url(),
        "404": "/people/no-such-person/",
        "publications": "/publications/",
        "home": "/",
    }
    backgrounds = screenshots(
        server + urls[name],
        f"visitor-{name}",
        prepare=open_a_cite_panel,
        widths=PHONE_AND_DESKTOP,
        status=404 if name == "404" else 200,
    )
    for width in PHONE_AND_DESKTOP:
        assert backgrounds[width, "light"] != backgrounds[width, "dark"]


def test_member_page_at_phone_width_has_email_and_cv_near_the_top(paper, server, context_factory, screenshots):
    page = context_factory(viewport={"width": 390, "height": 800}).new_page()
    page.goto(server + "/people/yi-liu/")
    email = page.get_by_role("list", name="Contact and profiles").get_by_role("link", name="E-mail")
    expect(email).to_have_attribute("href", "mailto:yi.liu@lab.example.org")
    cv = page.get_by_role("list", name="Contact and profiles").get_by_role("link", name="CV")
    assert email.bounding_box()["y"] < 800 and cv.bounding_box()["y"] < 800
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    screenshots(server + "/people/yi-liu/", "visitor-member", widths=PHONE_AND_DESKTOP)
