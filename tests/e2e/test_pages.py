"""The public pages in real Chromium: layout at phone and desktop widths, themes, emails, links, keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import BODY_BACKGROUND, WIDTHS


@pytest.mark.parametrize(
    ("name", "path"),
    [("home", "/"), ("directory", "/people/"), ("member", "/people/yi-liu/"), ("cv", "/people/yi-liu/cv/")],
)
def test_page_fits_phone_and_desktop_widths_in_light_and_dark(name, path, lab, server, screenshots):
    backgrounds = screenshots(server + path, name)
    for width in WIDTHS:
        assert backgrounds[width, "light"] != backgrounds[width, "dark"]


def test_theme_toggle_switches_theme_and_remembers_the_choice(lab, server, context_factory):
    page = context_factory(color_scheme="light").new_page()
    page.goto(server + "/people/")
    light = page.evaluate(BODY_BACKGROUND)
    html = page.locator("html")

    page.locator(".theme-toggle").click()
    expect(html).to_have_attribute("data-theme", "dark")
    expect(page.locator(".theme-toggle")).to_have_attribute("aria-pressed", "true")
    dark = page.evaluate(BODY_BACKGROUND)
    assert dark != light

    page.reload()
    expect(html).to_have_attribute("data-theme", "dark")
    assert page.evaluate(BODY_BACKGROUND) == dark

    page.locator(".theme-toggle").click()
    expect(html).to_have_attribute("data-theme", "light")
    assert page.evaluate(BODY_BACKGROUND) == light


def test_script_turns_obfuscated_emails_into_mailto_links(lab, page, server):
    page.goto(server + "/people/yi-liu/")

    expect(page.locator("span.email[data-email]")).to_have_count(0)
    link = page.locator('a.email[href="mailto:yi.liu@lab.example.org"]')
    expect(link).to_have_text("yi.liu@lab.example.org")
    expect(page.locator('a.email[href="mailto:yliu@cs.example.edu"]')).to_be_visible()


def test_member_page_works_without_javascript_and_hides_the_address(lab, server, context_factory):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(server + "/people/yi-liu/")

    expect(page.locator("h1")).to_contain_text("Yi Liu")
    expect(page.locator(".bio")).to_contain_text("distribution shift")
    for heading in ["Education", "Research experience", "Awards and honors", "Talks"]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("span.email").first).to_have_text("yi.liu [at] lab [dot] example [dot] org")
    expect(page.locator(".theme-toggle")).to_be_hidden()
    html = page.content()
    assert "yi.liu@lab.example.org" not in html
    assert "mailto:" not in html


def test_member_page_shows_native_name_and_links_to_the_lab_supervisor(lab, page, server):
    page.goto(server + "/people/yi-liu/")

    expect(page.locator("h1 .native-name")).to_have_text("刘毅")
    supervisors = page.locator("section[aria-labelledby='supervisors-heading']")
    expect(supervisors.get_by_role("link", name="Prof. Ada Byron")).to_have_attribute(
        "href", "https://ada.example.org/"
    )
    supervisor = supervisors.get_by_role("link", name="Margaret Hamilton")
    expect(supervisor).to_have_attribute("href", "/people/margaret-hamilton/")

    supervisor.click()
    expect(page).to_have_url(re.compile(r"/people/margaret-hamilton/$"))
    expect(page.locator("h1")).to_have_text("Margaret Hamilton")
    expect(page.get_by_role("img", name="Photo of Margaret Hamilton")).to_be_visible()


def test_first_tab_reaches_a_visible_skip_link(lab, page, server):
    page.goto(server + "/people/yi-liu/")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
