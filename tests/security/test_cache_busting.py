"""Junk query strings, missing pages and previews cannot make the page cache render again."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.caching.pages import page_generation
from tests.factories import PublicationFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def paper(db):
    return PublicationFactory(title="Caching the right things", year=2024)


def test_a_junk_parameter_is_redirected_to_the_address_without_it(paper, django_assert_num_queries):
    visitor = Client()
    assert visitor.get("/publications/").status_code == 200
    with django_assert_num_queries(0):
        response = visitor.get("/publications/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/publications/"
    assert visitor.get(response["Location"])["X-Page-Cache"] == "hit"


def test_parameters_a_page_reads_are_kept_and_put_in_one_order(paper, django_assert_num_queries):
    visitor = Client()
    assert visitor.get("/publications/?year=2024&utm_source=spam").status_code == 200
    response = visitor.get(f"/publications/?utm_source=spam&year=2024&type={paper.kind}")
    assert response.status_code == 302
    assert response["Location"] == f"/publications/?type={paper.kind}&year=2024"
    first = visitor.get(f"/publications/?year=2024&type={paper.kind}")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visitor.get(f"/publications/?type={paper.kind}&year=2024")
    assert second["X-Page-Cache"] == "hit"
    assert "Caching the right things" in second.content.decode()


def test_a_page_reading_no_parameter_answers_junk_from_the_cache(paper, django_assert_num_queries):
    visitor = Client()
    visitor.get("/people/")
    with django_assert_num_queries(0):
        response = visitor.get("/people/?cachebuster=12345", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/people/", 302)]


def test_a_redirect_never_leaves_the_site(db):
    visitor = Client()
    visitor.get("//evil.example/")
    response = visitor.get("//evil.example/?x=1")
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def test_a_missing_page_is_cached_briefly(db, django_assert_num_queries):
    visitor = Client()
    first = visitor.get("/people/nobody-at-all/")
    assert first.status_code == 404
    with django_assert_num_queries(0):
        second = visitor.get("/people/nobody-at-all/")
    assert second.status_code == 404
    assert second["X-Page-Cache"] == "hit"


def test_a_markdown_preview_does_not_renew_the_generation(alice, client):
    client.force_login(alice.user)
    generation = page_generation()
    response = client.post(reverse("markdownx_markdownify"), {"content": "*hi*"})
    assert response.status_code == 200
    assert page_generation() == generation


def test_a_failed_or_successful_sign_in_does_not_renew_the_generation(alice):
    generation = page_generation()
    visitor = Client()
    visitor.post(reverse("login"), {"username": "alice", "password": "wrong password"})
    assert page_generation() == generation


def test_a_saved_edit_still_renews_the_generation(alice, client):
    client.force_login(alice.user)
    generation = page_generation()
    response = client.post(reverse("me:profile"), {"name": "Alice M.", "news_limit": 5, "visibility": "public"})
    assert response.status_code == 302
    assert page_generation() != generation
