"""The page cache serves anonymous visitors and never serves anything stale or personal."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse

from portal.caching.pages import GENERATION_KEY, page_cache_bump, page_generation
from tests.factories import NewsItemFactory, PublicationFactory, ResearcherFactory


def page_with_a_cookie(request):
    response = HttpResponse("a page that sets a cookie")
    response.set_cookie("preference", "dark")
    return response


def plain_page(request):
    return HttpResponse(f"plain page {request.GET.get('n', '')}")


def private_page(request):
    response = HttpResponse("for one visitor only")
    response["Cache-Control"] = "private, max-age=0"
    return response


# Used as the URLconf of the tests marked with pytest.mark.urls(__name__).
urlpatterns = [path("cookie/", page_with_a_cookie), path("plain/", plain_page), path("private/", private_page)]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def member(db):
    member = ResearcherFactory(name="Mina Kovacs")
    PublicationFactory(title="Caching the right things", authors=["Mina Kovacs"])
    return member


def test_the_second_anonymous_visit_is_served_without_a_query(member, django_assert_num_queries):
    visitor = Client()
    first = visitor.get(member.get_absolute_url())
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visitor.get(member.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_each_address_and_query_string_is_cached_apart(member):
    visitor = Client()
    lab_papers = visitor.get("/publications/").content
    filtered = visitor.get("/publications/", {"year": 1999})
    assert filtered["X-Page-Cache"] == "miss" and filtered.content != lab_papers


# These tests commit for real: a test transaction never commits, so the bump it schedules
# for its setup would stand in for the bumps of the change under test.
@pytest.mark.django_db(transaction=True)
def test_a_model_saved_and_committed_is_visible_on_the_next_read(member):
    visitor = Client()
    assert "Mina wins a prize" not in visitor.get("/news/").content.decode()
    NewsItemFactory(body="Mina wins a prize")
    page = visitor.get("/news/")
    assert page["X-Page-Cache"] == "miss" and "Mina wins a prize" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_not_yet_committed_does_not_drop_the_cache(member):
    # A reader between the save and the commit would cache the old page under a new generation.
    before = page_generation()
    with transaction.atomic():
        member.focus = "Uncommitted focus"
        member.save()
        assert page_generation() == before
    assert page_generation() != before


@pytest.mark.django_db(transaction=True)
def test_a_many_to_many_change_drops_the_cache(member):
    news = NewsItemFactory(body="A lab retreat")
    before = page_generation()
    news.mentioned_members.add(member)
    assert page_generation() != before


def test_an_admin_edit_is_visible_on_the_next_anonymous_read(member, admin_client_logged_in):
    visitor = Client()
    assert visitor.get("/news/")["X-Page-Cache"] == "miss"
    assert visitor.get("/news/")["X-Page-Cache"] == "hit"
    response = admin_client_logged_in.post(
        reverse("admin:news_newsitem_add"), {"date": "2025-03-01", "body": "Added through the admin"}
    )
    assert response.status_code == 302
    page = visitor.get("/news/")
    assert page["X-Page-Cache"] == "miss" and "Added through the admin" in page.content.decode()


def test_a_refused_write_keeps_the_cache(member, admin_client_logged_in):
    before = page_generation()
    response = admin_client_logged_in.post(reverse("admin:news_newsitem_add"), {"date": "not a date", "body": ""})
    assert response.status_code == 400
    assert page_generation() == before


def test_signed_in_users_never_get_or_leave_cached_pages(member, admin_client_logged_in, django_assert_num_queries):
    address = member.get_absolute_url()
    signed_in = admin_client_logged_in.get(address)
    assert "X-Page-Cache" not in signed_in
    assert Client().get(address)["X-Page-Cache"] == "miss"  # the signed-in visit stored nothing
    assert Client().get(address)["X-Page-Cache"] == "hit"
    again = admin_client_logged_in.get(address)
    assert "X-Page-Cache" not in again and again.status_code == 200


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(member):
    address = member.get_absolute_url()
    Client().get(address)
    visitor = Client()
    visitor.cookies["sessionid"] = "whatever"
    assert "X-Page-Cache" not in visitor.get(address)


@pytest.mark.urls(__name__)
def test_responses_that_set_a_cookie_are_not_cached(db):
    visitor = Client()
    assert "X-Page-Cache" not in visitor.get("/cookie/")
    second = visitor.get("/cookie/")
    assert "X-Page-Cache" not in second and second.cookies["preference"].value == "dark"
    assert visitor.get("/plain/")["X-Page-Cache"] == "miss"
    assert visitor.get("/plain/")["X-Page-Cache"] == "hit"


@pytest.mark.urls(__name__)
def test_responses_marked_private_or_no_store_are_not_cached(db):
    visitor = Client()
    visitor.get("/private/")
    assert "X-Page-Cache" not in visitor.get("/private/")


@pytest.mark.parametrize("address", ["/healthz", "/admin/login/"])
def test_private_and_live_pages_are_not_cached(db, address):
    visitor = Client()
    visitor.get(address)
    assert "X-Page-Cache" not in visitor.get(address)


def test_a_bump_from_any_process_makes_every_page_stale(member):
    visitor = Client()
    visitor.get("/")
    assert visitor.get("/")["X-Page-Cache"] == "hit"
    page_cache_bump()
    assert visitor.get("/")["X-Page-Cache"] == "miss"


def test_a_lost_generation_only_costs_a_miss(member):
    from django.core.cache import cache

    visitor = Client()
    visitor.get("/")
    cache.delete(GENERATION_KEY)
    assert visitor.get("/")["X-Page-Cache"] == "miss"
    assert visitor.get("/")["X-Page-Cache"] == "hit"


def test_head_requests_are_answered_from_the_cache(member):
    visitor = Client()
    visitor.get("/")
    assert visitor.head("/")["X-Page-Cache"] == "hit"


def test_zero_seconds_turns_the_page_cache_off(member, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visitor = Client()
    visitor.get("/")
    assert "X-Page-Cache" not in visitor.get("/")


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_saves_many_rows_bumps_the_generation_once():
    generations = []
    original = cache.set

    def counting_set(key, *args, **kwargs):
        if key == GENERATION_KEY:
            generations.append(args[0])
        return original(key, *args, **kwargs)

    cache.set = counting_set
    try:
        with transaction.atomic():
            for _ in range(20):
                ResearcherFactory()
    finally:
        cache.set = original
    assert len(generations) == 1
