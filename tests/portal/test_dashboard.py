"""Members keep their own page at /me/: profile, photo, CV, links, names, themes, news, papers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.models import NewsItem
from publications.models import Authorship, LinkState, Publication, ResearchTheme
from researchers.models import CVEntry, NameVariant, Researcher
from tests.factories import (
    AuthorshipFactory,
    CVEntryFactory,
    NameVariantFactory,
    PublicationFactory,
    ResearchThemeFactory,
    image_upload,
)
from tests.security.active_content import active_content

pytestmark = pytest.mark.django_db


def profile_data(researcher, **changes):
    data = {
        "name": researcher.name,
        "native_name": researcher.native_name,
        "position": researcher.position,
        "affiliation": researcher.affiliation,
        "focus": researcher.focus,
        "bio": researcher.bio,
        "availability": researcher.availability,
        "emails": researcher.emails,
        "address": researcher.address,
        "orcid": researcher.orcid,
        "news_limit": researcher.news_limit,
        "visibility": researcher.visibility,
    }
    return {**data, **changes}


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("me:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_account_without_a_profile_is_told_so(admin_client_logged_in):
    assert admin_client_logged_in.get(reverse("me:overview")).status_code == 404


def test_saving_the_profile_shows_the_public_page(alice_client, alice):
    response = alice_client.post(
        reverse("me:profile"), profile_data(alice, bio="I study **robust** learning.", position="PhD candidate")
    )

    assert response["Location"] == alice.get_absolute_url()
    page = alice_client.get(response["Location"]).content.decode()
    assert "I study <strong>robust</strong> learning." in page
    assert "PhD candidate" in page
    assert "Your profile is saved" in page


def test_a_bad_orcid_is_explained_what_was_typed_is_kept_and_nothing_is_saved(alice_client, alice):
    response = alice_client.post(
        reverse("me:profile"), profile_data(alice, bio="New bio kept in the form", orcid="0000-0002-1825-0098")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "check digit is wrong" in page
    assert "New bio kept in the form" in page
    alice.refresh_from_db()
    assert alice.bio != "New bio kept in the form"


def test_members_cannot_change_their_own_role_or_page_address(alice_client, alice):
    alice_client.post(reverse("me:profile"), profile_data(alice, role="pi", slug="the-boss", status="alumni"))

    alice.refresh_from_db()
    assert (alice.role, alice.slug, alice.status) == ("phd", "alice-moreau", "current")


def test_bio_markdown_is_sanitised(alice_client, alice):
    alice_client.post(
        reverse("me:profile"), profile_data(alice, bio="<script>alert(1)</script>[x](javascript:alert(1))")
    )

    alice.refresh_from_db()
    assert active_content(alice.bio_html) == []
    assert active_content(alice_client.get(alice.get_absolute_url()).content.decode()) == []


def test_photo_upload_is_processed_and_shown(alice_client, alice):
    response = alice_client.post(reverse("me:photo"), {"photo": image_upload("me.png", size=(1200, 900))})

    assert response["Location"] == reverse("me:photo")
    alice.refresh_from_db()
    assert alice.photo.name.endswith(".jpg") and "me" not in alice.photo.name.rsplit("/", 1)[1]
    assert alice.photo.width == 800 and alice.photo_thumb.width == 240


@pytest.mark.parametrize(
    "upload, message",
    [
        (("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "not an image we can read"),
        (("fake.png", b"just text, not a picture"), "not an image we can read"),
        (("bomb.png", None), "the limit is 100 pixels"),
    ],
)
def test_bad_photos_are_refused_with_a_message_and_the_old_photo_stays(alice_client, alice, upload, message, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    name, content = upload
    if content is None:
        settings.MAX_IMAGE_PIXELS = 100
        file = image_upload(name, size=(100, 100))
    else:
        file = SimpleUploadedFile(name, content, content_type="image/png")

    response = alice_client.post(reverse("me:photo"), {"photo": file})

    assert response.status_code == 400
    assert message in response.content.decode()
    alice.refresh_from_db()
    assert not alice.photo


def test_cv_entries_are_added_edited_reordered_and_deleted(alice_client, alice):
    add = reverse("me:record_add", args=["cv"])
    for title in ["First prize", "Second prize"]:
        response = alice_client.post(add, {"section": "award", "title": title, "date_text": "2024"})
        assert response.status_code == 302
    first, second = CVEntry.objects.filter(researcher=alice).order_by("order")

    alice_client.post(reverse("me:record_move", args=["cv", second.pk, "up"]))
    assert list(alice.cv_entries.values_list("title", flat=True)) == ["Second prize", "First prize"]

    alice_client.post(
        reverse("me:record_edit", args=["cv", first.pk]),
        {"section": "award", "title": "First prize (oral)", "description": "With *honours*"},
    )
    first.refresh_from_db()
    assert first.description_html == "<p>With <em>honours</em></p>"

    confirmation = alice_client.get(reverse("me:record_delete", args=["cv", second.pk])).content.decode()
    assert "Second prize" in confirmation
    assert f'href="{reverse("me:records", args=["cv"])}">Keep it' in confirmation
    alice_client.post(reverse("me:record_delete", args=["cv", second.pk]))
    assert list(alice.cv_entries.values_list("title", flat=True)) == ["First prize (oral)"]
    assert "First prize (oral)" in alice_client.get(reverse("researchers:cv", args=[alice.slug])).content.decode()


def test_reordering_a_cv_entry_stays_within_its_section(alice_client, alice):
    award = CVEntryFactory(researcher=alice, section="award", title="Award", order=1)
    talk_one = CVEntryFactory(researcher=alice, section="talk", title="Talk one", order=2)
    talk_two = CVEntryFactory(researcher=alice, section="talk", title="Talk two", order=3)

    alice_client.post(reverse("me:record_move", args=["cv", talk_one.pk, "up"]))  # already first of its section

    talk_one.refresh_from_db(), talk_two.refresh_from_db(), award.refresh_from_db()
    assert talk_one.order < talk_two.order


def test_an_invalid_cv_entry_keeps_what_was_typed(alice_client, alice):
    response = alice_client.post(
        reverse("me:record_add", args=["cv"]), {"section": "award", "title": "", "organisation": "Kept Org"}
    )

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert 'value="Kept Org"' in response.content.decode()
    assert not CVEntry.objects.exists()


def test_a_javascript_link_is_refused(alice_client, alice):
    response = alice_client.post(
        reverse("me:record_add", args=["links"]), {"kind": "website", "url": "javascript:alert(1)"}
    )

    assert response.status_code == 400
    assert not alice.links.exists()


def test_a_new_name_variant_claims_papers_already_stored(alice_client, alice):
    paper = PublicationFactory(authors=["Moreau-Lefèvre Alice", "Wei Zhang"])
    Authorship.objects.filter(publication=paper, position=1).update(family="Moreau-Lefèvre", given="Alice")

    response = alice_client.post(
        reverse("me:record_add", args=["names"]), {"name": "Moreau-Lefèvre Alice", "kind": "other"}
    )

    assert response.status_code == 302
    assert NameVariant.objects.filter(researcher=alice).count() == 1
    authorship = Authorship.objects.get(publication=paper, position=1)
    assert authorship.researcher == alice


def test_a_duplicate_name_variant_is_refused_with_a_message(alice_client, alice):
    NameVariantFactory(researcher=alice, name="A. Moreau")

    response = alice_client.post(reverse("me:record_add", args=["names"]), {"name": "A.  Moreau", "kind": "other"})

    assert response.status_code == 400
    assert "registered this spelling already" in response.content.decode()
    assert NameVariant.objects.filter(researcher=alice).count() == 1


def test_themes_offer_only_the_members_own_themes_and_papers(alice_client, alice, bob):
    mine = PublicationFactory(title="Mine")
    AuthorshipFactory(publication=mine, researcher=alice, link_state="confirmed")
    PublicationFactory(title="Not mine")
    ResearchThemeFactory(researcher=bob, title="Bob's theme")
    parent = ResearchThemeFactory(researcher=alice, title="Efficiency")

    page = alice_client.get(reverse("me:record_add", args=["themes"])).content.decode()
    assert "Efficiency" in page and "Bob&#x27;s theme" not in page
    assert "Mine" in page and "Not mine" not in page

    response = alice_client.post(
        reverse("me:record_add", args=["themes"]),
        {"title": "Faster training", "description": "Less *compute*", "parent": parent.pk, "publications": [mine.pk]},
    )
    assert response.status_code == 302
    theme = ResearchTheme.objects.get(title="Faster training")
    assert (theme.researcher, theme.parent, list(theme.publications.all())) == (alice, parent, [mine])


def test_news_items_are_the_members_own_and_mentions_link(alice_client, alice, bob):
    response = alice_client.post(
        reverse("me:record_add", args=["news"]), {"date": "2026-03-01", "body": "Paper accepted with @bob-okafor 🎉"}
    )

    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.owner == alice
    assert list(item.mentioned_members.all()) == [bob]
    assert f'href="{bob.get_absolute_url()}"' in item.body_html


BIBTEX = """
@inproceedings{moreau2026,
  title = {Robust Learning with Shared Authors},
  author = {Moreau, Alice and Okafor, B. and Zhang, Wei},
  booktitle = {NeurIPS},
  year = {2026},
}
"""


def test_importing_bibtex_links_the_member_and_suggests_the_co_author(alice_client, alice, bob):
    response = alice_client.post(reverse("me:bibtex_import"), {"text": BIBTEX})

    assert response.status_code == 200
    assert "1 created" in response.content.decode()
    paper = Publication.objects.get()
    states = {
        authorship.position: (authorship.researcher, authorship.link_state) for authorship in paper.authorships.all()
    }
    assert states[1] == (alice, LinkState.CONFIRMED)
    assert states[2] == (bob, LinkState.SUGGESTED)


def test_a_dry_run_import_writes_nothing(alice_client):
    response = alice_client.post(reverse("me:bibtex_import"), {"text": BIBTEX, "dry_run": "on"})

    assert "Dry run" in response.content.decode()
    assert not Publication.objects.exists()


def test_bibtex_without_entries_is_refused_with_a_message(alice_client):
    response = alice_client.post(reverse("me:bibtex_import"), {"text": "this is not bibtex {"})

    assert response.status_code == 400
    assert "no BibTeX entry was found" in response.content.decode()
    assert not Publication.objects.exists()


def test_the_co_author_confirms_the_suggestion_in_one_click(client, alice, bob):
    client.force_login(alice.user)
    client.post(reverse("me:bibtex_import"), {"text": BIBTEX})
    client.force_login(bob.user)
    suggestion = Authorship.objects.get(researcher=bob)
    assert "Robust Learning with Shared Authors" in client.get(reverse("me:publications")).content.decode()

    client.post(reverse("me:authorship_decide", args=[suggestion.pk, "confirm"]))

    suggestion.refresh_from_db()
    assert (suggestion.link_state, suggestion.decided_by) == (LinkState.CONFIRMED, bob.user)
    page = client.get(bob.get_absolute_url().replace("/people/", "/people/", 1) + "publications/").content.decode()
    assert f'href="{alice.get_absolute_url()}"' in page


def test_a_rejected_suggestion_is_remembered(client, alice, bob):
    client.force_login(alice.user)
    client.post(reverse("me:bibtex_import"), {"text": BIBTEX})
    client.force_login(bob.user)
    suggestion = Authorship.objects.get(researcher=bob)

    client.post(reverse("me:authorship_decide", args=[suggestion.pk, "reject"]))

    suggestion.refresh_from_db()
    assert suggestion.link_state == LinkState.REJECTED
    assert "No suggestions to review" in client.get(reverse("me:publications")).content.decode()


def test_members_pick_and_order_their_selected_papers(alice_client, alice):
    papers = [PublicationFactory(title=title) for title in ["Alpha", "Beta", "Gamma"]]
    authorships = [AuthorshipFactory(publication=paper, researcher=alice, link_state="confirmed") for paper in papers]

    alice_client.post(
        reverse("me:publications"),
        {
            "selected": [authorships[2].pk, authorships[0].pk],
            f"order-{authorships[2].pk}": "1",
            f"order-{authorships[0].pk}": "2",
        },
    )

    page = alice_client.get(alice.get_absolute_url()).content.decode()
    selected = page.split("Selected publications", 1)[1]
    assert selected.index("Gamma") < selected.index("Alpha")
    assert "Beta" not in selected.split("</section>", 1)[0]


def test_a_confirmed_author_edits_the_paper_and_the_paper_page_shows_it(alice_client, alice):
    paper = PublicationFactory(title="Old title")
    AuthorshipFactory(publication=paper, researcher=alice, link_state="confirmed")
    data = {
        "title": "New title",
        "kind": "inproceedings",
        "year": 2025,
        "status": "published",
        "doi": "https://doi.org/10.1234/ABC",
    }

    response = alice_client.post(reverse("me:publication_edit", args=[paper.pk]), data)

    assert response["Location"] == paper.get_absolute_url()
    paper.refresh_from_db()
    assert (paper.title, paper.doi) == ("New title", "10.1234/abc")
    assert "New title" in alice_client.get(paper.get_absolute_url()).content.decode()


PAPER_FIELDS = {"title": "A paper", "kind": "inproceedings", "status": "published"}


def test_a_co_author_uploads_a_preview_image_and_a_new_one_replaces_the_old(
    alice_client, alice, django_capture_on_commit_callbacks
):
    paper = PublicationFactory(title="A paper")
    AuthorshipFactory(publication=paper, researcher=alice, confirmed=True)
    url = reverse("me:publication_edit", args=[paper.pk])

    upload = image_upload("teaser.png", size=(2400, 1200))
    response = alice_client.post(url, {**PAPER_FIELDS, "preview": upload, "preview_alt": "Two graphs"})

    assert response.status_code == 302
    paper.refresh_from_db()
    first = paper.preview.name
    assert first.startswith("papers/") and (paper.preview_width, paper.preview_height) == (720, 360)
    assert 'alt="Two graphs"' in alice_client.get(paper.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(url, {**PAPER_FIELDS, "preview": image_upload("new.png"), "preview_alt": "Two graphs"})
    paper.refresh_from_db()
    assert paper.preview.name != first and paper.preview.storage.exists(paper.preview.name)
    assert not paper.preview.storage.exists(first)


def test_a_preview_that_is_no_image_is_refused_with_its_reason_and_nothing_is_stored(alice_client, alice, media_root):
    paper = PublicationFactory(title="A paper")
    AuthorshipFactory(publication=paper, researcher=alice, confirmed=True)
    disguised = SimpleUploadedFile("teaser.png", b"<svg onload=alert(1)>", content_type="image/png")

    response = alice_client.post(
        reverse("me:publication_edit", args=[paper.pk]), {**PAPER_FIELDS, "preview": disguised}
    )

    assert response.status_code == 400 and 'id="id_preview_error"' in response.content.decode()
    paper.refresh_from_db()
    assert not paper.preview and not list(media_root.rglob("*.*"))


def test_an_invalid_doi_is_refused(alice_client, alice):
    paper = PublicationFactory(title="Old title")
    AuthorshipFactory(publication=paper, researcher=alice, link_state="confirmed")

    response = alice_client.post(
        reverse("me:publication_edit", args=[paper.pk]),
        {"title": "New title", "kind": "inproceedings", "status": "published", "doi": "not a doi"},
    )

    assert response.status_code == 400
    assert "This is not a DOI" in response.content.decode()
    paper.refresh_from_db()
    assert paper.title == "Old title"


def test_the_editor_preview_uses_the_sanitiser_and_needs_sign_in(client, alice):
    url = reverse("markdownx_markdownify")
    assert client.post(url, {"content": "**hi**"}).status_code == 403

    client.force_login(alice.user)
    response = client.post(url, {"content": "**hi** <img src=x onerror=alert(1)> <script>alert(1)</script>"})

    assert response.status_code == 200
    assert "<strong>hi</strong>" in response.content.decode()
    assert active_content(response.content.decode()) == []


def test_editor_image_uploads_are_verified_and_re_encoded(client, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("markdownx_upload")
    assert client.post(url, {"image": image_upload()}).status_code == 403
    client.force_login(alice.user)

    refused = client.post(url, {"image": SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>", "image/svg+xml")})
    accepted = client.post(url, {"image": image_upload("diagram.gif", image_format="GIF")})

    assert refused.status_code == 400
    assert accepted.status_code == 200
    code = accepted.json()["image_code"]
    assert code.startswith("![](/media/markdown/") and code.endswith(".jpg)") and "diagram" not in code


@pytest.mark.parametrize("papers", [3, 30])
def test_the_publications_page_has_a_query_budget(alice_client, alice, papers, django_assert_max_num_queries):
    for number in range(papers):
        paper = PublicationFactory(title=f"Paper {number}")
        AuthorshipFactory(publication=paper, researcher=alice, link_state="confirmed" if number % 3 else "suggested")

    with django_assert_max_num_queries(8):
        assert alice_client.get(reverse("me:publications")).status_code == 200


def test_researcher_profiles_keep_their_slug_when_members_rename_themselves(alice_client, alice):
    alice_client.post(reverse("me:profile"), profile_data(alice, name="Alice Moreau-Lefèvre"))
    assert Researcher.objects.get(pk=alice.pk).slug == "alice-moreau"
