"""export_site: the public site as static files that work from any file server, under any sub-path.

The export is served by Python's own file server from a folder above it, so
that every page lives under /mirror/: a link that resolves there is relative.
"""

import datetime
import re
import threading
import xml.etree.ElementTree as ElementTree
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

import news.views
import publications.views
from news.models import Post
from portal.static_export.mirror import MARKER, LinkRewriter, site_export
from publications.models import Authorship, LinkState, Publication
from publications.services import publication_import
from researchers.models import CVEntry, Lab, Visibility
from tests.factories import CVEntryFactory, NewsItemFactory, PostFactory, ResearcherFactory, TagFactory, image_upload
from tests.security.active_content import active_content, load_vectors

ATOM = "{http://www.w3.org/2005/Atom}"
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def lab(db, settings, tmp_path, alice, bob, monkeypatch):
    """A small lab: two members with photos and a CV, a hidden and an unlisted one, papers, news and posts."""
    # Small pages, so the lists have second pages to link to.
    monkeypatch.setattr(publications.views, "PER_PAGE", 2)
    monkeypatch.setattr(news.views, "NEWS_PER_PAGE", 2)
    monkeypatch.setattr(news.views, "POSTS_PER_PAGE", 1)
    # Static files come from the apps' own folders, not from a collected copy.
    settings.STATIC_ROOT = tmp_path / "collected"
    lab = Lab.load()
    lab.intro = "We study robust learning. Meet [our people](/people/)."
    lab.logo = image_upload("logo.png")
    lab.save()
    alice.photo = image_upload("alice.png")
    alice.cv_file = ContentFile(PDF, name="alice-cv.pdf")
    alice.bio = "I work with [Bob](/people/bob-okafor/) on [our papers](/publications/?page=2)."
    alice.save()
    CVEntryFactory(researcher=alice, section=CVEntry.Section.AWARD, title="Best Poster", date_text="2024")
    hidden = ResearcherFactory(name="Hedda Hidden", visibility=Visibility.HIDDEN, bio="Nobody may read this bio.")
    hidden.photo = image_upload("hedda.png", color=(200, 10, 10))
    hidden.save()
    unlisted = ResearcherFactory(name="Umar Unlisted", visibility=Visibility.UNLISTED)

    # Papers come in through the BibTeX import, as a lab's do, so that their export can round-trip.
    authors = [[alice, bob], [alice, hidden], [bob], [unlisted, alice], [bob]]
    entries = []
    for number, members in enumerate(authors):
        names = " and ".join([*(member.name for member in members), "Outside Coauthor"])
        entries.append(
            f"@inproceedings{{paper{number}, title={{Paper number {number}}}, booktitle={{Conference on Examples}},"
            f" year={{{2020 + number}}}, author={{{names}}}}}"
        )
    report = publication_import(text="\n".join(entries))
    assert len(report.created) == 5 and not report.errors
    papers = list(Publication.objects.order_by("year"))
    for member in [alice, bob, hidden, unlisted]:
        Authorship.objects.filter(name=member.name).update(researcher=member, link_state=LinkState.CONFIRMED)
    Publication.objects.filter(pk=papers[0].pk).update(featured=True)

    for number in range(3):
        NewsItemFactory(body=f"Lab news number {number}")
    NewsItemFactory(body="Congratulations @alice-moreau!", owner=bob).mentioned_publications.add(papers[0])
    tag = TagFactory(name="Robots", slug="robots")
    today = timezone.localdate()
    for title, status, date in [
        ("First post", Post.Status.PUBLISHED, today - datetime.timedelta(days=2)),
        ("Second post", Post.Status.PUBLISHED, today - datetime.timedelta(days=1)),
        ("Secret draft", Post.Status.DRAFT, today),
        ("Future announcement", Post.Status.PUBLISHED, today + datetime.timedelta(days=30)),
    ]:
        post = PostFactory(
            title=title, slug=title.lower().replace(" ", "-"), body=f"{title} text.", status=status, date=date
        )
        post.authors.add(alice)
        post.tags.add(tag)
    return {"alice": alice, "bob": bob, "hidden": hidden, "unlisted": unlisted, "papers": papers}


@pytest.fixture
def export(lab, tmp_path):
    """The export, in a folder one level below what the file server serves."""
    directory = tmp_path / "site" / "mirror"
    report = site_export(directory=directory)
    return directory, report


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def file_server(export):
    """A plain file server over the export's parent folder: the export lives at /mirror/."""
    directory, _ = export
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory.parent)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


class Links(HTMLParser):
    """Every URL a browser would follow or load from a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in {"href", "src", "action", "poster", "xlink:href"}:
                if not (tag in {"link", "meta"} and dict(attrs).get("rel") == "canonical"):
                    self.urls.append(value)
            elif name == "srcset":
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def links_of(html):
    parser = Links()
    parser.feed(html)
    parser.close()
    return parser.urls


def fetch(url):
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def is_internal(url):
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not url.startswith("#")


def crawl(start):
    """Every page and file reachable from `start`: {url: (status, content type)}, and every link seen."""
    seen, queue, links = {}, [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, content_type, body = fetch(url)
        seen[url] = (status, content_type)
        if status != 200:
            continue
        found = []
        if content_type == "text/html":
            found = links_of(body.decode())
        elif content_type == "text/css":
            found = CSS_URL.findall(body.decode())
        for link in found:
            links.append((url, link))
            if is_internal(link):
                target = urljoin(url, link).split("#")[0]
                if target not in seen:
                    queue.append(target)
    return seen, links


def exported_text(directory):
    """Every text file of the export: {relative path: text}."""
    return {
        str(path.relative_to(directory)): path.read_text(errors="replace")
        for path in directory.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".bib", ".json", ".ris", ".txt", ".css", ".js"}
    }


def test_every_link_of_the_export_resolves_from_a_plain_file_server_under_a_sub_path(export, file_server, lab):
    directory, report = export
    pages, links = crawl(f"{file_server}/mirror/index.html")

    failed = {url: status for url, (status, _) in pages.items() if status != 200}
    assert not failed
    assert all(urlsplit(url).path.startswith("/mirror/") for url in pages), "a link climbed out of the sub-path"
    internal = [(page, link) for page, link in links if is_internal(link)]
    assert not [(page, link) for page, link in internal if link.startswith("/")], "root-absolute links remain"
    # Links name the file itself, so the copy also works opened from disk.
    assert not [(page, link) for page, link in internal if urlsplit(link).path.endswith("/")]
    paths = {unquote(urlsplit(url).path) for url in pages}
    expected = {
        "/mirror/index.html",
        "/mirror/people/index.html",
        "/mirror/people/alice-moreau/index.html",
        "/mirror/people/alice-moreau/cv/index.html",
        "/mirror/people/alice-moreau/publications/index.html",
        "/mirror/people/alice-moreau/publications.bib",
        "/mirror/publications/index.html",
        "/mirror/publications/page/2/index.html",
        "/mirror/publications/page/3/index.html",
        f"/mirror/publications/{lab['papers'][0].pk}/index.html",
        f"/mirror/publications/{lab['papers'][0].pk}.ris",
        "/mirror/publications.bib",
        "/mirror/news/index.html",
        "/mirror/news/page/2/index.html",
        "/mirror/news/member/alice-moreau/index.html",
        "/mirror/news/feed/index.xml",
        "/mirror/blog/index.html",
        "/mirror/blog/page/2/index.html",
        "/mirror/blog/first-post/index.html",
        "/mirror/blog/tag/robots/index.html",
        "/mirror/blog/feed/index.xml",
        "/mirror/people/umar-unlisted/index.html",  # reachable from the papers they co-wrote
    }
    assert expected <= paths, expected - paths
    # Stylesheet, script, icon sprite, photos, thumbnails, logo and CV were all linked and copied.
    assert {path for path in paths if path.startswith("/mirror/static/")} >= {
        "/mirror/static/css/labfolio.css",
        "/mirror/static/js/labfolio.js",
        "/mirror/static/icons/icons.svg",
    }
    media = {path for path in paths if path.startswith("/mirror/media/")}
    assert len(media) == 4, media  # logo, Alice's photo and thumbnail, Alice's CV, and nothing of Hedda's
    assert any(path.endswith(".pdf") for path in media)
    assert report.pages >= 20 and not report.broken and not report.errors


def test_the_export_holds_nothing_of_hidden_members_drafts_or_future_posts(export, lab):
    directory, _ = export
    texts = exported_text(directory)
    assert not (directory / "people" / "hedda-hidden").exists()
    assert not [path for path, text in texts.items() if "hedda-hidden" in text or "Nobody may read" in text]
    assert not [path for path, text in texts.items() if "Secret draft" in text or "secret-draft" in text]
    assert not [path for path, text in texts.items() if "Future announcement" in text]
    assert not (directory / "blog" / "secret-draft").exists()
    assert not list((directory / "media").rglob(lab["hidden"].photo.name.rsplit("/", 1)[-1]))


def test_an_unlisted_members_page_is_exported_but_not_listed_in_the_directory(export):
    directory, _ = export
    assert "Umar Unlisted" in (directory / "people" / "umar-unlisted" / "index.html").read_text()
    directory_page = (directory / "people" / "index.html").read_text()
    assert "Alice Moreau" in directory_page and "umar-unlisted" not in directory_page


def test_query_pages_become_files_and_forms_without_a_static_equivalent_are_dropped(export):
    directory, report = export
    first = (directory / "publications" / "index.html").read_text()
    assert 'href="page/2/index.html"' in first
    second = (directory / "publications" / "page" / "2" / "index.html").read_text()
    assert 'href="../../index.html"' in second  # back to page 1, the list itself
    member_page = (directory / "people" / "alice-moreau" / "index.html").read_text()
    assert 'href="../../news/member/alice-moreau/index.html"' in member_page
    assert "Lab news number" not in (directory / "news" / "member" / "alice-moreau" / "index.html").read_text()
    texts = exported_text(directory)
    assert not [path for path, text in texts.items() if path.endswith(".html") and "<form" in text]
    assert not [path for path, text in texts.items() if path.endswith(".html") and "/search/" in text]
    # Signing in has no static equivalent: such links lead to the live site.
    assert all(address.startswith(("/accounts/", "/me/", "/admin/")) for address in report.live_links)


def test_canonical_addresses_stay_absolute_and_can_name_the_mirrors_address(lab, tmp_path, settings):
    report = site_export(directory=tmp_path / "out", site_url="https://someone.github.io/labmirror")
    page = (tmp_path / "out" / "people" / "alice-moreau" / "index.html").read_text()
    assert '<link rel="canonical" href="https://someone.github.io/labmirror/people/alice-moreau/">' in page
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text()
    assert "https://someone.github.io/labmirror/people/alice-moreau/" in sitemap
    assert settings.SITE_URL not in sitemap and "labmirror/labmirror" not in sitemap and not report.errors
    feed = (tmp_path / "out" / "news" / "feed" / "index.xml").read_text()
    assert 'href="https://someone.github.io/labmirror/news/"' in feed


def test_feeds_are_atom_and_the_bibtex_reimports_as_unchanged(export, file_server, lab):
    directory, _ = export
    for feed in ["news/feed/index.xml", "blog/feed/index.xml", "people/alice-moreau/news/feed/index.xml"]:
        status, content_type, body = fetch(f"{file_server}/mirror/{feed}")
        assert status == 200 and content_type.endswith("xml")
        assert ElementTree.fromstring(body).tag == f"{ATOM}feed"
    blog = ElementTree.parse(directory / "blog" / "feed" / "index.xml").getroot()
    assert [entry.find(f"{ATOM}title").text for entry in blog.iter(f"{ATOM}entry")] == ["Second post", "First post"]

    counts = Publication.objects.count()
    report = publication_import(text=(directory / "publications.bib").read_text(), dry_run=True)
    assert not report.errors and not report.created and not report.merged
    assert len(report.unchanged) == counts == 5
    alice_bib = (directory / "people" / "alice-moreau" / "publications.bib").read_text()
    assert len(publication_import(text=alice_bib, dry_run=True).unchanged) == 3


def test_an_xss_vector_in_a_bio_stays_inert_in_the_export(lab, tmp_path):
    alice = lab["alice"]
    # Internal links are rebuilt tag and all: quotes in their other attributes must stay quoted.
    aimed_at_the_rewriter = [
        '[a](/people/bob-okafor/ "x&quot; onmouseover=&quot;alert(1)")',
        """<a href="/people/bob-okafor/" title='" onmouseover="alert(1)'>b</a>""",
        """![i](/people/bob-okafor/ "t' onerror='alert(1)")""",
    ]
    # First: a vector that opens a code block would turn everything after it into text.
    alice.bio = "\n\n".join(aimed_at_the_rewriter + load_vectors())
    alice.save()
    site_export(directory=tmp_path / "out")
    for page in ["people/alice-moreau/index.html", "people/alice-moreau/cv/index.html"]:
        html = (tmp_path / "out" / page).read_text()
        # Our own script and icons are now relative; seen from the site root they are what the live gate allows.
        html = re.sub(r'(src|href)="(?:\.\./)*static/', r'\1="/static/', html)
        assert active_content(html) == []
    page = (tmp_path / "out" / "people" / "alice-moreau" / "index.html").read_text()
    assert '<a href="../bob-okafor/index.html" title="x&quot; onmouseover=&quot;alert(1)"' in page


def test_a_folder_that_is_not_a_previous_export_is_refused(db, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not a previous export"):
        call_command("export_site", str(tmp_path), "--clean", stdout=StringIO())
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_a_previous_export_is_replaced_only_with_clean_and_its_git_folder_is_kept(lab, tmp_path):
    directory = tmp_path / "out"
    site_export(directory=directory)
    (directory / "people" / "old-member").mkdir()
    (directory / "people" / "old-member" / "index.html").write_text("stale")
    (directory / ".git").mkdir()
    with pytest.raises(CommandError, match="--clean"):
        call_command("export_site", str(directory), stdout=StringIO())

    output = StringIO()
    call_command("export_site", str(directory), "--clean", stdout=output)
    assert not (directory / "people" / "old-member").exists()
    assert (directory / ".git").is_dir() and (directory / MARKER).exists()
    assert (directory / "index.html").exists()
    assert re.search(r"pages: \d+, files: \d+", output.getvalue())
    assert "0 broken links, 0 errors" in output.getvalue()


def test_a_broken_internal_link_is_reported(lab, tmp_path):
    bob = lab["bob"]
    bob.bio = "See [the old page](/people/nobody-here/)."
    bob.save()
    report = site_export(directory=tmp_path / "out")
    assert report.broken == {"/people/nobody-here/": 404}


def test_exported_html_keeps_the_page_apart_from_its_links(lab, tmp_path, client):
    live = client.get("/people/bob-okafor/").content.decode()
    site_export(directory=tmp_path / "out")
    exported = (tmp_path / "out" / "people" / "bob-okafor" / "index.html").read_text()
    # Only link attributes and forms changed: the text of the page is the same.
    assert strip_links(exported) == strip_links(re.sub(r"<form.*?</form>", "", live, flags=re.S))


def strip_links(html):
    return re.sub(r'(href|src|action)="[^"]*"', "", html)


def test_static_files_come_from_the_collected_copy_when_there_is_one(lab, tmp_path, settings):
    collected = Path(settings.STATIC_ROOT) / "css"
    collected.mkdir(parents=True)
    (collected / "labfolio.css").write_text('body { background: url("../icons/icons.svg#x"); }')
    site_export(directory=tmp_path / "out")
    css = (tmp_path / "out" / "static" / "css" / "labfolio.css").read_text()
    assert css == 'body { background: url("../icons/icons.svg#x"); }'
    assert (tmp_path / "out" / "static" / "icons" / "icons.svg").exists()


def test_links_after_an_unusual_line_break_or_an_unclosed_form_are_still_rewritten():
    relink = LinkRewriter(lambda url: "mirror" + url).rewrite
    # U+2028 is a line break to str.splitlines but not to the HTML parser's positions.
    assert relink('<p>a\u2028b</p>\n<a href="/x">x</a>') == '<p>a\u2028b</p>\n<a href="mirror/x">x</a>'
    assert relink('<form action="/s"><a href="/in">in</a></form><img src="/y">') == '<img src="mirror/y">'
    assert relink('<form action="/s">\n<a href="/after">') == '\n<a href="mirror/after">'
