"""A static copy of the public site: every page an anonymous visitor can open, as files.

Pages are rendered in-process by Django's test client, as an anonymous visitor,
starting from the addresses the database knows (people, papers, posts, tags, the
exports and feeds) and following every link found in the HTML and CSS. Each
address becomes a file: ``/people/ada/`` → ``people/ada/index.html``,
``/news/feed/`` → ``news/feed/index.xml``, ``/publications.bib`` as itself,
``?page=2`` → ``page/2/index.html``. Every internal link is rewritten as a path
relative to the page, to the file itself (``index.html`` included), so the copy
works from a file server, from a sub-path such as GitHub Pages, and from disk.

What has no static equivalent is not copied: forms (search, filters) are
dropped, links to filtered lists or to the admin point at the live site.
Absolute addresses (canonical, og:url, feeds, sitemap) keep the site's public
address, which ``site_url`` can set to where the mirror will live.
"""

import posixpath
import re
import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from news.models import Post, Tag
from publications.exports import FORMATS
from publications.models import Publication
from researchers.models import Researcher

# Written into every export, so that a later export may empty the folder knowing it is ours.
MARKER = ".labfolio-export"
# Kept when a previous export is replaced: the folder may be a GitHub Pages clone with a custom domain.
KEPT = {".git", "CNAME"}

# Pages with no static equivalent, or not for visitors.
PRIVATE_PREFIXES = ("/admin/", "/me/", "/accounts/", "/search/", "/markdownx/", "/healthz")
# The query parameters a static page can stand for, per view; any other query is a filter page.
QUERY_PARAMETERS = {"news:list": ("member", "page")}
DEFAULT_QUERY_PARAMETERS = ("page",)
PATH_SEGMENT = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "xlink:href", "background"}
CSS_URL = re.compile(
    r"""url\(\s*(?P<quote>["']?)(?P<url>[^"')]+)(?P=quote)\s*\)|@import\s+(?P<q2>["'])(?P<url2>[^"']+)(?P=q2)"""
)
# The origin relative links are resolved against; it never leaves this module.
BASE = "http://mirror.invalid"
PROGRESS_EVERY = 25


class MirrorError(Exception):
    """The export cannot start, e.g. the folder holds something else."""


@dataclass
class MirrorReport:
    pages: int = 0
    files: int = 0
    bytes: int = 0
    # Address → HTTP status, for internal links the live site answers with an error too.
    broken: dict = field(default_factory=dict)
    # Internal links with no static equivalent, left pointing at the live site.
    live_links: set = field(default_factory=set)
    errors: list = field(default_factory=list)
    seconds: float = 0.0

    def summary(self):
        return (
            f"{self.pages} pages, {self.files} files ({self.bytes / 1_000_000:.1f} MB) in {self.seconds:.1f} s; "
            f"{len(self.live_links)} links left to the live site, {len(self.broken)} broken links, "
            f"{len(self.errors)} errors."
        )


def site_export(*, directory, clean=False, site_url=None, progress=None):
    """Write the public site into `directory` as static files; return a MirrorReport.

    The folder must be new, empty, or a previous export (emptied first with
    `clean`). `site_url` is the address the copy will be published at, used
    for canonical addresses, feeds and the sitemap; by default SITE_URL.
    `progress(report)` is called every few files.
    """
    directory = Path(directory)
    prepare_directory(directory, clean=clean)
    (directory / MARKER).write_text("A static export of a Labfolio site; export_site --clean may replace it.\n")
    # Jekyll would skip files that start with an underscore; the export is already a finished site.
    (directory / ".nojekyll").write_text("")
    live_url = settings.SITE_URL
    public_url = (site_url or live_url).rstrip("/")
    parts = urlsplit(public_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise MirrorError(f"{public_url!r} is not an http(s) address.")
    overrides = {"SITE_URL": public_url, "ALLOWED_HOSTS": [parts.hostname], "SECURE_SSL_REDIRECT": False}
    with override_settings(**overrides):
        mirror = SiteMirror(directory, live_url=live_url, public_url=public_url)
        mirror.run(progress)
    return mirror.report


def prepare_directory(directory, *, clean):
    if directory.exists() and not directory.is_dir():
        raise MirrorError(f"{directory} is a file, not a folder.")
    directory.mkdir(parents=True, exist_ok=True)
    entries = [entry for entry in directory.iterdir() if entry.name not in KEPT]
    if not entries:
        return
    if not (directory / MARKER).exists():
        raise MirrorError(
            f"{directory} is not empty and is not a previous export; choose a new or empty folder "
            "(nothing was written)."
        )
    if not clean:
        # Writing over an old export would keep pages that are no longer public.
        raise MirrorError(f"{directory} holds a previous export; pass --clean to replace it.")
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def seed_paths():
    """The addresses the database knows of; the crawl finds everything they link to."""

    def url(name, *args):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:  # a section this install does not have
            return None

    names = ["home", "researchers:directory", "publications:list", "news:list", "news:feed", "news:blog"]
    paths = [url(name) for name in [*names, "news:blog_feed", "sitemap", "robots_txt"]]
    paths += [url("publications:lab_export", file_format) for file_format in FORMATS]
    for slug in Researcher.objects.public().order_by("slug").values_list("slug", flat=True):
        paths += [url("researchers:profile", slug), url("researchers:cv", slug), url("publications:member", slug)]
        paths += [url("publications:member_export", slug, file_format) for file_format in FORMATS]
        paths.append(url("news:member_feed", slug))
    for pk in Publication.objects.public().order_by("pk").values_list("pk", flat=True):
        paths.append(url("publications:detail", pk))
        paths += [url("publications:export", pk, file_format) for file_format in FORMATS]
    published = Post.objects.published()
    paths += [url("news:post", slug) for slug in published.order_by("slug").values_list("slug", flat=True)]
    tags = Tag.objects.filter(posts__in=published).distinct().order_by("slug").values_list("slug", flat=True)
    paths += [url("news:tag", slug) for slug in tags]
    return [path for path in paths if path]


def local_prefix(base_url):
    parts = urlsplit(base_url or "")
    return None if parts.netloc or not parts.path.startswith("/") else parts.path


@dataclass(frozen=True)
class Target:
    """An internal address and the file that stands for it in the export."""

    kind: str  # "page", "static" or "media"
    address: str  # path and query, as requested
    file: str  # relative to the export folder, unquoted


class SiteMirror:
    def __init__(self, directory, *, live_url, public_url):
        self.directory = directory
        self.live_url = live_url
        parts = urlsplit(public_url)
        self.secure = parts.scheme == "https"
        self.client = Client(HTTP_HOST=parts.netloc)
        # Feeds and the sitemap build addresses from the host alone; under a sub-path they need it added.
        self.origin = f"{parts.scheme}://{parts.netloc}/"
        self.sub_path = parts.path.strip("/")
        self.report = MirrorReport()
        self.queue = deque()
        self.queued = set()
        # Static files and uploads served from another host are links to another site.
        self.static_prefix = local_prefix(staticfiles_storage.base_url)
        self.media_prefix = local_prefix(default_storage.base_url)

    # ------------------------------------------------------------ crawl

    def run(self, progress=None):
        started = time.perf_counter()
        for path in seed_paths():
            self.enqueue(self.target(path))
        done = 0
        while self.queue:
            target = self.queue.popleft()
            try:
                self.export(target)
            except Exception as error:  # one broken page must not stop the others being written
                self.report.errors.append(f"{target.address}: {type(error).__name__}: {error}")
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(self.report)
        self.report.seconds = time.perf_counter() - started
        if progress:
            progress(self.report)

    def enqueue(self, target):
        if target is not None and target.file not in self.queued:
            self.queued.add(target.file)
            self.queue.append(target)

    def target(self, address):
        """The Target for a site-relative address ('/people/?page=2'), or None if it has no static equivalent."""
        parts = urlsplit(address)
        path = parts.path or "/"
        if self.static_prefix and path.startswith(self.static_prefix):
            return Target("static", path, unquote(path).lstrip("/"))
        if self.media_prefix and path.startswith(self.media_prefix):
            return Target("media", path, unquote(path).lstrip("/"))
        if path.startswith(PRIVATE_PREFIXES):
            return None
        match = self.resolve(path)
        if match is None:
            # Unknown to the site: copied as requested, so that the crawl reports it as broken.
            file = unquote(path).strip("/")
            return Target("page", path, posixpath.join(file, "index.html") if path.endswith("/") else file)
        path = match.path
        segments = self.query_segments(parts.query, match.view_name)
        if segments is None:
            return None
        if not path.endswith("/"):
            # A file (.bib, .xml, .txt): no query stands for a page of it.
            return Target("page", path, unquote(path).lstrip("/")) if not segments else None
        folder = posixpath.join(unquote(path).strip("/"), *segments)
        name = "index.xml" if isinstance(match.func, Feed) else "index.html"
        query = "&".join(f"{key}={value}" for key, value in zip(segments[::2], segments[1::2], strict=True))
        return Target("page", path + (f"?{query}" if query else ""), posixpath.join(folder, name).lstrip("/"))

    @staticmethod
    def resolve(path):
        """The URL match for `path`, or for `path/` where the site would redirect there (APPEND_SLASH)."""
        for candidate in (path, path + "/") if not path.endswith("/") else (path,):
            try:
                match = resolve(candidate)
            except Resolver404:
                continue
            match.path = candidate
            return match
        return None

    @staticmethod
    def query_segments(query, view_name):
        """['member', 'ada', 'page', '2'] for '?member=ada&page=2'; None for a query no static page stands for."""
        allowed = QUERY_PARAMETERS.get(view_name, DEFAULT_QUERY_PARAMETERS)
        values = {}
        for key, value in parse_qsl(query, keep_blank_values=True):
            if key not in allowed or key in values or not PATH_SEGMENT.match(value):
                return None
            values[key] = value
        if values.get("page") == "1":
            del values["page"]  # the first page is the list itself
        return [item for key in allowed if key in values for item in (key, values[key])]

    # ------------------------------------------------------------ writing

    def export(self, target):
        if target.kind == "page":
            self.export_page(target)
        else:
            self.export_file(target)

    def export_page(self, target):
        response = self.client.get(target.address, follow=True, secure=self.secure)
        if response.status_code != 200:
            self.report.broken[target.address] = response.status_code
            return
        # After a redirect, links in the page are relative to where it was found.
        address = response.request["PATH_INFO"]
        if address.startswith(PRIVATE_PREFIXES):
            # Sent to sign in: not a page for anonymous visitors, whatever it says.
            self.report.broken[target.address] = response.redirect_chain[0][1]
            return
        if response.request.get("QUERY_STRING"):
            address += "?" + response.request["QUERY_STRING"]
        content_type = response.get("Content-Type", "")
        body = b"".join(response) if response.streaming else response.content
        if content_type.startswith("text/html"):
            body = self.rewrite_html(body.decode(response.charset or "utf-8"), address, target.file).encode("utf-8")
            self.report.pages += 1
        else:
            self.report.files += 1
            if "xml" in content_type and self.sub_path:
                body = self.add_sub_path(body.decode(response.charset or "utf-8")).encode("utf-8")
            if address == reverse("sitemap"):
                self.follow_sitemap(body.decode("utf-8"))
        self.write(target.file, body)

    def export_file(self, target):
        if target.kind == "static":
            name = unquote(target.address[len(self.static_prefix) :])
            source = self.static_source(name)
        else:
            name = unquote(target.address[len(self.media_prefix) :])
            source = name if name and default_storage.exists(name) else None
        if source is None:
            self.report.broken[target.address] = 404
            return
        destination = self.output_path(target.file)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".css"):
            text = self.read(target.kind, source).decode("utf-8")
            self.write(target.file, self.rewrite_css(text, target.address, target.file).encode("utf-8"))
        elif target.kind == "static":
            shutil.copyfile(source, destination)
            self.report.bytes += destination.stat().st_size
        else:
            with default_storage.open(source, "rb") as stored, destination.open("wb") as written:
                shutil.copyfileobj(stored, written)
            self.report.bytes += destination.stat().st_size
        self.report.files += 1

    @staticmethod
    def static_source(name):
        """The file behind a static name: collected (hashed names) first, else the app's own."""
        if not name or ".." in name.split("/"):
            return None
        try:
            if staticfiles_storage.exists(name):
                return staticfiles_storage.path(name)
        except NotImplementedError:  # storage without local paths
            pass
        return finders.find(name)

    @staticmethod
    def read(kind, source):
        if kind == "static":
            return Path(source).read_bytes()
        with default_storage.open(source, "rb") as stored:
            return stored.read()

    def output_path(self, file):
        path = (self.directory / file).resolve()
        if not path.is_relative_to(self.directory.resolve()):
            raise MirrorError(f"{file} would be written outside the export.")
        return path

    def write(self, file, body):
        path = self.output_path(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.report.bytes += len(body)

    def add_sub_path(self, xml):
        """'https://host/people/' → 'https://host/mirror/people/', leaving addresses that have it already."""
        origin = re.escape(self.origin)
        sub_path = re.escape(self.sub_path)
        return re.sub(rf"{origin}(?!{sub_path}(?:/|\b))", f"{self.origin}{self.sub_path}/", xml)

    def follow_sitemap(self, xml):
        """Pages the sitemap lists are public by definition; crawling them catches sections added later."""
        prefix = settings.SITE_URL + "/"
        for location in re.findall(r"<loc>([^<]+)</loc>", xml):
            if location.startswith(prefix):
                self.enqueue(self.target("/" + location[len(prefix) :]))

    # ------------------------------------------------------------ links

    def relative_link(self, url, base_address, source_file):
        """`url` as found on the page at `base_address`, rewritten for the file `source_file`."""
        stripped = url.strip()
        parts = urlsplit(stripped)
        if parts.scheme or parts.netloc or not stripped or stripped.startswith("#"):
            return url  # another site, mailto:, or a place on this page
        absolute = urlsplit(urljoin(BASE + base_address, stripped))
        address = absolute.path + (f"?{absolute.query}" if absolute.query else "")
        target = self.target(address)
        if target is None:
            self.report.live_links.add(address)
            return self.live_url + address + (f"#{absolute.fragment}" if absolute.fragment else "")
        self.enqueue(target)
        relative = posixpath.relpath(target.file, posixpath.dirname(source_file) or ".")
        return quote(relative, safe="/") + (f"#{absolute.fragment}" if absolute.fragment else "")

    def rewrite_html(self, html, address, source_file):
        rewriter = LinkRewriter(lambda url: self.relative_link(url, address, source_file))
        return rewriter.rewrite(html)

    def rewrite_css(self, css, address, source_file):
        def replace(match):
            url = match.group("url") or match.group("url2")
            if url.startswith("data:"):
                return match.group(0)
            link = self.relative_link(url, address, source_file)
            return f'url("{link}")' if match.group("url") else f'@import "{link}"'

        return CSS_URL.sub(replace, css)


class LinkRewriter(HTMLParser):
    """Rewrites the URL attributes of an HTML page and drops its forms, leaving the rest byte for byte."""

    def __init__(self, relink):
        super().__init__(convert_charrefs=True)
        self.relink = relink
        self.edits = []  # (start, end, replacement), in document order
        self.form_start = None

    def rewrite(self, html):
        self.reset()
        self.edits, self.form_start = [], None
        # The parser counts lines by "\n" alone, whatever other line breaks the text holds.
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", html))]
        self.html = html
        self.feed(html)
        self.close()
        if self.form_start is not None:
            # A form that never closes: drop its opening tag only, and keep the links after it.
            self.edits.append((self.form_start, self.form_start + self.form_tag_length, ""))
            self.edits.sort()
        pieces, position = [], 0
        for start, end, replacement in self.edits:
            pieces += [html[position:start], replacement]
            position = end
        pieces.append(html[position:])
        return "".join(pieces)

    def source_offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self.source_offset()
        if tag == "form":
            # A static server cannot answer a search or a filter; the form would only mislead.
            if self.form_start is None:
                self.form_start, self.form_tag_length = start, len(self.get_starttag_text())
            return
        changed = False
        rewritten = []
        for name, value in attrs:
            if value is not None and name in URL_ATTRIBUTES:
                new = self.relink(value)
            elif value is not None and name in {"srcset", "imagesrcset"}:
                new = ", ".join(self.relink_candidate(candidate) for candidate in value.split(",") if candidate.strip())
            else:
                new = value
            changed |= new != value
            rewritten.append((name, new))
        if changed:
            raw = self.get_starttag_text()
            attributes = "".join(
                f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in rewritten
            )
            closing = "/>" if raw.endswith("/>") else ">"
            self.edits.append((start, start + len(raw), f"<{tag}{attributes}{closing}"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "form":
            self.handle_endtag(tag)

    def relink_candidate(self, candidate):
        url, *descriptor = candidate.split()
        return " ".join([self.relink(url), *descriptor])

    def handle_endtag(self, tag):
        if tag == "form" and self.form_start is not None:
            end = self.html.index(">", self.source_offset()) + 1
            # The links inside go with the form.
            self.edits = [edit for edit in self.edits if edit[0] < self.form_start]
            self.edits.append((self.form_start, end, ""))
            self.form_start = None
