"""A member page is a draft until its member or a lab admin publishes it; the dashboard says what it lacks."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from news.models import NewsItem
from portal.accounts.services import invitation_accept, invitation_create, invitation_sent_phrase
from publications.models import LinkState
from researchers.models import Researcher
from researchers.services import researcher_publish
from tests.factories import AuthorshipFactory, LinkFactory, PublicationFactory, ResearcherFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Passphrase-9"


@pytest.fixture
def newcomer(db):
    """Wei accepted an invitation a minute ago: an account, a page with nothing on it yet."""
    invitation, _ = invitation_create(email="wei@example.org", name="Wei Zhang", role="postdoc", send=False)
    user = invitation_accept(invitation=invitation, password=PASSWORD)
    return user.researcher


@pytest.fixture
def wei_client(newcomer):
    client = Client()
    client.force_login(newcomer.user)
    return client


def test_accepting_an_invitation_makes_a_draft_page(newcomer):
    assert newcomer.is_draft
    assert not Researcher.objects.public().filter(pk=newcomer.pk).exists()


def test_profiles_made_by_admins_imports_and_the_demo_are_published_as_before():
    assert ResearcherFactory().published
    assert Researcher._meta.get_field("published").default is True


def test_a_draft_is_in_neither_the_directory_nor_search_nor_the_sitemap(newcomer, client):
    assert newcomer.name not in client.get(reverse("researchers:directory")).content.decode()
    assert newcomer.get_absolute_url() not in client.get(reverse("search"), {"q": "Wei Zhang"}).content.decode()
    assert newcomer.slug not in client.get("/sitemap.xml").content.decode()
    assert newcomer.name not in client.get(reverse("home")).content.decode()


def test_a_draft_is_not_found_by_visitors_or_other_members(newcomer, client, alice):
    assert client.get(newcomer.get_absolute_url()).status_code == 404
    assert client.get(reverse("publications:member", args=[newcomer.slug])).status_code == 404
    assert client.get(reverse("news:member_feed", args=[newcomer.slug])).status_code == 404
    client.force_login(alice.user)
    assert client.get(newcomer.get_absolute_url()).status_code == 404


def test_the_news_of_a_draft_page_is_not_in_the_lab_news_or_its_feed(newcomer, client):
    NewsItem.objects.create(owner=newcomer, body="Wei joined the lab and writes a secret plan.")

    assert "secret plan" not in client.get(reverse("news:list")).content.decode()
    assert "secret plan" not in client.get(reverse("news:feed")).content.decode()


def test_a_co_author_whose_page_is_a_draft_is_named_not_linked(newcomer, alice, client):
    paper = PublicationFactory(title="Shared paper")
    AuthorshipFactory(publication=paper, position=1, researcher=alice, link_state=LinkState.CONFIRMED)
    AuthorshipFactory(
        publication=paper, position=2, name="Wei Zhang", researcher=newcomer, link_state=LinkState.CONFIRMED
    )

    page = client.get(paper.get_absolute_url()).content.decode()
    assert "Wei Zhang" in page
    assert f'href="{newcomer.get_absolute_url()}"' not in page
    assert f'href="{alice.get_absolute_url()}"' in page


def test_the_member_sees_their_draft_page_under_a_draft_banner_with_an_edit_link(newcomer, wei_client):
    response = wei_client.get(newcomer.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Only you and the lab admins see this page" in page
    assert f'href="{reverse("me:profile")}"' in page and "Edit this page" in page
    assert '<meta name="robots" content="noindex">' in page


def test_a_lab_admin_sees_a_draft_and_can_publish_it_from_the_page(newcomer, admin_client_logged_in, client):
    page = admin_client_logged_in.get(newcomer.get_absolute_url()).content.decode()
    assert "Draft." in page
    assert reverse("admin:researchers_researcher_change", args=[newcomer.pk]) in page

    admin_client_logged_in.post(reverse("me:publish_member", args=[newcomer.slug]))

    newcomer.refresh_from_db()
    assert newcomer.published
    assert client.get(newcomer.get_absolute_url()).status_code == 200


def test_another_member_cannot_publish_someone_elses_page(newcomer, client, alice):
    client.force_login(alice.user)

    assert client.post(reverse("me:publish_member", args=[newcomer.slug])).status_code == 403
    newcomer.refresh_from_db()
    assert newcomer.is_draft


def test_publishing_needs_a_post(wei_client, newcomer):
    assert wei_client.get(reverse("me:publish")).status_code == 405
    newcomer.refresh_from_db()
    assert newcomer.is_draft


def test_the_dashboard_lists_what_the_page_lacks_and_offers_to_publish(wei_client):
    page = wei_client.get(reverse("me:overview")).content.decode()

    assert "Your page is a draft" in page
    for missing in ("Photo", "Position", "Bio", "Links", "Research interests", "A paper"):
        assert f">{missing}</a>" in page
    assert "6 steps above still open" in page
    assert "Publish my page" in page


def test_what_is_done_is_ticked_off(wei_client, newcomer):
    newcomer.position = "Postdoc"
    newcomer.bio = "Wei works on robots."
    newcomer.save()
    LinkFactory(researcher=newcomer)

    page = wei_client.get(reverse("me:overview")).content.decode()

    assert "3 steps above still open" in page
    assert page.count('class="step-done"') == 3


def test_the_member_publishes_and_the_page_joins_the_directory(wei_client, newcomer, client):
    response = wei_client.post(reverse("me:publish"), follow=True)

    assert response.redirect_chain[-1][0] == newcomer.get_absolute_url()
    assert "The page is published" in response.content.decode()
    assert "Draft." not in response.content.decode()
    assert "Wei Zhang" in client.get(reverse("researchers:directory")).content.decode()
    assert "Your page is published" in wei_client.get(reverse("me:overview")).content.decode()


def test_a_member_can_take_their_page_back_to_a_draft(alice, client):
    client.force_login(alice.user)

    client.post(reverse("me:unpublish"))

    alice.refresh_from_db()
    assert alice.is_draft
    assert Client().get(alice.get_absolute_url()).status_code == 404


def test_admins_filter_drafts_and_publish_them_with_an_action(newcomer, admin_client_logged_in, alice):
    changelist = reverse("admin:researchers_researcher_changelist")
    drafts = admin_client_logged_in.get(changelist, {"published__exact": "0"}).content.decode()
    assert "Wei Zhang" in drafts and "Alice Moreau" not in drafts

    response = admin_client_logged_in.post(
        changelist, {"action": "publish", "_selected_action": [newcomer.pk]}, follow=True
    )

    assert "1 page published" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.published


def test_the_admin_index_and_an_admins_dashboard_count_waiting_suggestions_and_drafts(newcomer, alice, client):
    paper = PublicationFactory()
    AuthorshipFactory(publication=paper, researcher=alice, link_state=LinkState.SUGGESTED)
    admin = UserFactory(username="pi", is_staff=True, is_superuser=True)
    ResearcherFactory(name="The PI", user=admin)
    client.force_login(admin)

    index = client.get(reverse("admin:index")).content.decode()
    assert "1 co-author suggestion</a>" in index
    assert "1 draft page</a>" in index
    assert "?link_state__exact=suggested" in index

    dashboard = client.get(reverse("me:overview")).content.decode()
    assert "1 co-author suggestion waiting" in dashboard
    assert "1 draft page</a>" in dashboard


def test_members_who_are_not_admins_see_no_lab_counts(alice, client):
    AuthorshipFactory(publication=PublicationFactory(), researcher=alice, link_state=LinkState.SUGGESTED)
    client.force_login(alice.user)

    page = client.get(reverse("me:overview")).content.decode()

    assert "Lab admin:" not in page
    assert "1 paper may be yours" in page


def test_the_invitation_is_said_to_be_emailed_only_when_mail_goes_out(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert invitation_sent_phrase("ada@example.org").startswith("not emailed to ada@example.org")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert invitation_sent_phrase("ada@example.org") == "emailed to ada@example.org"


def test_the_admin_is_told_the_invitation_went_to_the_log_with_the_console_backend(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:portal_invitation_add"),
        {"email": "wei@example.org", "name": "Wei Zhang", "role": "phd", "researcher": ""},
        follow=True,
    )

    page = response.content.decode()
    assert "Invitation emailed" not in page
    assert "Invitation not emailed to wei@example.org" in page
    assert len(mail.outbox) == 1  # the test backend keeps it


def test_the_slug_help_text_shows_an_example_address(admin_client_logged_in, alice):
    page = admin_client_logged_in.get(reverse("admin:researchers_researcher_change", args=[alice.pk])).content
    assert b"/people//" not in page
    assert b"/people/yi-liu/" in page


def test_the_researcher_admin_pages_load_the_layout_fixes(admin_client_logged_in, alice):
    change = admin_client_logged_in.get(reverse("admin:researchers_researcher_change", args=[alice.pk]))
    changelist = admin_client_logged_in.get(reverse("admin:researchers_researcher_changelist"))
    assert b"css/admin.css" in change.content and b"css/admin.css" in changelist.content


def test_the_overview_has_a_query_budget(wei_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        assert wei_client.get(reverse("me:overview")).status_code == 200


@pytest.mark.parametrize("papers", [1, 20])
def test_a_draft_page_seen_by_its_member_keeps_the_member_page_budget(
    wei_client, newcomer, papers, django_assert_max_num_queries
):
    for number in range(papers):
        AuthorshipFactory(
            publication=PublicationFactory(title=f"Paper {number}"),
            researcher=newcomer,
            link_state=LinkState.CONFIRMED,
        )
    with django_assert_max_num_queries(19):  # a visitor's count, plus the session, the account and the draft look-up
        assert wei_client.get(newcomer.get_absolute_url()).status_code == 200


def test_the_member_follows_their_draft_pages_links_to_its_publications_and_cv(newcomer, wei_client, client):
    for url in (reverse("publications:member", args=[newcomer.slug]), reverse("researchers:cv", args=[newcomer.slug])):
        assert wei_client.get(url).status_code == 200
        assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_publishing_links_the_member_on_co_authors_pages_already_cached(settings, alice):
    settings.MEMBER_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS = 300
    wei = ResearcherFactory(name="Wei Zhang", published=False)
    paper = PublicationFactory(title="Shared paper")
    AuthorshipFactory(publication=paper, position=1, researcher=alice, link_state=LinkState.CONFIRMED)
    AuthorshipFactory(publication=paper, position=2, name="Wei Zhang", researcher=wei, link_state=LinkState.CONFIRMED)
    visitor = Client()
    assert 'href="/people/wei-zhang/"' not in visitor.get(alice.get_absolute_url()).content.decode()

    researcher_publish(researchers=Researcher.objects.filter(pk=wei.pk))

    assert 'href="/people/wei-zhang/"' in visitor.get(alice.get_absolute_url()).content.decode()


def test_a_drafts_cv_says_it_is_a_draft_to_its_member_and_is_not_indexed(newcomer, wei_client, client, alice):
    page = wei_client.get(reverse("researchers:cv", args=[newcomer.slug])).content.decode()
    assert "<strong>Draft.</strong> Only you and the lab admins see this page." in page
    assert '<meta name="robots" content="noindex">' in page
    assert reverse("me:publish") in page

    published = client.get(reverse("researchers:cv", args=[alice.slug])).content.decode()
    assert 'class="page-bar' not in published and 'content="noindex"' not in published
