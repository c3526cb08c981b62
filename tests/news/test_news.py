import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsItem, Post
from news.permissions import can_edit_news
from tests.factories import NewsItemFactory, PostFactory, ResearcherFactory, TagFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def make_news(count, **fields):
    return [
        NewsItemFactory(
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number), body=f"Item {number} 🎉", **fields
        )
        for number in range(count)
    ]


def make_post(title, status=Post.Status.PUBLISHED, date=None, tags=(), authors=()):
    post = PostFactory(
        title=title, slug=title.lower().replace(" ", "-"), body=f"Body of *{title}*", status=status,
        date=date or datetime.date(2025, 3, 1), summary=f"About {title}",
    )  # fmt: skip
    post.tags.set(tags)
    post.authors.set(authors)
    return post


def test_mentions_of_members_become_links_and_unknown_ones_stay_text(db):
    ResearcherFactory(name="Yutong Chen")
    item = NewsItemFactory(body="Congrats @yutong-chen and @nobody! Mail me@example.org")
    assert '<a href="/people/yutong-chen/" rel="nofollow noopener">Yutong Chen</a>' in item.body_html
    assert "@nobody" in item.body_html and "me@example.org" in item.body_html


def test_a_member_mentioned_as_at_slug_sees_the_item_on_their_page(db, client, admin_client_logged_in):
    member = ResearcherFactory(name="Yutong Chen")
    item = NewsItemFactory(body="Congrats @yutong-chen!")
    assert list(item.mentioned_members.all()) == [member]
    assert "Congrats" in client.get(member.get_absolute_url()).content.decode()
    response = admin_client_logged_in.post(
        f"/admin/news/newsitem/{item.pk}/change/", {"date": "2025-01-02", "body": "Well done @yutong-chen"}
    )
    assert response.status_code == 302
    assert list(item.mentioned_members.all()) == [member]


def test_news_markdown_is_sanitised(db):
    item = NewsItemFactory(body="<script>alert(1)</script>[x](javascript:alert(1)) **ok**")
    assert "<script" not in item.body_html and "javascript:" not in item.body_html
    assert "<strong>ok</strong>" in item.body_html


def test_news_page_lists_pinned_first_then_newest_with_pagination(db, client):
    items = make_news(30)
    items[3].pinned = True
    items[3].save()
    page = client.get("/news/").content.decode()
    assert page.index("Item 3 ") < page.index("Item 29 ") < page.index("Item 28 ")
    assert 'aria-current="page">1<' in page and "?page=2" in page and "Item 0 " not in page
    assert "Item 0 " in client.get("/news/?page=2").content.decode()


@pytest.mark.parametrize("count", [5, 80])
def test_news_page_query_count_does_not_grow(db, client, django_assert_max_num_queries, count):
    owner = ResearcherFactory()
    make_news(count, owner=owner)
    with django_assert_max_num_queries(5):
        assert client.get("/news/").status_code == 200


def test_blog_shows_only_published_posts_of_the_past(db, client):
    make_post("Visible Post")
    make_post("Draft Post", status=Post.Status.DRAFT)
    make_post("Future Post", date=timezone.localdate() + datetime.timedelta(days=3))
    page = client.get("/blog/").content.decode()
    assert "Visible Post" in page and "Draft Post" not in page and "Future Post" not in page
    assert client.get("/blog/draft-post/").status_code == 404
    assert client.get("/blog/visible-post/").status_code == 200


def test_lab_admins_can_preview_a_draft(admin_client_logged_in):
    make_post("Draft Post", status=Post.Status.DRAFT)
    response = admin_client_logged_in.get("/blog/draft-post/")
    assert (
        response.status_code == 200
        and "Only its authors and the lab admins can open this post" in response.content.decode()
    )


def test_tag_pages_list_that_tags_posts(db, client):
    robots = TagFactory(name="Robots", slug="robots")
    make_post("Tagged Post", tags=[robots])
    make_post("Other Post")
    page = client.get("/blog/tag/robots/").content.decode()
    assert "Tagged Post" in page and "Other Post" not in page
    assert client.get("/blog/tag/nothing/").status_code == 404


@pytest.mark.parametrize("count", [3, 40])
def test_blog_query_count_does_not_grow(db, client, django_assert_max_num_queries, count):
    tag = TagFactory(name="ML", slug="ml")
    author = ResearcherFactory()
    for number in range(count):
        make_post(f"Post {number}", tags=[tag], authors=[author])
    with django_assert_max_num_queries(5):
        assert client.get("/blog/").status_code == 200


def parse_feed(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_feeds_are_valid_atom_with_entries(db, client):
    member = ResearcherFactory(slug="ada")
    make_news(3, owner=member)
    NewsItemFactory(body="Lab news without owner")
    make_post("Feed Post", authors=[member])
    lab = parse_feed(client.get("/news/feed/"))
    assert len(lab.findall(f"{ATOM}entry")) == 4
    mine = parse_feed(client.get("/people/ada/news/feed/"))
    assert len(mine.findall(f"{ATOM}entry")) == 3
    blog = parse_feed(client.get("/blog/feed/"))
    assert blog.find(f"{ATOM}entry/{ATOM}title").text == "Feed Post"
    assert client.get("/people/nobody/news/feed/").status_code == 404


def test_news_of_a_hidden_member_is_not_shown_anywhere(db, client):
    from tests.factories import ResearcherFactory

    hidden = ResearcherFactory(visibility="hidden")
    NewsItemFactory(owner=hidden, body="A secret appointment")
    NewsItemFactory(body="Lab news anyone may read")

    for url in ["/", "/news/", "/news/feed/", "/search/?q=secret+appointment"]:
        page = client.get(url).content.decode()
        assert "A secret appointment" not in page, url
    assert "Lab news anyone may read" in client.get("/news/").content.decode()


def test_saving_a_news_item_looks_up_no_member(db):
    ResearcherFactory(slug="yutong-chen")
    item = NewsItem(body="Congrats @yutong-chen!")
    with CaptureQueriesContext(connection) as queries:
        item.save()
    assert not [query for query in queries if "researchers_researcher" in query["sql"]]
    assert "@yutong-chen" in item.body_html and list(item.mentioned_members.all()) == []


def test_a_saved_item_keeps_its_mention_links_when_only_its_pin_changes(db):
    ResearcherFactory(name="Yutong Chen")
    item = NewsItem.objects.get(pk=NewsItemFactory(body="Congrats @yutong-chen!").pk)
    item.pinned = True
    item.save()
    item.refresh_from_db()
    assert '<a href="/people/yutong-chen/"' in item.body_html


def test_a_news_item_saved_directly_with_new_text_shows_that_text(db):
    ResearcherFactory(name="Yutong Chen")
    item = NewsItemFactory(body="Congrats @yutong-chen!")
    item.body = "Welcome @yutong-chen"
    item.save()
    assert "Welcome @yutong-chen" in item.body_html


def test_a_member_edits_their_own_news_and_only_lab_admins_the_labs(db, alice, bob):
    own, labs = NewsItemFactory(owner=alice), NewsItemFactory(owner=None)
    assert can_edit_news(alice.user, own) and not can_edit_news(bob.user, own)
    assert not can_edit_news(alice.user, labs)
