"""Markdown that would tie up a worker is refused with a message, in the preview and on every save.

Each input below took Python-Markdown from tens of seconds to minutes before the bounds. The tests
check the outcome (refused, with a message, nothing written), never the time taken: that is for
`make bench`.
"""

import pytest
from django.urls import reverse

from news.models import NewsItem
from researchers.models import Researcher

PATHOLOGICAL = {
    "nested brackets": "[" * 50_000 + "a" + "]" * 50_000,
    "unclosed brackets": "[" * 100_000,
    "60,000 headings": "# h\n" * 60_000,
    "abbreviation definitions": "".join(f"*[A{number}]: x\n" for number in range(12_000)) + "A1 " * 100,
    "footnotes": "".join(f"x[^{number}]\n\n[^{number}]: y\n" for number in range(7_000)),
    "nested divs": '<div markdown="1">\n' * 5_000 + "x\n" + "</div>\n" * 5_000,
    "half a megabyte": "# h\n" * 125_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_pathological_preview_answers_with_a_message(name, alice, client):
    client.force_login(alice.user)
    response = client.post(reverse("markdownx_markdownify"), {"content": PATHOLOGICAL[name]})
    body = response.content.decode()
    if response.status_code == 200:  # rendered within the bounds: a page, not a worker tied up
        assert "<script" not in body
    else:
        assert response.status_code == 400
        assert "too complex" in body


def test_text_over_the_length_limit_is_refused_in_the_preview(alice, client):
    client.force_login(alice.user)
    response = client.post(reverse("markdownx_markdownify"), {"content": "word " * 120_000})
    assert response.status_code == 400
    assert "600,000 characters; the limit is 500,000" in response.content.decode()


def test_a_render_past_the_time_bound_is_stopped_and_refused(alice, client, settings):
    settings.MARKDOWN_RENDER_SECONDS = 0.01  # no child process starts that fast
    client.force_login(alice.user)
    response = client.post(reverse("markdownx_markdownify"), {"content": "[" * 5_000})
    assert response.status_code == 400
    assert "too complex to render" in response.content.decode()


def test_short_ordinary_text_still_previews(alice, client):
    client.force_login(alice.user)
    response = client.post(reverse("markdownx_markdownify"), {"content": "# Hi\n\nA [link](https://example.org)"})
    assert response.status_code == 200
    assert "<h3" in response.content.decode()


def test_a_long_ordinary_post_renders_in_the_request_without_a_child_process(alice, client, settings):
    settings.MARKDOWN_RENDER_SECONDS = 0.01  # no child process starts that fast: only an in-request render answers
    client.force_login(alice.user)
    sections = (
        f"# Part {number}\n\n" + "Words of a blog post, with a [link](https://example.org/) and *emphasis*. " * 8
        for number in range(30)
    )
    response = client.post(reverse("markdownx_markdownify"), {"content": "\n\n".join(sections)})
    assert response.status_code == 200
    assert response.content.decode().count("<h3") == 30


def test_long_ordinary_text_renders_in_the_child_process(alice, client, settings):
    settings.MARKDOWN_RENDER_SECONDS = 60  # what is checked is the output, not how busy the machine is
    client.force_login(alice.user)
    text = "\n\n".join(
        f"Paragraph {number} with *emphasis* and a [link](https://example.org/{number})." for number in range(300)
    )
    response = client.post(reverse("markdownx_markdownify"), {"content": text})
    assert response.status_code == 200
    assert response.content.decode().count("<em>") == 300


@pytest.mark.parametrize("name", ["nested brackets", "60,000 headings", "nested divs"])
def test_a_pathological_bio_is_refused_on_save_and_nothing_is_written(name, alice, client, settings):
    settings.MARKDOWN_MAX_CHARS = 1_000_000  # past the length check: the render itself is bounded
    settings.MARKDOWN_RENDER_SECONDS = 0.5
    client.force_login(alice.user)
    before = Researcher.objects.values().get(pk=alice.pk)
    response = client.post(reverse("me:profile"), {"name": "Alice Moreau", "news_limit": 5, "visibility": "public",
                                                   "bio": PATHOLOGICAL[name]})  # fmt: skip
    assert response.status_code == 400
    assert "too complex to render" in response.content.decode()
    assert Researcher.objects.values().get(pk=alice.pk) == before


def test_a_news_item_over_the_limit_is_refused_in_the_admin(admin_client_logged_in, settings):
    settings.MARKDOWN_MAX_CHARS = 1_000
    response = admin_client_logged_in.post(
        reverse("admin:news_newsitem_add"), {"date": "2025-01-01", "body": "x" * 1_001}
    )
    assert response.status_code == 400
    assert "the limit is 1,000" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_a_save_that_skips_validation_stores_the_text_escaped_instead(alice, settings):
    settings.MARKDOWN_MAX_CHARS = 100
    alice.bio = "<script>alert(1)</script> " * 10
    alice.save()
    assert alice.bio_html.startswith("<p>&lt;script&gt;")
