"""What search engines and link previews read: sitemap, robots.txt, OpenGraph tags and JSON-LD."""

import datetime
import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils import timezone

from news.models import Post
from publications.models import LinkState
from researchers.models import Lab, Link, Visibility
from tests.factories import (
    AuthorshipFactory,
    LabFactory,
    LinkFactory,
    PostFactory,
    PublicationFactory,
    ResearcherFactory,
    YiLiuFactory,
    image_upload,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://lab.example.org"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = SITE_URL


class Head(HTMLParser):
    """OpenGraph and Twitter meta tags, and the parsed JSON-LD scripts, of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.json_ld, self._script = {}, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs["content"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = ""

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads(self._script))
            self._script = None


def head_of(client, url):
    return Head(client.get(url).content.decode())


# ---------------------------------------------------------------- sitemap and robots.txt


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_sitemap_lists_sections_people_papers_and_posts_at_the_public_address(db, client):
    listed = ResearcherFactory(slug="listed")
    alumnus = ResearcherFactory(slug="alumnus", status="alumni")
    ResearcherFactory(slug="unlisted", visibility=Visibility.UNLISTED)
    ResearcherFactory(slug="hidden", visibility=Visibility.HIDDEN)
    paper = PublicationFactory()
    PostFactory(title="Out", slug="out", body="x", status=Post.Status.PUBLISHED, date=datetime.date(2025, 1, 1))
    PostFactory(title="Draft", slug="draft", body="x", status=Post.Status.DRAFT)
    future = timezone.localdate() + datetime.timedelta(days=7)
    PostFactory(title="Soon", slug="soon", body="x", status=Post.Status.PUBLISHED, date=future)

    # Whatever host the request names, the addresses are the lab's public ones.
    locations = sitemap_locations(client)

    for path in ["/", "/people/", "/publications/", "/news/", "/blog/"]:
        assert f"{SITE_URL}{path}" in locations
    assert f"{SITE_URL}/people/listed/" in locations and f"{SITE_URL}/people/alumnus/" in locations
    assert f"{SITE_URL}/publications/{paper.pk}/" in locations
    assert f"{SITE_URL}/blog/out/" in locations
    assert not [url for url in locations if "unlisted" in url or "hidden" in url]
    assert f"{SITE_URL}/blog/draft/" not in locations and f"{SITE_URL}/blog/soon/" not in locations
    assert all(url.startswith(f"{SITE_URL}/") for url in locations)
    assert locations[f"{SITE_URL}/people/listed/"] == listed.updated_at.date().isoformat()
    assert locations[f"{SITE_URL}/people/alumnus/"] == alumnus.updated_at.date().isoformat()
    assert locations[f"{SITE_URL}/publications/{paper.pk}/"] == paper.updated_at.date().isoformat()


@pytest.mark.parametrize("size", [3, 60])
def test_sitemap_makes_the_same_few_queries_however_many_pages(db, client, django_assert_max_num_queries, size):
    ResearcherFactory.create_batch(size)
    PublicationFactory.create_batch(size)
    with django_assert_max_num_queries(8):
        assert len(sitemap_locations(client)) == 5 + 2 * size


def test_robots_txt_allows_crawling_except_admin_and_dashboard_and_points_at_the_sitemap(db, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines and "Disallow: /admin/" in lines and "Disallow: /me/" in lines
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines


# ---------------------------------------------------------------- link previews and JSON-LD


@pytest.fixture
def yi(db):
    member = YiLiuFactory(orcid="0000-0002-1825-0097", photo=image_upload(size=(320, 240)))
    LinkFactory(researcher=member, kind=Link.Kind.SCHOLAR, url="https://scholar.google.com/citations?user=yiliu")
    LinkFactory(researcher=member, kind=Link.Kind.GITHUB, url="https://github.com/yi-liu-example")
    LinkFactory(researcher=member, kind=Link.Kind.OTHER, url="https://example.org/some-page")
    return member


def test_member_page_has_link_preview_tags_with_their_photo(client, yi):
    meta = head_of(client, "/people/yi-liu/").meta
    assert meta["og:title"] == "Yi Liu"
    assert meta["og:type"] == "profile"
    assert meta["og:url"] == f"{SITE_URL}/people/yi-liu/"
    assert meta["og:description"] == "Yi Liu, PhD student, Example University. Robust and verifiable machine learning"
    assert meta["og:image"] == f"{SITE_URL}{yi.photo.url}"
    assert meta["og:site_name"] == settings.LAB_NAME
    assert meta["twitter:card"] == "summary"


def test_member_page_describes_the_person_in_json_ld_without_their_email(client, yi):
    (person,) = head_of(client, "/people/yi-liu/").json_ld
    assert person["@type"] == "Person" and person["@context"] == "https://schema.org"
    assert person["name"] == "Yi Liu" and person["alternateName"] == "刘毅"
    assert person["jobTitle"] == "PhD student"
    assert person["affiliation"] == {"@type": "Organization", "name": "Example University"}
    assert person["url"] == f"{SITE_URL}/people/yi-liu/"
    assert person["image"] == f"{SITE_URL}{yi.photo.url}"
    assert person["sameAs"] == [
        "https://orcid.org/0000-0002-1825-0097",
        "https://scholar.google.com/citations?user=yiliu",
        "https://github.com/yi-liu-example",
    ]
    text = json.dumps(person)
    assert "email" not in text and "yi.liu@" not in text and "Room 3.05" not in text


def test_json_ld_cannot_be_closed_early_by_a_name(db, client):
    ResearcherFactory(slug="mallory", name="Mallory</script><script>alert(1)</script>", focus="a & b <i>")
    page = client.get("/people/mallory/").content.decode()
    script = page[page.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>")]
    assert "<" not in script.removeprefix('<script type="application/ld+json">')
    assert "\\u003c/script\\u003e" in script and "\\u0026" in script
    (person,) = Head(page).json_ld
    assert person["name"] == "Mallory</script><script>alert(1)</script>"


def test_paper_json_ld_uses_the_same_script_safe_writer(db, client):
    paper = PublicationFactory(title="Breaking </script> out & about")
    page = client.get(paper.get_absolute_url()).content.decode()
    assert "Breaking \\u003c/script\\u003e out \\u0026 about" in page
    (article,) = Head(page).json_ld
    assert article["@type"] == "ScholarlyArticle" and article["name"] == "Breaking </script> out & about"


def test_home_describes_the_lab_as_an_organization_with_its_logo(db, client):
    LabFactory(
        name="Robot Learning Lab",
        tagline="Robots that learn",
        intro="We build **robots**.",
        logo=image_upload("logo.png", size=(300, 300)),
    )
    head = head_of(client, "/")
    (organization,) = head.json_ld
    lab = Lab.load()
    assert organization["@type"] == "ResearchOrganization"
    assert organization["name"] == "Robot Learning Lab"
    assert organization["url"] == f"{SITE_URL}/"
    assert organization["logo"] == f"{SITE_URL}{lab.logo.url}"
    assert organization["description"] == "Robots that learn"
    assert head.meta["og:image"] == f"{SITE_URL}{lab.logo.url}"
    assert head.meta["og:title"] == "Robot Learning Lab" and head.meta["og:description"] == "Robots that learn"
    assert head.meta["description"] == "Robots that learn"


def test_without_a_tagline_the_lab_is_described_by_the_start_of_its_intro(db, client):
    LabFactory(name="Lab", intro="We build **robots** & more.\n\nSecond paragraph.")
    (organization,) = head_of(client, "/").json_ld
    assert organization["description"] == "We build robots & more. Second paragraph."
    assert "logo" not in organization


def test_pages_without_their_own_image_show_the_lab_logo_and_those_without_a_logo_show_none(db, client):
    member = ResearcherFactory(slug="no-photo")
    assert "og:image" not in head_of(client, "/people/no-photo/").meta
    LabFactory(name="Lab", logo=image_upload("logo.png", size=(300, 300)))
    assert head_of(client, f"/people/{member.slug}/").meta["og:image"] == f"{SITE_URL}{Lab.load().logo.url}"
    assert head_of(client, "/people/").meta["og:image"] == f"{SITE_URL}{Lab.load().logo.url}"


def test_posts_and_papers_are_shared_as_articles_with_their_own_title(db, client, alice):
    post = PostFactory(
        title="Hello world", slug="hello", body="x", summary="A first post.", status=Post.Status.PUBLISHED,
        date=datetime.date(2025, 1, 2),
    )  # fmt: skip
    meta = head_of(client, post.get_absolute_url()).meta
    assert (meta["og:type"], meta["og:title"], meta["og:description"]) == ("article", "Hello world", "A first post.")
    assert meta["article:published_time"] == "2025-01-02"
    paper = PublicationFactory(title="A paper", abstract="We show things.")
    AuthorshipFactory(publication=paper, researcher=alice, link_state=LinkState.CONFIRMED, name=alice.name)
    meta = head_of(client, paper.get_absolute_url()).meta
    assert (meta["og:type"], meta["og:title"], meta["og:description"]) == ("article", "A paper", "We show things.")


def test_every_public_page_has_link_preview_tags(db, client, alice):
    for url in ["/", "/people/", "/people/alice-moreau/cv/", "/publications/", "/news/", "/blog/"]:
        meta = head_of(client, url).meta
        assert {"og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card"} <= set(meta), url
        assert meta["og:url"] == f"{SITE_URL}{url}"


def test_unlisted_members_ask_search_engines_not_to_index_their_page(db, client):
    unlisted = ResearcherFactory(visibility="unlisted")
    listed = ResearcherFactory()
    assert '<meta name="robots" content="noindex">' in client.get(unlisted.get_absolute_url()).content.decode()
    assert 'name="robots"' not in client.get(listed.get_absolute_url()).content.decode()
