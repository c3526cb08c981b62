"""Search in real Chromium: the page at phone and desktop widths in light and dark, and the header's search box."""

import datetime

import pytest
from playwright.sync_api import expect

from news.models import Post
from tests.e2e.conftest import HORIZONTAL_OVERFLOW, SCREENSHOTS, THEMES, WIDTHS
from tests.factories import (
    AuthorshipFactory,
    NameVariantFactory,
    NewsItemFactory,
    PostFactory,
    PublicationFactory,
    VenueFactory,
)


@pytest.fixture
def findable(lab):
    """Papers, news and a post that a search for 'robust' finds, with long words that must wrap."""
    student, pi = lab["student"], lab["pi"]
    NameVariantFactory(researcher=student, name="Liu, Y.")
    venue = VenueFactory(
        name="International Conference on Learning Representations", short_name="ICLR", kind="conference"
    )
    titles = [
        "Certified Robustness under Distribution Shift via Randomised Smoothing",
        "Robust Agents & <Societies> of Mind: a Rather Long Title That Wraps Across Several Lines on a Phone",
        "Lazy Layers Make Fine-Tuned Diffusion Models More Traceable",
    ]
    for number, title in enumerate(titles):
        paper = PublicationFactory(
            title=title,
            venue=venue,
            venue_text="International Conference on Learning Representations",
            year=2025 - number,
            abstract="We study how robust classifiers behave when the test distribution drifts away from "
            "training, and certify robustness with randomised smoothing. Supercalifragilisticexpialidocious"
            "-robustness-without-spaces-in-a-very-long-word.",
        )
        AuthorshipFactory(publication=paper, position=1, researcher=student, confirmed=True)
        AuthorshipFactory(publication=paper, position=2, name="Wentian Zhang")
        AuthorshipFactory(publication=paper, position=3, researcher=pi, confirmed=True)
        paper.update_authors_text()
    NewsItemFactory(
        date=datetime.date(2025, 5, 1), body="Our paper on **robust** learning was accepted at ICLR 2025 🎉"
    )
    PostFactory(
        title="What robust means to us",
        slug="what-robust-means",
        summary="Notes from the reading group on robust machine learning.",
        body="A longer text.",
        status=Post.Status.PUBLISHED,
        date=datetime.date(2025, 4, 1),
    )


def test_search_page_fits_phone_and_desktop_widths_in_light_and_dark(findable, server, screenshots):
    screenshots(
        server + "/search/?q=robust",
        "search",
        prepare=lambda page: expect(page.locator(".search-result").first).to_be_visible(),
    )  # noqa: E501


def test_header_search_sits_on_the_site_names_row_at_phone_and_desktop_widths(lab, server, context_factory):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for theme in THEMES:
        page = context_factory(color_scheme=theme).new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 640})
            page.goto(server + "/people/")
            page.locator(".site-header").screenshot(path=SCREENSHOTS / f"search-header-{width}-{theme}.png")
            name, button = page.locator(".site-name"), page.locator(".header-search-button")
            expect(button).to_be_visible()
            # Phones: the name, the search button and the theme toggle on one row, the navigation below.
            assert abs(name.bounding_box()["y"] - button.bounding_box()["y"]) < 20
            assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
        expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()


def test_the_header_box_searches_from_any_page(findable, server, page):
    page.goto(server + "/people/")
    box = page.get_by_role("searchbox", name="Search the site")
    box.fill("Hamilton")
    box.press("Enter")
    expect(page).to_have_url(f"{server}/search/?q=Hamilton")
    expect(page.get_by_role("heading", name="People 1")).to_be_visible()
    expect(page.locator("#people mark").first).to_have_text("Hamilton")
    expect(page.get_by_role("searchbox", name="People, publications, news and posts")).to_have_value("Hamilton")


def test_on_a_phone_the_search_button_opens_the_search_form(lab, server, context_factory):
    page = context_factory(viewport={"width": 360, "height": 640}).new_page()
    page.goto(server + "/people/")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{server}/search/?q=")
    expect(page.get_by_role("searchbox", name="People, publications, news and posts")).to_be_focused()


def test_results_link_to_pages_and_escape_titles(findable, server, page):
    page.goto(server + "/search/?q=robust+agents")
    title = page.locator("#publications .result-title a")
    expect(title).to_have_count(1)
    expect(title).to_contain_text("Robust Agents & <Societies> of Mind")
    expect(title.locator("mark")).to_have_text(["Robust", "Agents"])
    title.click()
    expect(page.locator("h1")).to_contain_text("Robust Agents & <Societies> of Mind")
