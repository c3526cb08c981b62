import re

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from publications.models import Publication
from researchers.common.models import Timestamped, optional_researcher
from researchers.common.text import repair_text
from researchers.models import CleanTextModel, Researcher, Visibility, markdownify

MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]*[a-z0-9])\b")


def mention_slugs(text):
    """The slugs written as '@slug' in the text."""
    return set(MENTION.findall(text))


def link_mentions(text, members):
    """Markdown with each '@slug' of `members` made a link to their page; other '@words' stay as written."""
    by_slug = {member.slug: member for member in members}

    def replace(match):
        member = by_slug.get(match.group(1))
        if member is None:
            return match.group(0)
        return f"[{escape(member.name)}]({member.get_absolute_url()})"

    return MENTION.sub(replace, text)


class NewsItemQuerySet(models.QuerySet):
    def public(self):
        """News anyone may read: not drafts, nor the news of members whose pages are hidden or still drafts."""
        return self.filter(draft=False).exclude(owner__visibility=Visibility.HIDDEN).exclude(owner__published=False)

    def newest_first(self):
        return self.order_by("-pinned", "-date", "-id")

    def for_member(self, member):
        """The member's own news and the lab's news that mentions them."""
        return self.filter(models.Q(owner=member) | models.Q(mentioned_members=member)).distinct()


class NewsItem(Timestamped):
    date = models.DateField(default=timezone.localdate)
    body = MarkdownxField(help_text="A sentence or two; markdown, emoji welcome. Write @slug to mention a member.")
    body_html = models.TextField(editable=False)
    owner = optional_researcher(
        on_delete=models.CASCADE, related_name="news", help_text="Empty for news of the whole lab."
    )
    mentioned_members = models.ManyToManyField(Researcher, blank=True, related_name="mentioned_in_news")
    mentioned_publications = models.ManyToManyField(Publication, blank=True, related_name="news")
    pinned = models.BooleanField(default=False, help_text="Pinned items stay on top.")
    draft = models.BooleanField(default=False, help_text="Drafts are seen only in the dashboard and the admin.")

    objects = NewsItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "news item"
        ordering = ["-pinned", "-date", "-id"]

    def __str__(self):
        return f"{self.date}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        if "body" not in self.get_deferred_fields() and getattr(self, "_rendered_body", None) != self.body:
            self.render()  # text saved without the service: shown as written, '@slug' unlinked
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('news:list')}#news-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        item._rendered_body = item.__dict__.get("body")
        return item

    def render(self, members=()):
        """Repair the text and render body_html, each '@slug' of `members` a link to their page; no queries.

        news.services.news_item_save finds the members and saves; saving otherwise keeps the
        links already rendered, unless the text changed."""
        self.body = repair_text(self.body)
        self.body_html = markdownify(link_mentions(self.body, members))
        self._rendered_body = self.body


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:tag", args=[self.slug])


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Post.Status.PUBLISHED, date__lte=timezone.localdate())

    def with_authors(self):
        return self.prefetch_related("authors", "tags")


class Post(CleanTextModel, Timestamped):
    class Status(models.TextChoices):
        DRAFT = "draft"
        PUBLISHED = "published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    authors = models.ManyToManyField(Researcher, blank=True, related_name="posts")
    date = models.DateField(default=timezone.localdate)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    summary = models.CharField(max_length=300, blank=True, help_text="One or two sentences for lists and feeds.")
    body = MarkdownxField()
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords()

    text_fields = ("title", "summary")
    markdown_fields = ("body",)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:post", args=[self.slug])

    @property
    def is_public(self):
        return self.status == Post.Status.PUBLISHED and self.date <= timezone.localdate()
