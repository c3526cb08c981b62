"""News and blog pages in real Chromium: the lab home, news, blog, a post and a member page with news."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from news.models import Post
from researchers.demo import logo_png
from tests.factories import LabFactory, NewsItemFactory, PostFactory, PublicationFactory, TagFactory

POST_BODY = """\
Running twelve robots with three people takes one queue, automatic resets and a single log.

## One queue for every experiment

- Nobody books a robot by the hour any more.
- Failed jobs go back to the queue with the robot's log attached, so whoever picks them up sees what happened.

```python
episode = fleet.run(job, robot="ur5-07", checkpoint="policies/generalist-2026-03-01/step-120000.pt")
```

| Part | Choice |
| --- | --- |
| Robot | a 12 kg quadruped |
| Policy | a small MLP at 50 Hz |
"""


@pytest.fixture
def news(lab):
    """The lab record, ten news items (lab-wide, Yi's own and ones mentioning Yi) and four posts."""
    student, pi = lab["student"], lab["pi"]
    LabFactory(
        name="Robust Learning Lab",
        tagline="Machine learning that keeps working when the world changes · Example University",
        intro="We study **robust and verifiable** machine learning.\n\nCode and data go with every paper.",
        recruiting="**Join us.** Two PhD positions for fall 2027.",
        logo=ContentFile(logo_png(), name="logo.png"),
    )
    paper = PublicationFactory(title="Faster Diffusion via Temporal Attention Decomposition", featured=True)
    today = timezone.localdate()
    bodies = [
        ("🎓 **We are hiring!** Two PhD positions start in fall 2027; write to @margaret-hamilton.", None, True),
        ("📄 Our paper on temporal attention was accepted at TMLR, congratulations @yi-liu!", None, False),
        ("🎤 I gave a talk on certified robustness at the ML Reading Group.", student, False),
        ("🏆 Outstanding Reviewer Award at NeurIPS. Thanks to everyone who taught me to review.", student, False),
        ("👋 Welcome to our new postdoc, who joins us from Example Institute of Technology.", None, False),
        ("☀️ Summer internship at Example Research Labs in Zürich starts today.", student, False),
        ("🤖 The lab's robot fleet passed 100,000 hours of logged operation.", None, False),
        ("📦 A very long news item that wraps over several lines on a phone: " + "robustness " * 12, student, False),
    ]
    for days_ago, (body, owner, pinned) in enumerate(bodies):
        item = NewsItemFactory(
            body=body, owner=owner, pinned=pinned, date=today - datetime.timedelta(days=20 * days_ago + 3)
        )
        if owner is None:
            item.mentioned_members.add(student)
        if days_ago == 1:
            item.mentioned_publications.add(paper)
    tutorial, robustness = (TagFactory(name=name, slug=name.lower()) for name in ("Tutorial", "Robustness"))
    for number, title in enumerate(
        [
            "How we run a twelve-robot fleet with three people",
            "A gentle introduction to certified robustness",
            "What we learned from releasing our first open dataset",
            "Notes from NeurIPS",
        ]
    ):
        post = PostFactory(
            title=title, slug=f"post-{number}", body=POST_BODY, summary=f"Summary of “{title}”.",
            status=Post.Status.PUBLISHED, date=today - datetime.timedelta(days=30 * number + 1),
        )  # fmt: skip
        post.authors.set([student, pi] if number % 2 else [student])
        post.tags.set([tutorial, robustness] if number % 2 else [tutorial])
    return student


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("lab-home", "/"),
        ("news", "/news/"),
        ("blog", "/blog/"),
        ("post", "/blog/post-0/"),
        ("member-with-news", "/people/yi-liu/"),
    ],
)
def test_news_pages_fit_phone_and_desktop_widths_in_light_and_dark(name, path, news, server, screenshots):
    screenshots(server + path, name)


def test_member_news_box_scrolls_and_keyboard_users_can_reach_it(news, server, page):
    page.goto(server + "/people/yi-liu/")
    box = page.locator(".news-scroll")
    expect(box.locator(".news-item")).to_have_count(5)
    assert box.evaluate("box => box.scrollHeight > box.clientHeight")
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("End")
    for _ in range(40):  # smooth scrolling takes a moment; the page's policy forbids wait_for_function's eval
        if box.evaluate("box => box.scrollTop") > 0:
            break
        page.wait_for_timeout(50)
    assert box.evaluate("box => box.scrollTop") > 0

    page.get_by_role("link", name="All news").click()
    expect(page.locator("h1")).to_have_text("News about Yi Liu")
    expect(page.locator(".news-item")).to_have_count(8)
