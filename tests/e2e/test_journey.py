"""The whole onboarding path in real Chromium, through the pages people use and nothing else.

An admin invites a new member, who accepts, writes a bio with the live preview, uploads a
photo, imports a paper shared with a member already in the lab and publishes her page; that member confirms the
suggestion, and an anonymous visitor finds the paper on both pages, each author linking to
the other.
"""

import io
import re
from urllib.parse import urlsplit

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from publications.models import Authorship, LinkState
from researchers.models import Researcher

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "Analytical-engine-1843"
BIBTEX = """@inproceedings{lovelace2025notes,
  title = {Notes on the Analytical Engine, Revisited},
  author = {Ada Lovelace and B. Okafor},
  booktitle = {Proceedings of the Conference on Examples},
  year = {2025}
}
"""
PAPER = "Notes on the Analytical Engine, Revisited"


def test_invited_member_joins_and_shares_a_paper_that_visitors_see_on_both_pages(
    server, lab_admin, bob, context_factory, tmp_path, settings
):
    # As in production: visitors' pages come from the page cache and the member-page cache.
    settings.PAGE_CACHE_SECONDS = settings.MEMBER_CACHE_SECONDS = 300
    visitor_sees_no_paper_yet(context_factory().new_page(), server, bob)
    link = admin_invites_ada(context_factory().new_page(), server)

    page = context_factory().new_page()
    ada_accepts_the_invitation(page, server, link)
    ada_writes_her_bio_with_the_live_preview(page, server)
    ada_uploads_a_photo(page, server, tmp_path)
    ada_imports_a_paper_with_bob(page, server)
    ada_publishes_her_page(page, server)
    signs_out(page)

    bob_confirms_the_suggestion(context_factory().new_page(), server)

    ada = Researcher.objects.get(name="Ada Lovelace")
    visitor_sees_the_paper_with_each_author_linking_to_the_other(context_factory().new_page(), server, ada, bob)


def visitor_sees_no_paper_yet(page, server, bob):
    page.goto(server + bob.get_absolute_url())
    expect(page.get_by_role("heading", name=bob.name, level=1)).to_be_visible()
    expect(page.get_by_text(PAPER)).to_have_count(0)


def admin_invites_ada(page, server):
    page.goto(server + "/admin/portal/invitation/add/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/portal/invitation/add/$"))

    page.locator("#id_email").fill("ada@lab.example.org")
    page.locator("#id_name").fill("Ada Lovelace")
    page.locator("#id_role").select_option("phd")
    page.locator("input[name='_save']").click()

    # The test's mail backend keeps the mail on the server, and the admin is told so.
    message = page.locator(".messagelist li", has_text="Invitation not emailed to ada@lab.example.org")
    expect(message).to_contain_text("The link, shown only now:")
    shown = re.search(r"https?://\S+/accounts/invite/\S+/", message.inner_text()).group(0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@lab.example.org"]
    assert shown in mail.outbox[0].body
    # The link carries the configured public address; the test server listens elsewhere.
    return server + urlsplit(shown).path


def ada_accepts_the_invitation(page, server, link):
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Welcome, Ada Lovelace")

    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("The same password again").fill("short")
    page.get_by_role("button", name="Set password and continue").click()
    expect(page.locator(".form-error")).to_be_visible()

    page.get_by_label("Choose a password").fill(NEW_PASSWORD)
    page.get_by_label("The same password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and continue").click()
    expect(page).to_have_url(server + "/me/")
    expect(page.locator("h1")).to_have_text("Hello, Ada Lovelace")


def ada_writes_her_bio_with_the_live_preview(page, server):
    page.get_by_role("navigation", name="Dashboard").get_by_role("link", name="Profile").click()
    bio = page.locator("#id_bio")
    preview = page.locator(".markdownx", has=bio).locator(".markdownx-preview")
    expect(bio).to_have_attribute("data-markdownx-init", "")  # the editor listens for typing from here on

    bio.fill("Ada writes about **computing engines** and *poetical science*.")
    # The preview is rendered by the server's sanitiser, so its HTML arrives over the network.
    expect(preview.locator("strong")).to_have_text("computing engines")
    expect(preview.locator("em")).to_have_text("poetical science")

    page.get_by_label("Position").fill("PhD student")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(server + "/people/ada-lovelace/")
    expect(page.locator(".bio strong")).to_have_text("computing engines")


def ada_uploads_a_photo(page, server, tmp_path):
    page.goto(server + "/me/photo/")
    preview = page.locator("#photo-preview")
    expect(preview).to_be_hidden()

    picture = tmp_path / "ada.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 60, 90)).save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())
    page.locator("input[name='photo']").set_input_files(picture)
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))

    page.get_by_role("button", name="Save photo").click()
    expect(page.locator(".message")).to_contain_text("Your photo is saved.")
    expect(preview).to_have_attribute("src", re.compile(r"^/media/"))
    assert preview.evaluate("image => image.complete && image.naturalWidth > 0")


def ada_imports_a_paper_with_bob(page, server):
    page.goto(server + "/me/publications/")
    page.get_by_role("link", name="Add from BibTeX").click()
    page.locator("textarea[name='text']").fill(BIBTEX)
    page.get_by_role("button", name="Import").click()

    expect(page.locator(".import-report")).to_contain_text("Import finished")
    page.get_by_role("link", name="Your publications").click()
    expect(page.locator(".paper-table")).to_contain_text(PAPER)


def ada_publishes_her_page(page, server):
    page.goto(server + "/me/")
    expect(page.get_by_role("heading", name="Your page is a draft")).to_be_visible()
    page.get_by_role("button", name="Publish my page").click()
    expect(page).to_have_url(server + "/people/ada-lovelace/")
    expect(page.locator(".message")).to_contain_text("The page is published")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Dashboard").click()


def signs_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def bob_confirms_the_suggestion(page, server):
    page.goto(server + "/accounts/login/")
    page.get_by_label("Email or user name").fill("bob")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(server + "/me/")

    page.get_by_role("link", name="1 paper may be yours").click()
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text(PAPER)
    expect(suggestions).to_contain_text("as “B. Okafor”")
    suggestions.get_by_role("listitem").filter(has_text=PAPER).get_by_role("button", name="It's me").click()

    expect(page.locator(".message")).to_contain_text(f"“{PAPER}” is now on your page.")
    expect(page.locator("#suggestions")).to_contain_text("No suggestions to review.")
    expect(page.locator(".paper-table")).to_contain_text(PAPER)


def visitor_sees_the_paper_with_each_author_linking_to_the_other(page, server, ada, bob):
    assert set(Authorship.objects.filter(publication__title=PAPER).values_list("researcher__slug", "link_state")) == {
        (ada.slug, LinkState.CONFIRMED),
        (bob.slug, LinkState.CONFIRMED),
    }

    for member, other, other_as_printed in [(ada, bob, "B. Okafor"), (bob, ada, "Ada Lovelace")]:
        page.goto(f"{server}/people/{member.slug}/")
        expect(page.get_by_role("link", name="All publications (1)")).to_be_visible()
        page.goto(f"{server}/people/{member.slug}/publications/")
        paper = page.locator(".paper", has_text=PAPER)
        expect(paper).to_have_count(1)
        authors = paper.locator(".author-list")
        expect(authors.get_by_role("link", name=other_as_printed)).to_have_attribute("href", f"/people/{other.slug}/")

        authors.get_by_role("link", name=other_as_printed).click()
        expect(page).to_have_url(f"{server}/people/{other.slug}/")
        expect(page.locator("h1")).to_contain_text(other.name)
