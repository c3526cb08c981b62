"""News and posts on a member's homepage, and the lab news list filtered to one member."""

import datetime

import pytest
from django.utils import timezone

from news.models import Post
from researchers.models import Visibility
from tests.factories import NewsItemFactory, PostFactory, ResearcherFactory


def news(body, days_ago=0, **fields):
    return NewsItemFactory(body=body, date=datetime.date(2025, 6, 30) - datetime.timedelta(days=days_ago), **fields)


def post(title, *, authors, days_ago=10, status=Post.Status.PUBLISHED):
    created = PostFactory(
        title=title, slug=title.lower().replace(" ", "-"), body="Text", status=status, summary=f"About {title}",
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
    )  # fmt: skip
    created.authors.set(authors)
    return created


def news_box(page):
    start = page.index('aria-labelledby="news-heading"')
    return page[start : page.index("</section>", start)]


def test_member_page_shows_their_latest_news_up_to_their_limit_with_lab_news_that_mentions_them(db, client, alice):
    alice.news_limit = 3
    alice.save()
    news("Own old news", days_ago=30, owner=alice)
    news("Own recent news", days_ago=1, owner=alice)
    news("Lab news mentioning Alice", days_ago=2).mentioned_members.add(alice)
    news("Own oldest news", days_ago=60, owner=alice)
    news("Lab news about someone else", days_ago=0).mentioned_members.add(ResearcherFactory())
    news("Lab news about nobody", days_ago=0)

    box = news_box(client.get(alice.get_absolute_url()).content.decode())

    assert box.count('class="news-item') == 3
    assert box.index("Own recent news") < box.index("Lab news mentioning Alice") < box.index("Own old news")
    assert "Own oldest news" not in box and "someone else" not in box and "nobody" not in box


def test_member_news_box_scrolls_past_three_items_and_links_to_all_their_news_and_their_feed(db, client, alice):
    for number in range(5):
        news(f"News {number}", days_ago=number, owner=alice)

    box = news_box(client.get(alice.get_absolute_url()).content.decode())

    assert 'class="news-scroll" tabindex="0" role="region"' in box
    assert box.count('class="news-item') == 5
    assert '<a href="/news/?member=alice-moreau">All news' in box
    assert 'href="/people/alice-moreau/news/feed/"' in box


def test_a_short_news_box_does_not_scroll(db, client, alice):
    news("Only news", owner=alice)
    assert "news-scroll" not in news_box(client.get(alice.get_absolute_url()).content.decode())


def test_member_page_has_no_news_box_without_news_or_with_a_limit_of_zero(db, client, alice):
    assert "news-heading" not in client.get(alice.get_absolute_url()).content.decode()
    news("Own news", owner=alice)
    alice.news_limit = 0
    alice.save()
    assert "news-heading" not in client.get(alice.get_absolute_url()).content.decode()


def test_member_page_announces_their_news_feed(db, client, alice):
    page = client.get(alice.get_absolute_url()).content.decode()
    feed = 'type="application/atom+xml" title="Alice Moreau: news" href="/people/alice-moreau/news/feed/"'
    assert f'<link rel="alternate" {feed}>' in page


def test_member_page_lists_their_latest_three_published_posts(db, client, alice, bob):
    post("Oldest post", authors=[alice], days_ago=40)
    post("Older post", authors=[alice, bob], days_ago=30)
    post("Middle post", authors=[alice], days_ago=20)
    post("Newest post", authors=[alice], days_ago=10)
    post("Draft post", authors=[alice], days_ago=5, status=Post.Status.DRAFT)
    post("Future post", authors=[alice], days_ago=-5)
    post("Bob's own post", authors=[bob], days_ago=1)

    page = client.get(alice.get_absolute_url()).content.decode()
    section = page[page.index('aria-labelledby="posts-heading"') :]
    section = section[: section.index("</section>")]

    assert section.count('class="post-card"') == 3
    assert section.index("Newest post") < section.index("Middle post") < section.index("Older post")
    assert "Oldest post" not in section and "Draft post" not in section and "Future post" not in section
    assert "Bob" not in section
    assert "About Newest post" in section


def test_news_list_for_one_member_shows_only_their_news_under_their_name(db, client, alice):
    news("Own news of Alice", owner=alice)
    news("Lab news mentioning Alice").mentioned_members.add(alice)
    news("Lab news about nobody")

    page = client.get("/news/?member=alice-moreau").content.decode()

    assert '<h1>News about <a href="/people/alice-moreau/">Alice Moreau</a></h1>' in page
    assert "<title>News about Alice Moreau · " in page
    assert "Own news of Alice" in page and "Lab news mentioning Alice" in page
    assert "about nobody" not in page
    assert 'class="news-owner' not in page, "her own news needs no byline on her news page"
    assert 'href="/people/alice-moreau/news/feed/"' in page
    assert "about nobody" in client.get("/news/").content.decode()


def test_news_list_for_an_unknown_or_hidden_member_is_not_found(db, client):
    ResearcherFactory(slug="hidden", visibility=Visibility.HIDDEN)
    ResearcherFactory(slug="unlisted", visibility=Visibility.UNLISTED)
    assert client.get("/news/?member=nobody").status_code == 404
    assert client.get("/news/?member=hidden").status_code == 404
    assert client.get("/news/?member=unlisted").status_code == 200


def test_pages_of_one_members_news_keep_the_member_in_their_links(db, client, alice):
    for number in range(30):
        news(f"News {number}", days_ago=number, owner=alice)
    page = client.get("/news/?member=alice-moreau").content.decode()
    assert 'href="?member=alice-moreau&amp;page=2"' in page


@pytest.mark.parametrize("count", [3, 60])
def test_one_members_news_list_makes_the_same_few_queries(db, client, alice, django_assert_max_num_queries, count):
    for number in range(count):
        news(f"News {number}", days_ago=number).mentioned_members.add(alice)
    with django_assert_max_num_queries(6):
        assert client.get("/news/?member=alice-moreau").status_code == 200
