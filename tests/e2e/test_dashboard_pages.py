"""The member dashboard and the invitation page in real Chromium: layout, accessibility, keyboard, no JavaScript."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from portal.accounts.services import invitation_create
from publications.models import LinkState
from researchers.models import CVEntry, Link
from tests.factories import AuthorshipFactory, CVEntryFactory, LinkFactory, PublicationFactory, image_upload

PASSWORD = "correct horse battery staple"
SUGGESTED_PAPER = "Shared representations for robust perception"
FOCUS_VISIBLE = """element => {
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""
FOCUSED_FIELD = """element => ({
    tag: element.tagName.toLowerCase(),
    id: element.id,
    labelled: Boolean(element.labels && element.labels.length) || element.hasAttribute("aria-label"),
    inForm: Boolean(element.closest("form.edit-form")),
})"""


@pytest.fixture
def dashboard(server, alice, bob):
    """Alice with a photo, a few records, one paper on her page and one suggestion to decide."""
    alice.photo = image_upload(size=(200, 200))
    alice.position = "PhD student"
    alice.bio = "Alice studies *robust perception*."
    alice.save()
    CVEntryFactory(researcher=alice, section=CVEntry.Section.EDUCATION, title="MSc in Computer Science", order=0)
    CVEntryFactory(researcher=alice, section=CVEntry.Section.AWARD, title="Best Poster Award", order=1)
    LinkFactory(researcher=alice, kind=Link.Kind.GITHUB, url="https://github.com/alice-moreau")

    mine = PublicationFactory(title="Robust perception under sensor noise", year=2024)
    AuthorshipFactory(
        publication=mine, position=1, name="Alice Moreau", researcher=alice, link_state=LinkState.CONFIRMED
    )
    shared = PublicationFactory(title=SUGGESTED_PAPER, year=2025)
    AuthorshipFactory(publication=shared, position=1, name="Bob Okafor", researcher=bob, link_state=LinkState.CONFIRMED)
    AuthorshipFactory(
        publication=shared, position=2, name="A. Moreau", researcher=alice, link_state=LinkState.SUGGESTED
    )
    return alice


@pytest.fixture
def invitation_path(server):
    _, link = invitation_create(email="grace@lab.example.org", name="Grace Hopper", role="postdoc", send=False)
    return urlsplit(link).path


def sign_in(page, username="alice"):
    page.get_by_label("Email or user name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def signed_in(then=None):
    """A `prepare` for the screenshots: sign in when sent to the sign-in page, then go on."""

    def prepare(page):
        if "/accounts/login/" in page.url:
            sign_in(page)
        if then:
            then(page)

    return prepare


def see_the_overview(page):
    expect(page.locator("h1")).to_have_text("Hello, Alice Moreau")
    expect(page.get_by_role("link", name="1 paper may be yours")).to_be_visible()


def submit_a_bad_orcid(page):
    page.get_by_label("ORCID").fill("1234-5678")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".form-error")).to_be_visible()
    expect(page.get_by_label("ORCID")).to_have_value("1234-5678")
    expect(page.get_by_label("ORCID")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".errorlist").first).to_be_visible()


def see_the_suggestion(page):
    expect(page.locator("#suggestions")).to_contain_text(SUGGESTED_PAPER)
    expect(page.locator("#suggestions").get_by_role("button", name="It's me")).to_be_visible()


def see_the_welcome(page):
    expect(page.locator("h1")).to_have_text("Welcome, Grace Hopper")


PAGES = {
    "me-overview": ("/me/", signed_in(see_the_overview)),
    "me-profile-error": ("/me/profile/", signed_in(submit_a_bad_orcid)),
    "me-publications": ("/me/publications/", signed_in(see_the_suggestion)),
    "accept-invitation": (None, see_the_welcome),
}


def visit(page, server, name, invitation_path):
    path, prepare = PAGES[name]
    page.goto(server + (path or invitation_path))
    prepare(page)


@pytest.mark.parametrize("name", PAGES)
def test_dashboard_page_fits_phone_and_desktop_widths_in_light_and_dark(
    name, dashboard, invitation_path, server, screenshots
):
    path, prepare = PAGES[name]
    backgrounds = screenshots(server + (path or invitation_path), name, prepare)
    assert backgrounds[360, "light"] != backgrounds[360, "dark"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(("width", "theme"), [(1280, "light"), (1280, "dark"), (360, "light")])
def test_dashboard_pages_have_no_serious_accessibility_violations(
    dashboard, invitation_path, server, context_factory, axe, width, theme
):
    page = context_factory(viewport={"width": width, "height": 800}, color_scheme=theme).new_page()
    problems = {}
    for name in PAGES:
        visit(page, server, name, invitation_path)
        violations = axe.run(page).response["violations"]
        serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
        if serious:
            problems[name] = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in serious]
    assert not problems, problems


def test_profile_form_can_be_filled_and_submitted_with_the_keyboard_alone(dashboard, server, context_factory):
    page = context_factory().new_page()
    page.goto(server + "/me/profile/")
    sign_in(page)
    # Load the form afresh: a key pressed while the redirect is still loading goes nowhere.
    page.goto(server + "/me/profile/")

    fields = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        field = focused.evaluate(FOCUSED_FIELD)
        assert focused.evaluate(FOCUS_VISIBLE), f"no visible focus on {field}"
        if field["id"] == "id_position":
            # Tabbing into a text field selects what it holds, so typing replaces it.
            page.keyboard.type("Visiting researcher")
        elif field["id"] == "id_bio":
            page.keyboard.press("Control+End")
            page.keyboard.type(" She also writes **proofs**.")
        if field["inForm"] and field["tag"] in {"input", "select", "textarea"}:
            fields.append(field)
        if field["tag"] == "button" and focused.inner_text() == "Save":
            break
    else:
        pytest.fail("Tab never reached the Save button")

    assert [field for field in fields if not field["labelled"]] == []
    visited = {field["id"] for field in fields}
    assert {"id_name", "id_position", "id_bio", "id_orcid", "id_visibility"} <= visited

    page.keyboard.press("Enter")
    expect(page).to_have_url(server + "/people/alice-moreau/")
    expect(page.locator(".bio strong")).to_have_text("proofs")
    dashboard.refresh_from_db()
    assert dashboard.position == "Visiting researcher"
    assert dashboard.bio.endswith("She also writes **proofs**.")


def test_dashboard_forms_work_without_javascript(dashboard, server, context_factory):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(server + "/me/cv/add/")
    sign_in(page)
    expect(page).to_have_url(server + "/me/cv/add/")

    page.get_by_label("Section").select_option(CVEntry.Section.TALK)
    page.get_by_label("Title").fill("Robust perception in the wild")
    page.get_by_label("Organisation").fill("Vision Reading Group")
    page.get_by_label("Description").fill("An *invited* talk.")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(server + "/me/cv/")
    expect(page.locator(".message")).to_contain_text("The CV entry is added.")
    expect(page.locator(".record-list")).to_contain_text("Robust perception in the wild")
    talk = dashboard.cv_entries.get(title="Robust perception in the wild")
    assert (talk.section, talk.organisation) == (CVEntry.Section.TALK, "Vision Reading Group")
    assert "<em>invited</em>" in talk.description_html

    page.goto(server + "/me/profile/")
    page.get_by_label("Position").fill("Research fellow")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(server + "/people/alice-moreau/")
    expect(page.locator(".message")).to_contain_text("Your profile is saved")
    expect(page.locator("main")).to_contain_text("Research fellow")
    dashboard.refresh_from_db()
    assert dashboard.position == "Research fellow"
