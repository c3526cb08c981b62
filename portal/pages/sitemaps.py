"""/sitemap.xml: every page a search engine should index, with addresses built from SITE_URL.

No django.contrib.sites: the lab has one public address, SITE_URL, whatever host
a request came in on, so each sitemap takes its scheme and host from there.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from news.models import Post
from publications.models import Publication
from researchers.models import Researcher


class SiteSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class SectionSitemap(SiteSitemap):
    """The lab's list pages."""

    def items(self):
        return ["home", "researchers:directory", "publications:list", "news:list", "news:blog"]

    def location(self, name):
        return reverse(name)


class UpdatedSitemap(SiteSitemap):
    def lastmod(self, item):
        return item.updated_at


class PeopleSitemap(UpdatedSitemap):
    """Member homepages in the directory; unlisted pages stay out, as their owners asked."""

    def items(self):
        return Researcher.objects.listed().only("slug", "updated_at")


class PublicationSitemap(UpdatedSitemap):
    def items(self):
        return Publication.objects.public().only("pk", "updated_at")


class PostSitemap(UpdatedSitemap):
    def items(self):
        return Post.objects.published().only("slug", "updated_at")


SITEMAPS = {
    "sections": SectionSitemap,
    "people": PeopleSitemap,
    "publications": PublicationSitemap,
    "posts": PostSitemap,
}
