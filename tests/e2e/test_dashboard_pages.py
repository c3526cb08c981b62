"""The member dashboard and the invitation page in real Chromium: layout, accessibility, keyboard, no JavaScript."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from news.models import Post
from portal.accounts.services import invitation_create
from publications.models import LinkState
from researchers.models import CVEntry, Link
from tests.factories import AuthorshipFactory, CVEntryFactory, LinkFactory, PublicationFactory, image_upload

PASSWORD = "correct horse battery staple"
BIBTEX = """@inproceedings{moreau2026,
  title = {Robust Perception with Shared Authors},
  author = {Moreau, Alice and Okafor, Bob},
  booktitle = {NeurIPS},
  year = {2026},
}
"""
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
    """Alice with a photo, a few records, one paper on her page, one suggestion to decide and a blog post,
    her page still a draft."""
    alice.photo = image_upload(size=(200, 200))
    alice.position = "PhD student"
    alice.bio = "Alice studies *robust perception*."
    alice.published = False
    alice.save()
    post = Post.objects.create(
        title="Notes from the perception workshop", slug="perception-notes", body="- one\n- two", summary="Notes."
    )
    post.authors.add(alice)
    CVEntryFactory(researcher=alice, section=CVEntry.Section.EDUCATION, title="MSc in Computer Science", order=0)
    CVEntryFactory(researcher=alice, section=CVEntry.Section.AWARD, title="Best Poster Award", order=1)
    LinkFactory(researcher=alice, kind=Link.Kind.GITHUB, url="https://github.com/alice-moreau")

    mine = PublicationFactory(title="Robust perception under sensor noise", year=2024)
    AuthorshipFactory(publication=mine, position=1, researcher=alice, confirmed=True)
    shared = PublicationFactory(title=SUGGESTED_PAPER, year=2025)
    AuthorshipFactory(publication=shared, position=1, researcher=bob, confirmed=True)
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
    expect(page.get_by_role("heading", name="Your page is a draft")).to_be_visible()
    expect(page.get_by_role("button", name="Publish my page")).to_be_visible()


def see_the_posts(page):
    expect(page.locator(".record-list")).to_contain_text("Notes from the perception workshop")


def type_a_post_with_a_list(page):
    page.get_by_label("Title").fill("A list of findings")
    body = page.locator("#id_body")
    expect(body).to_have_attribute("data-markdownx-init", "")
    body.fill("Findings:\n\n- sensors drift\n- *models* adapt")
    expect(page.locator(".markdownx-preview li")).to_have_count(2)


def import_bibtex(page):
    page.locator("textarea[name='text']").fill(BIBTEX)
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".import-report")).to_contain_text("Import finished")


def see_the_draft_banner(page):
    expect(page.locator(".page-bar-draft")).to_contain_text("Only you and the lab admins see this page")


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
    "me-posts": ("/me/posts/", signed_in(see_the_posts)),
    "me-post-form": ("/me/posts/add/", signed_in(type_a_post_with_a_list)),
    "me-import-result": ("/me/publications/import/", signed_in(import_bibtex)),
    # A draft is not found before signing in: sign in first, then on to the page.
    "member-draft": ("/accounts/login/?next=/people/alice-moreau/", signed_in(see_the_draft_banner)),
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
    backgrounds = screenshots(server + (path or invitation_path), name, prepare, widths=[390, 1280])
    assert backgrounds[390, "light"] != backgrounds[390, "dark"]


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

    # The form puts the cursor in its first field; Tab goes on from there.
    first = page.locator(":focus")
    assert first.evaluate(FOCUSED_FIELD)["id"] == "id_name"
    fields = [first.evaluate(FOCUSED_FIELD)]
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


def test_a_new_member_publishes_a_page_that_was_a_draft(invitation_path, server, context_factory):
    visitor = context_factory().new_page()
    member = context_factory().new_page()
    member.goto(server + invitation_path)
    member.get_by_label("Choose a password").fill("Compiler-pioneer-1952")
    member.get_by_label("The same password again").fill("Compiler-pioneer-1952")
    member.get_by_role("button", name="Set password and continue").click()
    expect(member).to_have_url(server + "/me/")
    steps = member.locator(".page-steps")
    expect(steps.get_by_role("heading")).to_have_text("Your page is a draft")
    expect(steps.locator(".step-todo")).to_have_count(6)

    assert visitor.goto(server + "/people/grace-hopper/").status == 404
    visitor.goto(server + "/people/")
    expect(visitor.get_by_text("Grace Hopper")).to_have_count(0)

    member.get_by_role("link", name="Your page").first.click()
    expect(member.locator(".page-bar-draft")).to_be_visible()
    member.get_by_role("button", name="Publish my page").click()
    expect(member).to_have_url(server + "/people/grace-hopper/")
    expect(member.locator(".message")).to_contain_text("The page is published")
    expect(member.locator(".page-bar-draft")).to_have_count(0)

    assert visitor.goto(server + "/people/grace-hopper/").status == 200
    visitor.goto(server + "/people/")
    expect(visitor.get_by_role("link", name="Grace Hopper")).to_be_visible()


def test_the_header_leads_to_the_dashboard_and_a_members_page_to_its_editor(dashboard, server, page):
    page.goto(server + "/accounts/login/")
    sign_in(page)
    page.goto(server + "/people/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Dashboard").click()
    expect(page).to_have_url(server + "/me/")

    page.goto(server + "/people/alice-moreau/")
    page.get_by_role("link", name="Edit this page").click()
    expect(page).to_have_url(server + "/me/profile/")
    expect(page.locator("#id_name")).to_be_focused()


def test_the_skip_link_lands_past_the_dashboard_menu(dashboard, server, page):
    page.goto(server + "/me/")
    sign_in(page)
    page.goto(server + "/me/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#me-main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the page's own content, not one of the menu's links.
    assert page.locator(":focus").evaluate("element => Boolean(element.closest('#me-main'))")


PREVIEW_LIST_STYLE = "element => getComputedStyle(element.querySelector('ul')).listStyleType"
BOX = "element => { const box = element.getBoundingClientRect(); return [box.left, box.top, box.right, box.bottom]; }"


@pytest.mark.parametrize(("width", "beside"), [(1280, True), (390, False)])
def test_the_live_preview_shows_bullets_like_the_page_and_sits_beside_the_text_on_wide_screens(
    dashboard, server, context_factory, width, beside
):
    page = context_factory(viewport={"width": width, "height": 900}).new_page()
    page.goto(server + "/me/profile/")
    sign_in(page)
    page.goto(server + "/me/profile/")
    bio = page.locator("#id_bio")
    expect(bio).to_have_attribute("data-markdownx-init", "")
    bio.fill("Topics:\n\n- robust perception\n- sensor noise")
    preview = page.locator(".markdownx", has=bio).locator(".markdownx-preview")
    expect(preview.locator("li")).to_have_count(2)

    assert preview.evaluate(PREVIEW_LIST_STYLE) == "disc"
    left, top, _, _ = preview.evaluate(BOX)
    text_left, text_top, text_right, text_bottom = bio.evaluate(BOX)
    if beside:
        assert left >= text_right and abs(top - text_top) < 40
    else:
        assert top >= text_bottom and abs(left - text_left) < 2

    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(server + "/people/alice-moreau/")
    assert page.locator(".bio").evaluate(PREVIEW_LIST_STYLE) == "disc"


OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
CLIPPED_TITLES = """() => Array.from(document.querySelectorAll('#result_list thead th'))
    .filter(th => th.scrollWidth > th.clientWidth + 1 || th.getBoundingClientRect().right >
        document.querySelector('#changelist .results').getBoundingClientRect().right + 1)
    .map(th => th.textContent.trim())"""


def test_the_researcher_admin_fits_a_laptop_window(dashboard, lab_admin, server, page):
    for number in range(4):
        LinkFactory(researcher=dashboard, kind=Link.Kind.WEBSITE, url=f"https://example.org/a/long/address/{number}/")
    page.goto(server + "/accounts/login/")
    sign_in(page, username="admin")

    page.goto(f"{server}/admin/researchers/researcher/{dashboard.pk}/change/")
    expect(page.locator("#links-group")).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0
    expect(page.locator(".field-slug .help")).to_contain_text("/people/yi-liu/")

    page.goto(server + "/admin/researchers/researcher/")
    expect(page.locator("#result_list")).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0
    assert page.evaluate(CLIPPED_TITLES) == []
