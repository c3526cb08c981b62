"""seed_demo's lab record, news and blog: a lab that looks alive, loaded once and refreshed in place."""

from django.db.models import Count
from django.utils import timezone

from news.demo import NEWS, POSTS
from news.models import NewsItem, Post, Tag
from researchers.models import Lab, Researcher
from tests.conftest import seed_demo


def snapshot():
    return {
        "news": NewsItem.objects.count(),
        "pinned": NewsItem.objects.filter(pinned=True).count(),
        "mentions": NewsItem.mentioned_members.through.objects.count(),
        "papers": NewsItem.mentioned_publications.through.objects.count(),
        "posts": Post.objects.count(),
        "authors": Post.authors.through.objects.count(),
        "tags": Tag.objects.count(),
        "post tags": Post.tags.through.objects.count(),
        "labs": Lab.objects.count(),
    }


def test_the_demo_lab_has_a_name_tagline_two_paragraph_intro_logo_and_recruiting_call(demo_output, settings):
    lab = Lab.load()
    assert lab.pk == 1 and lab.name == settings.LAB_NAME
    assert lab.tagline and "Example University" in lab.tagline
    assert lab.intro_html.count("<p>") == 2
    assert lab.logo and lab.logo.name.endswith(".png")
    assert "<strong>Join us.</strong>" in lab.recruiting_html


def test_about_twenty_news_items_span_the_last_two_years_with_one_pinned(demo_output):
    today = timezone.localdate()
    items = NewsItem.objects.all()
    assert 18 <= items.count() <= 25
    assert items.filter(pinned=True).count() == 1
    dates = sorted(item.date for item in items)
    assert dates[-1] <= today and (today - dates[0]).days <= 2 * 366
    assert (today - dates[0]).days > 365


def test_news_belongs_to_the_lab_or_to_members_and_mentions_members_and_papers(demo_output):
    items = NewsItem.objects.all()
    assert items.filter(owner=None).count() >= 8
    assert items.exclude(owner=None).values("owner").distinct().count() >= 5
    linked = items.filter(body_html__contains='href="/people/')
    assert linked.count() >= 6, "members are mentioned with @slug and become links"
    assert items.annotate(mentions=Count("mentioned_members")).filter(mentions__gt=0).count() >= 10
    without_at = items.annotate(mentions=Count("mentioned_members")).filter(mentions__gt=0).exclude(body__contains="@")
    assert without_at.exists(), "some mentions are made only through mentioned_members"
    assert items.annotate(papers=Count("mentioned_publications")).filter(papers__gt=0).count() >= 8
    assert items.filter(body__regex=r"[\U0001F300-\U0001FAFF]").count() >= 15, "emoji welcome"
    assert "@" not in "".join(items.values_list("body_html", flat=True)).replace("example.org", "")


def test_every_demo_mention_names_an_existing_member_and_every_paper_exists(demo_output):
    slugs = set(Researcher.objects.values_list("slug", flat=True))
    for spec in NEWS:
        assert set(spec.get("mentions", [])) <= slugs
        assert spec.get("owner") in slugs | {None}
    assert NewsItem.mentioned_publications.through.objects.count() == sum(len(spec.get("papers", [])) for spec in NEWS)


def test_blog_has_published_posts_with_authors_shared_tags_and_rich_markdown_and_one_draft(demo_output):
    published = Post.objects.published()
    assert 4 <= published.count() <= 6
    assert Post.objects.filter(status=Post.Status.DRAFT).count() == 1
    for post in Post.objects.all():
        assert post.authors.exists() and post.tags.exists() and post.summary
    assert Tag.objects.annotate(uses=Count("posts")).filter(uses__gt=1).count() >= 2
    bodies = "".join(published.values_list("body_html", flat=True))
    assert "<h4" in bodies and "<ul>" in bodies and "<ol>" in bodies and "<pre><code" in bodies
    assert "<table>" in bodies


def test_the_demo_member_page_shows_news_and_latest_posts(demo_output, client):
    page = client.get("/people/yutong-chen/").content.decode()
    assert 'id="news-heading"' in page and 'id="posts-heading"' in page
    assert "World Models That Know What They Do Not Know" in page
    assert "A gentle introduction to world models" in page


def test_the_demo_home_news_and_blog_pages_open(demo_output, client):
    for url in ["/", "/news/", "/news/?member=elena-marchetti", "/blog/", "/blog/tag/tutorial/", "/sitemap.xml"]:
        assert client.get(url).status_code == 200, url
    for post in Post.objects.published():
        assert client.get(post.get_absolute_url()).status_code == 200


def test_running_seed_demo_twice_changes_no_news_post_tag_or_lab_count(demo_output):
    before = snapshot()
    seed_demo()
    assert snapshot() == before
    assert len(POSTS) == before["posts"] and len(NEWS) == before["news"]


def test_the_summary_line_counts_news_and_posts(demo_output):
    assert f"{len(NEWS)} news items (1 pinned)" in demo_output
    assert "5 blog posts and 1 draft" in demo_output


def test_if_empty_loads_no_lab_news_or_posts_when_a_member_already_exists(alice):
    seed_demo("--if-empty")
    assert snapshot() == dict.fromkeys(snapshot(), 0)
