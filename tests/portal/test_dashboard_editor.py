"""Getting around the dashboard and the feedback its editors give: import reports, errors, focus, wording."""

import re

import pytest
from django.urls import reverse

from publications.models import LinkState
from tests.factories import AuthorshipFactory, PublicationFactory
from tests.portal.test_dashboard import BIBTEX

pytestmark = pytest.mark.django_db


def test_the_import_report_names_each_paper_and_each_member_it_touched(alice_client, alice, bob):
    known = PublicationFactory(title="Known Paper on Grasping", year=2024, doi="10.1000/known")
    AuthorshipFactory(publication=known, position=1, name="Bob Okafor", researcher=bob, link_state=LinkState.CONFIRMED)
    AuthorshipFactory(publication=known, position=2, name="Alice Moreau")
    bibtex = BIBTEX + "@article{known, title={Known Paper on Grasping}, author={Okafor, Bob and Moreau, Alice}, "
    bibtex += "doi={10.1000/known}, year={2024}, journal={J}}"

    page = alice_client.post(reverse("me:bibtex_import"), {"text": bibtex}).content.decode()

    assert 'class="import-report import-report-success"' in page
    created = page.split("Created (1)")[1].split("</ul>")[0]
    assert "Robust Learning with Shared Authors" in created
    # Bob's paper is not Alice's to change: it is named as already in the lab, and suggested to her.
    already = page.split("Already in the lab, left as they are (1)")[1].split("</ul>")[0]
    assert "Known Paper on Grasping" in already and "Merged into" not in page
    members = page.split("Lab members on these papers")[1].split("</ul>")[0]
    assert "Alice Moreau — linked to “Robust Learning with Shared Authors”" in members
    assert "Bob Okafor — asked to confirm “Robust Learning with Shared Authors”" in members
    assert known.authorships.get(position=2).link_state == LinkState.SUGGESTED


def test_counts_in_the_import_summary_agree_with_their_nouns(alice_client, bob):
    page = alice_client.post(reverse("me:bibtex_import"), {"text": BIBTEX}).content.decode()

    assert "1 author linked to members" in page
    assert "1 suggestion to review" in page
    assert "1 authors" not in page and "1 suggestions" not in page


def test_a_bibtex_parse_error_gives_its_line_and_reason(alice_client):
    broken = "@article{first, title = {Never closed, year = {2020}\n\n@article{second title = {x}}\n"

    page = alice_client.post(reverse("me:bibtex_import"), {"text": broken}).content.decode()

    assert re.search(r"first \(line 1\): could not be parsed: \S+", page)
    assert "second (line 3): could not be parsed: Expected comma after entry key" in page
    assert "could not be parsed:</li>" not in page
    assert "import-report-success" not in page


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (reverse("me:profile"), "id_name"),
        (reverse("me:record_add", args=["cv"]), "id_section"),
        (reverse("me:post_add"), "id_title"),
        (reverse("me:bibtex_import"), "id_file"),
    ],
)
def test_forms_put_the_cursor_in_their_first_field(alice_client, url, field):
    page = alice_client.get(url).content.decode()

    assert len(re.findall(r"\bautofocus\b", page)) == 1
    assert re.search(rf'<[^>]*\bautofocus\b[^>]*id="{field}"|<[^>]*id="{field}"[^>]*\bautofocus\b', page)


def test_a_refused_form_focuses_the_first_field_in_error(alice_client, alice):
    page = alice_client.post(reverse("me:profile"), {"name": alice.name, "orcid": "1234", "news_limit": 5}).content
    field = re.search(rb"<input[^>]*\bautofocus\b[^>]*>", page).group(0)
    assert b'id="id_orcid"' in field


def test_the_skip_link_jumps_past_the_dashboard_menu(alice_client):
    page = alice_client.get(reverse("me:overview")).content.decode()

    assert '<a class="skip-link" href="#me-main">' in page
    assert page.index('id="me-main"') > page.index('aria-label="Dashboard"')


def test_the_skip_link_goes_to_main_on_public_pages(client):
    assert '<a class="skip-link" href="#main">' in client.get(reverse("home")).content.decode()


def test_signed_in_members_find_their_dashboard_in_the_header(alice_client, client):
    page = alice_client.get(reverse("home")).content.decode()
    header = page.split('<header class="site-header">')[1].split("</header>")[0]
    assert f'<a href="{reverse("me:overview")}"' in header and "Dashboard" in header

    client.logout()
    header = client.get(reverse("home")).content.decode().split("</header>")[0]
    assert "Dashboard" not in header


def test_your_page_is_the_public_page_and_dashboard_is_me(alice_client, alice):
    page = alice_client.get(reverse("researchers:directory")).content.decode()
    footer = page.split('<footer class="site-footer">')[1]

    assert f'<a href="{alice.get_absolute_url()}">Your page</a>' in footer
    assert f'<a href="{reverse("me:overview")}">Dashboard</a>' in footer
    overview = alice_client.get(reverse("me:overview")).content.decode()
    assert f'<a href="{alice.get_absolute_url()}">Your page</a>' in overview
    assert "<title>Dashboard ·" in overview


def test_a_member_sees_edit_this_page_on_their_own_page_only(alice_client, alice, bob, client):
    own = alice_client.get(alice.get_absolute_url()).content.decode()
    assert "Edit this page" in own
    assert "Draft." not in own
    assert "Edit this page" not in alice_client.get(bob.get_absolute_url()).content.decode()
    client.logout()
    assert "Edit this page" not in client.get(alice.get_absolute_url()).content.decode()


def test_the_preview_is_the_sanitiser_the_page_uses_and_keeps_list_items(alice_client):
    response = alice_client.post(reverse("markdownx_markdownify"), {"content": "- one\n- two\n\n<script>x</script>"})

    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in response.content.decode()
    assert "<script" not in response.content.decode()
