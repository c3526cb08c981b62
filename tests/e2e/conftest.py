"""Browser tests: real Chromium driven by Playwright against pytest-django's live server."""

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from researchers.models import CVEntry, Link, Role, Status
from tests.factories import (
    CVEntryFactory,
    LinkFactory,
    ResearcherFactory,
    ResearchInterestFactory,
    SupervisorFactory,
    YiLiuFactory,
    image_upload,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def playwright():
    # Playwright's sync API runs an event loop in the main thread; without this Django
    # refuses the ORM calls that fixtures and assertions make around it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="package")
def browser(playwright):
    """Debian's Chromium, never a downloaded one."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def server(live_server, transactional_db):
    """The live server's base URL; it serves uploads from this test's MEDIA_ROOT itself."""
    return live_server.url


@pytest.fixture
def context_factory(browser):
    """New browser contexts (a fresh profile each), closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        context.set_default_timeout(5000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = [360, 1280]
THEMES = ["light", "dark"]
HORIZONTAL_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
BODY_BACKGROUND = "getComputedStyle(document.body).backgroundColor"
BROKEN_IMAGES = "images => images.filter(image => !image.complete || image.naturalWidth === 0).length"


@pytest.fixture
def screenshots(context_factory):
    """shoot(url, name, prepare=None): full-page screenshots at phone and desktop width, light and dark,
    saved as var/screenshots/<name>-<width>-<theme>.png; asserts the page never scrolls sideways and
    shows no broken image. Returns the body background per (width, theme)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(url, name, prepare=None, widths=WIDTHS, status=None):
        backgrounds = {}
        for theme in THEMES:
            page = context_factory(color_scheme=theme).new_page()
            for width in widths:
                page.set_viewport_size({"width": width, "height": 800})
                response = page.goto(url)
                if status is not None:
                    assert response.status == status, f"{name}: {response.status}"
                if prepare:
                    prepare(page)
                page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{theme}.png", full_page=True)
                overflow = page.evaluate(HORIZONTAL_OVERFLOW)
                assert overflow <= 0, f"{name} at {width}px in {theme} is {overflow}px wider than the window"
                assert page.locator("img:not([src$='.svg'])").evaluate_all(BROKEN_IMAGES) == 0, f"{name}: broken image"
                backgrounds[width, theme] = page.evaluate(BODY_BACKGROUND)
        return backgrounds

    return shoot


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()


# The PhD student's CV: an entry in each section, dated every way the CV page shows.
STUDENT_CV = [
    {
        "section": CVEntry.Section.EDUCATION,
        "title": "PhD in Computer Science",
        "organisation": "Example University",
        "place": "Example City",
        "date_text": "",
        "start_date": datetime.date(2021, 9, 1),
        "description": "Thesis: *Certifiably robust learning under distribution shift*.\n\n"
        "- Advisor: Margaret Hamilton",
    },
    {
        "section": CVEntry.Section.EDUCATION,
        "title": "BSc in Mathematics",
        "organisation": "Peking University",
        "date_text": "2017 – 2021",
    },
    {
        "section": CVEntry.Section.EXPERIENCE,
        "title": "Research intern",
        "organisation": "Example Research Labs",
        "place": "Zürich",
        "date_text": "",
        "start_date": datetime.date(2023, 6, 1),
        "end_date": datetime.date(2023, 9, 1),
        "description": "Worked on **randomised smoothing** with `PyTorch`; mentors: Jane Doe and John Roe.",
    },
    {
        "section": CVEntry.Section.AWARD,
        "title": "Outstanding Reviewer Award",
        "organisation": "NeurIPS",
        "date_text": "2024",
        "url": "https://neurips.cc/",
    },
    {
        "section": CVEntry.Section.TALK,
        "title": "Certified robustness in practice",
        "organisation": "ML Reading Group",
        "date_text": "March 2025",
    },
]


@pytest.fixture
def lab(server):
    """A small lab: its PI, a PhD student supervised by the PI and by someone outside, and an alumnus."""
    pi = ResearcherFactory(
        name="Margaret Hamilton",
        role=Role.PI,
        position="Professor of Computer Science",
        focus="Reliable software for systems that must not fail",
        photo=image_upload(size=(320, 240)),
        bio="Margaret leads the lab. She works on **software reliability** and formal methods.",
        emails="margaret@lab.example.org",
        address="Room 4.12, Computer Science Building\n1 University Avenue, Example City",
        orcid="0000-0002-1825-0097",
        joined_on=datetime.date(2012, 9, 1),
    )
    LinkFactory(researcher=pi, kind=Link.Kind.SCHOLAR, url="https://scholar.google.com/citations?user=example")
    LinkFactory(researcher=pi, kind=Link.Kind.WEBSITE, url="https://margaret.example.org/")

    student = YiLiuFactory(
        bio="Yi studies how neural networks fail under *distribution shift*, and how to certify that they do not.",
        availability="I am looking for **research interns** for summer 2026: [write to me](#contact-heading).",
        joined_on=datetime.date(2021, 9, 1),
    )
    LinkFactory(researcher=student, kind=Link.Kind.GITHUB, url="https://github.com/yi-liu-example")
    LinkFactory(researcher=student, kind=Link.Kind.SCHOLAR, url="https://scholar.google.com/citations?user=yiliu")
    LinkFactory(researcher=student, kind=Link.Kind.DBLP, url="https://dblp.org/pid/00/0000.html")
    LinkFactory(researcher=student, kind=Link.Kind.BLUESKY, url="https://bsky.app/profile/yiliu.example.org")
    ResearchInterestFactory(
        researcher=student, title="Certified robustness", description="Provable guarantees for *deep* networks."
    )
    ResearchInterestFactory(researcher=student, title="Distribution shift")
    SupervisorFactory(researcher=student, member=pi, name="")
    SupervisorFactory(
        researcher=student, name="Prof. Ada Byron", url="https://ada.example.org/", note="co-advisor", order=1
    )
    for entry in STUDENT_CV:
        CVEntryFactory(researcher=student, **entry)

    alumnus = ResearcherFactory(
        name="Carlos Mendes",
        role=Role.POSTDOC,
        status=Status.ALUMNI,
        position="Postdoc",
        joined_on=datetime.date(2018, 1, 1),
        left_on=datetime.date(2022, 6, 30),
        destination="Research Scientist, Example AI",
    )
    return {"pi": pi, "student": student, "alumnus": alumnus}
