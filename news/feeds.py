from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from researchers.common.text import strip_control
from researchers.models import Lab, Researcher

from .models import NewsItem, Post

FEED_SIZE = 30


class CleanAtomFeed(Atom1Feed):
    """Atom whose text carries no control character: XML cannot hold them, and Django's writer
    raises on them. Saves strip them already; this covers rows written before or around save()."""

    def add_item(self, title, link, description, **kwargs):
        kwargs = {name: strip_control(value) for name, value in kwargs.items()}
        kwargs["categories"] = [strip_control(category) for category in kwargs.get("categories") or ()]
        super().add_item(strip_control(title), link, strip_control(description), **kwargs)

    def write(self, outfile, encoding):
        self.feed = {name: strip_control(value) for name, value in self.feed.items()}
        super().write(outfile, encoding)


class AtomFeed(Feed):
    """What every feed of the lab shares: Atom, the title "<lab>: <topic>" and a link to the page of `url_name`,
    each entry's stored HTML as its text, and dates from the record's own timestamps."""

    feed_type = CleanAtomFeed
    topic = ""
    url_name = ""

    def title(self):
        return f"{Lab.load().name}: {self.topic}"

    def link(self):
        return reverse(self.url_name)

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class LabNewsFeed(AtomFeed):
    topic = "news"
    url_name = "news:list"

    def items(self):
        return NewsItem.objects.public().newest_first().select_related("owner")[:FEED_SIZE]

    def item_title(self, item):
        return item.body.splitlines()[0][:80] if item.body else str(item.date)

    def item_author_name(self, item):
        return item.owner.name if item.owner else Lab.load().name


class MemberNewsFeed(LabNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Researcher.objects.public(), slug=slug)

    def title(self, member):
        return f"{member.name}: news"

    def link(self, member):
        return member.get_absolute_url()

    def items(self, member):
        return NewsItem.objects.public().for_member(member).newest_first().select_related("owner")[:FEED_SIZE]


class BlogFeed(AtomFeed):
    topic = "blog"
    url_name = "news:blog"

    def items(self):
        return Post.objects.published().with_authors()[:FEED_SIZE]  # authors and tags, not a query per post

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors.all()) or Lab.load().name

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]
