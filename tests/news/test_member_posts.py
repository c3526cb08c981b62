"""Members write blog posts from /me/: drafts they preview, published posts on the blog and their page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsItem, Post, Tag
from news.permissions import can_edit_news, can_edit_post

pytestmark = pytest.mark.django_db


def post_data(**changes):
    data = {
        "title": "What we learned at ICRA",
        "date": timezone.localdate().isoformat(),
        "summary": "Three talks worth your time.",
        "body": "- robust grasping\n- *world models*\n- tactile sensing",
        "status": Post.Status.DRAFT,
    }
    return {**data, **changes}


def test_a_member_writes_a_draft_that_only_they_can_open(alice_client, alice, client):
    response = alice_client.post(reverse("me:post_add"), post_data())

    post = Post.objects.get()
    assert response["Location"] == reverse("me:post_edit", args=[post.pk])
    assert list(post.authors.all()) == [alice]
    assert post.slug == "what-we-learned-at-icra"
    assert "<li><em>world models</em></li>" in post.body_html
    preview = alice_client.get(post.get_absolute_url())
    assert preview.status_code == 200
    assert "Only its authors and the lab admins can open this post" in preview.content.decode()
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "What we learned" not in client.get(reverse("news:blog")).content.decode()


def test_publishing_puts_the_post_on_the_blog_and_the_members_page(alice_client, alice, client):
    alice_client.post(reverse("me:post_add"), post_data(status=Post.Status.PUBLISHED))
    client.logout()

    assert "What we learned at ICRA" in client.get(reverse("news:blog")).content.decode()
    assert "What we learned at ICRA" in client.get(alice.get_absolute_url()).content.decode()


def test_a_post_dated_in_the_future_waits_for_its_day(alice_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = alice_client.post(
        reverse("me:post_add"), post_data(status=Post.Status.PUBLISHED, date=tomorrow.isoformat()), follow=True
    )

    assert "it appears on the blog on" in response.content.decode()
    assert not Post.objects.get().is_public


def test_titles_that_clash_get_their_own_address(alice_client):
    alice_client.post(reverse("me:post_add"), post_data())
    alice_client.post(reverse("me:post_add"), post_data())

    assert sorted(Post.objects.values_list("slug", flat=True)) == [
        "what-we-learned-at-icra",
        "what-we-learned-at-icra-2",
    ]


def test_the_member_lists_edits_and_deletes_their_own_posts(alice_client, alice):
    alice_client.post(reverse("me:post_add"), post_data())
    post = Post.objects.get()

    listing = alice_client.get(reverse("me:posts")).content.decode()
    assert "What we learned at ICRA" in listing and "draft" in listing and "Preview" in listing

    alice_client.post(reverse("me:post_edit", args=[post.pk]), post_data(title="ICRA, briefly"))
    post.refresh_from_db()
    assert post.title == "ICRA, briefly"
    assert post.slug == "what-we-learned-at-icra"  # the address stays, links to it keep working

    confirmation = alice_client.get(reverse("me:post_delete", args=[post.pk])).content.decode()
    assert "Delete this blog post?" in confirmation and "ICRA, briefly" in confirmation
    assert f'href="{reverse("me:posts")}">Keep it' in confirmation
    alice_client.post(reverse("me:post_delete", args=[post.pk]))
    assert not Post.objects.exists()


def test_a_member_cannot_open_edit_or_delete_a_colleagues_post(alice_client, bob):
    post = Post.objects.create(title="Bob's notes", slug="bobs-notes", body="Mine.")
    post.authors.add(bob)

    assert alice_client.get(reverse("me:post_edit", args=[post.pk])).status_code == 403
    assert alice_client.post(reverse("me:post_edit", args=[post.pk]), post_data(title="Hijacked")).status_code == 403
    assert alice_client.post(reverse("me:post_delete", args=[post.pk])).status_code == 403
    assert alice_client.get(post.get_absolute_url()).status_code == 404  # a draft of someone else
    post.refresh_from_db()
    assert post.title == "Bob's notes"
    assert "Bob's notes" not in alice_client.get(reverse("me:posts")).content.decode()


def test_an_invalid_post_keeps_what_was_typed(alice_client):
    response = alice_client.post(reverse("me:post_add"), post_data(title="", body="My *draft* text"))

    assert response.status_code == 400
    assert "My *draft* text" in response.content.decode()
    assert not Post.objects.exists()


def test_the_body_is_sanitised(alice_client):
    alice_client.post(reverse("me:post_add"), post_data(body="Hi <script>alert(1)</script> [x](javascript:alert(1))"))

    html = Post.objects.get().body_html
    assert "<script" not in html and "javascript:" not in html


def test_permission_rules_for_posts_and_news(alice, bob, lab_admin):
    post = Post.objects.create(title="Shared", slug="shared", body="x")
    post.authors.add(alice)
    lab_news = NewsItem.objects.create(body="Lab news")
    bobs_news = NewsItem.objects.create(body="Bob's news", owner=bob)

    assert can_edit_post(alice.user, post) and can_edit_post(lab_admin, post)
    assert not can_edit_post(bob.user, post)
    assert can_edit_news(lab_admin, lab_news) and not can_edit_news(alice.user, lab_news)
    assert can_edit_news(bob.user, bobs_news) and not can_edit_news(alice.user, bobs_news)


def test_a_member_cannot_edit_a_colleagues_news_item_from_the_dashboard(alice_client, bob):
    item = NewsItem.objects.create(body="Bob's news", owner=bob)

    assert alice_client.get(reverse("me:record_edit", args=["news", item.pk])).status_code == 403


@pytest.mark.parametrize("size", [1, 15])
def test_the_post_list_has_a_query_budget(alice_client, alice, size, django_assert_max_num_queries):
    for number in range(size):
        post = Post.objects.create(title=f"Post {number}", slug=f"post-{number}", body="x")
        post.authors.add(alice)
    with django_assert_max_num_queries(8):
        assert alice_client.get(reverse("me:posts")).status_code == 200


def test_tags_are_typed_with_commas_and_reused_across_posts(alice_client):
    Tag.objects.create(name="Robotics", slug="robotics")

    alice_client.post(reverse("me:post_add"), post_data(tag_list="robotics, ICRA 2026, ,Robotics"))

    post = Post.objects.get()
    assert sorted(post.tags.values_list("slug", flat=True)) == ["icra-2026", "robotics"]
    assert Tag.objects.count() == 2
    form = alice_client.get(reverse("me:post_edit", args=[post.pk])).content.decode()
    assert 'value="ICRA 2026, Robotics"' in form

    alice_client.post(reverse("me:post_edit", args=[post.pk]), post_data(tag_list="ICRA 2026"))
    assert list(post.tags.values_list("name", flat=True)) == ["ICRA 2026"]
