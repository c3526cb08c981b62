"""axe-core in real Chromium: no serious or critical accessibility violation on the main pages of the demo lab."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

PAGES = [
    "/",
    "/people/",
    "/people/elena-marchetti/",
    "/people/yutong-chen/",
    "/people/elena-marchetti/cv/",
    "/people/elena-marchetti/publications/",
    "/publications/",
    "/news/",
    "/blog/",
    "/search/?q=robot",
    "/no-such-page/",
]


@pytest.fixture
def demo_lab(server):
    call_command("seed_demo", stdout=io.StringIO())
    return server


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(("width", "theme"), [(1280, "light"), (1280, "dark"), (360, "light")])
def test_main_pages_have_no_serious_accessibility_violations(demo_lab, context_factory, axe, width, theme):
    page = context_factory(viewport={"width": width, "height": 800}, color_scheme=theme).new_page()
    problems = {}
    for path in [*PAGES, demo_paper_path()]:
        page.goto(demo_lab + path)
        # The citations and BibTeX of the first paper in a list are checked open, as a visitor opens them.
        cite = page.locator("details.paper-cite > summary")
        if cite.count():
            cite.first.click()
        violations = axe.run(page).response["violations"]
        serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
        if serious:
            problems[path] = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in serious]
    assert not problems, problems


def demo_paper_path():
    from publications.models import Publication

    return Publication.objects.order_by("pk").first().get_absolute_url()


def test_axe_really_reports_violations(page, axe):
    page.set_content('<html><body><img src="x.png"><input type="text"><a href="/x"></a></body></html>')
    rules = {violation["id"] for violation in axe.run(page).response["violations"]}
    assert {"image-alt", "label", "link-name"} <= rules
