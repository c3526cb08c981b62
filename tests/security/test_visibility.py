"""Hidden members are never named as members, linked or filterable; unlisted ones only by their address."""

import pytest
from django.test import Client

from tests.factories import AuthorshipFactory, PublicationFactory, ResearcherFactory


@pytest.fixture
def members(db):
    """A listed, an unlisted and a hidden member, each the confirmed author of one paper."""
    people = {}
    for visibility in ("public", "unlisted", "hidden"):
        member = ResearcherFactory(name=f"Zed {visibility.title()}son", slug=f"zed-{visibility}", visibility=visibility)
        paper = PublicationFactory(title=f"The paper of the {visibility} member")
        AuthorshipFactory(publication=paper, researcher=member, name=member.name, link_state="confirmed")
        people[visibility] = member
    return people


def test_the_publication_filter_by_a_hidden_member_lists_nothing(members):
    page = Client().get("/publications/?member=zed-hidden").content.decode()
    assert "The paper of the hidden member" not in page
    assert "The paper of the public member" not in page


def test_the_publication_filter_by_an_unlisted_member_lists_nothing(members):
    page = Client().get("/publications/?member=zed-unlisted").content.decode()
    assert "The paper of the unlisted member" not in page


def test_the_filter_by_a_listed_member_lists_their_papers(members):
    page = Client().get("/publications/?member=zed-public").content.decode()
    assert "The paper of the public member" in page
    assert "The paper of the hidden member" not in page


def test_only_listed_members_are_offered_as_filters(members):
    page = Client().get("/publications/").content.decode()
    assert 'value="zed-public"' in page
    assert 'value="zed-unlisted"' not in page
    assert 'value="zed-hidden"' not in page


@pytest.mark.parametrize("visibility", ["unlisted", "hidden"])
def test_search_does_not_find_unlisted_or_hidden_members(visibility, members):
    page = Client().get("/search/", {"q": "Zed"}).content.decode()
    assert 'href="/people/zed-public/"' in page
    assert f'href="/people/zed-{visibility}/"' not in page


def test_the_directory_and_sitemap_leave_out_unlisted_and_hidden_members(members):
    visitor = Client()
    for address in ("/people/", "/sitemap.xml"):
        page = visitor.get(address).content.decode()
        assert "/people/zed-public/" in page
        assert "/people/zed-unlisted/" not in page
        assert "/people/zed-hidden/" not in page


def test_an_unlisted_member_is_reached_by_their_address_and_a_hidden_one_is_not(members):
    visitor = Client()
    assert visitor.get("/people/zed-unlisted/").status_code == 200
    assert visitor.get("/people/zed-hidden/").status_code == 404
    assert visitor.get("/people/zed-hidden/publications.bib").status_code == 404
    assert visitor.get("/people/zed-hidden/news/feed/").status_code == 404


def test_a_hidden_author_is_never_a_link(members):
    page = Client().get("/publications/").content.decode()
    assert "/people/zed-hidden/" not in page
    assert "/people/zed-unlisted/" in page  # their page is public: their name links to it
