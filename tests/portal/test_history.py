"""Change history of profiles, publications and news: recorded with the editor, listed and restored in the admin."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.models import NewsItem, Post
from publications.models import Authorship, Publication, ResearchTheme
from researchers.models import CVEntry, Lab, Link, NameVariant, Researcher, ResearchInterest
from tests.admin_forms import RESEARCHER_INLINES, no_inline_rows
from tests.factories import NewsItemFactory, PostFactory, PublicationFactory, UserFactory


def researcher_form(researcher, **changes):
    """What the admin's change form posts for a researcher without inline rows."""
    data = {
        "name": researcher.name, "native_name": researcher.native_name, "slug": researcher.slug,
        "visibility": researcher.visibility, "order": researcher.order, "role": researcher.role,
        "status": researcher.status, "position": researcher.position, "affiliation": researcher.affiliation,
        "focus": researcher.focus, "bio": researcher.bio, "availability": researcher.availability,
        "news_limit": researcher.news_limit, "emails": researcher.emails, "address": researcher.address,
        "orcid": researcher.orcid, "destination": researcher.destination,
        **no_inline_rows(*RESEARCHER_INLINES),
    }  # fmt: skip
    return {**data, **changes}


def submitted(form):
    """The data a browser submits for a rendered form, as it was filled in."""
    data = {}
    for field in form:
        if isinstance(field.field, forms.FileField):
            continue  # a browser sends no file when none is chosen; the stored one stays
        value = field.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
            continue
        data[field.html_name] = value
    return data


def test_every_model_with_a_history_keeps_one():
    for model in (Researcher, CVEntry, Link, NameVariant, ResearchInterest, Lab, Publication, Authorship,
                  ResearchTheme, NewsItem, Post):  # fmt: skip
        assert hasattr(model, "history"), model


def test_editing_a_bio_records_a_version_with_the_editor(admin_client_logged_in, lab_admin, alice):
    alice.bio = "First *version*"
    alice.save()
    url = reverse("admin:researchers_researcher_change", args=[alice.pk])

    response = admin_client_logged_in.post(url, researcher_form(alice, bio="Second **version**"))

    assert response.status_code == 302
    latest = alice.history.first()
    assert (latest.bio, latest.history_type, latest.history_user) == ("Second **version**", "~", lab_admin)
    assert latest.bio_html == "<p>Second <strong>version</strong></p>"
    assert [version.bio for version in alice.history.all()] == ["Second **version**", "First *version*", ""]


def test_editing_a_title_records_a_version_with_the_editor(admin_client_logged_in, lab_admin):
    paper = PublicationFactory(title="Old title", venue=None, authors=["Alice Moreau"])
    authorship = paper.authorships.get()
    data = {
        "title": "New title", "kind": paper.kind, "status": paper.status, "year": paper.year, "extra": "{}",
        "authorships-TOTAL_FORMS": 1, "authorships-INITIAL_FORMS": 1,
        "authorships-0-id": authorship.pk, "authorships-0-publication": paper.pk, "authorships-0-position": 1,
        "authorships-0-name": "Alice Moreau", "authorships-0-family": "Moreau", "authorships-0-given": "Alice",
        "authorships-0-link_state": "unlinked", "authorships-0-selected_order": 0,
    }  # fmt: skip

    response = admin_client_logged_in.post(reverse("admin:publications_publication_change", args=[paper.pk]), data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert [(version.title, version.history_user) for version in paper.history.all()] == [
        ("New title", lab_admin),
        ("Old title", None),
    ]


def test_the_admin_history_page_lists_versions_and_who_made_them(admin_client_logged_in, alice):
    admin_client_logged_in.post(
        reverse("admin:researchers_researcher_change", args=[alice.pk]), researcher_form(alice, bio="Edited")
    )
    response = admin_client_logged_in.get(reverse("admin:researchers_researcher_history", args=[alice.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<tr") >= 3  # a header and the two versions
    assert ">admin<" in page and "Bio" in page


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">'])
def test_restoring_an_older_version_brings_the_text_back_and_renders_it_again(admin_client_logged_in, alice, bad):
    alice.bio = f"The *good* bio {bad}"
    alice.save()
    good = alice.history.first()
    alice.bio = "Vandalised"
    alice.save()

    version_url = reverse("admin:researchers_researcher_simple_history", args=[alice.pk, good.history_id])
    form_page = admin_client_logged_in.get(version_url)
    assert form_page.status_code == 200 and "The *good* bio" in form_page.content.decode()
    restored = admin_client_logged_in.post(version_url, submitted(form_page.context["adminform"].form))

    assert restored.status_code == 302
    alice.refresh_from_db()
    assert alice.bio == f"The *good* bio {bad}"
    assert alice.bio_html.startswith("<p>The <em>good</em> bio")
    assert "<script" not in alice.bio_html and "onerror" not in alice.bio_html
    assert alice.history.count() == 4  # created, good, vandalised, restored


def test_restoring_a_publication_title(admin_client_logged_in):
    paper = PublicationFactory(title="Right title", venue=None)
    right = paper.history.first()
    paper.title = "Wrong title"
    paper.save()
    version_url = reverse("admin:publications_publication_simple_history", args=[paper.pk, right.history_id])
    form = admin_client_logged_in.get(version_url).context["adminform"].form
    assert admin_client_logged_in.post(version_url, submitted(form)).status_code == 302
    paper.refresh_from_db()
    assert (paper.title, paper.title_key) == ("Right title", "right title")


def test_an_import_records_versions_with_the_importer(admin_client_logged_in, lab_admin, alice):
    upload = SimpleUploadedFile("people.csv", b"slug,name\nalice-moreau,Alice Moreau-Laurent\n")
    preview = admin_client_logged_in.post(
        reverse("admin:researchers_researcher_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    admin_client_logged_in.post(
        reverse("admin:researchers_researcher_process_import"), {**preview.context["confirm_form"].initial}
    )
    latest = alice.history.first()
    assert (latest.name, latest.history_user) == ("Alice Moreau-Laurent", lab_admin)


def test_news_and_posts_keep_a_history(admin_client_logged_in, lab_admin):
    item = NewsItemFactory(body="First")
    item.body = "Second"
    item.save()
    assert [version.body for version in item.history.all()] == ["Second", "First"]
    response = admin_client_logged_in.get(reverse("admin:news_newsitem_history", args=[item.pk]))
    assert response.status_code == 200
    post = PostFactory(title="A post", slug="a-post", body="Body", status=Post.Status.DRAFT)
    assert admin_client_logged_in.get(reverse("admin:news_post_history", args=[post.pk])).status_code == 200


def test_members_and_visitors_cannot_see_history_pages(client, alice):
    alice.bio = "Private drafts"
    alice.save()
    version = alice.history.first()
    urls = [
        reverse("admin:researchers_researcher_history", args=[alice.pk]),
        reverse("admin:researchers_researcher_simple_history", args=[alice.pk, version.history_id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(alice.user)  # a member, not staff
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "Private drafts" not in response.content.decode()
    staff = UserFactory(username="staff-without-rights", is_staff=True, permissions=["view_newsitem"])
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 403
