"""Control characters never reach a text column, a feed, or markdown's placeholders."""

import pytest
from django.db import connection
from django.urls import reverse

from news.models import NewsItem, Post
from portal.markdown import markdownify
from researchers.common.text import strip_control
from tests.factories import PublicationFactory

HOSTILE = "Go\x00od\x07 news\x1b[31m\x0b\x0c\x7f\x85 here\r\nnext\tline\ufffe"
# What a row written past save() can hold: PostgreSQL refuses NUL in text, SQLite keeps it.
STORED = HOSTILE.replace("\x00", "") if connection.vendor == "postgresql" else HOSTILE


def test_control_characters_other_than_tab_and_newline_are_stripped():
    assert strip_control(HOSTILE) == "Good news[31m here\nnext\tline"


def test_every_text_field_of_every_app_is_stripped_on_save(alice):
    news = NewsItem.objects.create(date="2025-01-01", body=HOSTILE)
    paper = PublicationFactory(title=HOSTILE, abstract=HOSTILE)
    alice.name = HOSTILE
    alice.emails = "a@example.org\r\nb@example.org"
    alice.save()
    news.refresh_from_db()
    paper.refresh_from_db()
    alice.refresh_from_db()
    for value in (news.body, news.body_html, paper.title, paper.abstract, alice.name):
        assert not any(ord(char) < 32 and char not in "\t\n" for char in value), repr(value)
        assert "\x7f" not in value and "\x85" not in value
    assert alice.emails == "a@example.org\nb@example.org"


@pytest.mark.parametrize("text", ["a \x02klzzwxh:0\x03 b", "\x02wzxhzdk:7\x03", "`x` \x02klzzwxh:000\x03 <b>y</b>"])
def test_markdowns_placeholder_never_reaches_stored_html(text, alice):
    alice.bio = text
    alice.save()
    assert alice.bio_html.count("<code>") <= 1  # the placeholder did not bring the code span back twice
    assert "\x02" not in alice.bio_html and "\x03" not in alice.bio_html
    assert "\x02" not in markdownify(text) and "\x03" not in markdownify(text)


@pytest.mark.parametrize("feed", ["news:feed", "news:blog_feed"])
def test_feeds_answer_even_when_stored_text_carries_control_characters(feed, alice, client):
    NewsItem.objects.create(date="2025-01-01", body="Fine", owner=alice)
    Post.objects.create(title="Fine", slug="fine", body="Fine", status=Post.Status.PUBLISHED, date="2025-01-01")
    # Written past save(), as rows stored before the clean-up were.
    NewsItem.objects.update(body=STORED, body_html=f"<p>{STORED}</p>")
    Post.objects.update(title=STORED, body_html=f"<p>{STORED}</p>", summary=STORED)
    response = client.get(reverse(feed))
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_a_members_news_feed_answers_with_control_characters_in_their_name(alice, client):
    NewsItem.objects.create(date="2025-01-01", body="Fine", owner=alice)
    type(alice).objects.filter(pk=alice.pk).update(name=STORED)
    response = client.get(reverse("news:member_feed", args=[alice.slug]))
    assert response.status_code == 200
