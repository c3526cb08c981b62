import re

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from publications.models import Publication
from researchers.common.text import repair_text
from researchers.models import CleanTextModel, Researcher, Visibility, markdownify

MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]*[a-z0-9])\b")


def link_mentions(text):
    """(markdown with each '@slug' of a public member made a link to their page, those members)."""
    slugs = set(MENTION.findall(text))
    members = {member.slug: member for member in Researcher.objects.public().filter(slug__in=slugs)} if slugs else {}

    def replace(match):
        member = members.get(match.group(1))
        if member is None:
            return match.group(0)
        return f"[{escape(member.name)}]({member.get_absolute_url()})"

    return MENTION.sub(replace, text), list(members.values())


class NewsItemQuerySet(models.QuerySet):
    def public(self):
        """News anyone may read: not the news of members whose pages are hidden or still drafts."""
        return self.exclude(owner__visibility=Visibility.HIDDEN).exclude(owner__published=False)

    def newest_first(self):
        return self.order_by("-pinned", "-date", "-id")

    def for_member(self, member):
        """The member's own news and the lab's news that mentions them."""
        return self.filter(models.Q(owner=member) | models.Q(mentioned_members=member)).distinct()


class NewsItem(models.Model):
    date = models.DateField(default=timezone.localdate)
    body = MarkdownxField(help_text="A sentence or two; markdown, emoji welcome. Write @slug to mention a member.")
    body_html = models.TextField(editable=False)
    owner = models.ForeignKey(
        Researcher,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="news",
        help_text="Empty for news of the whole lab.",
    )
    mentioned_members = models.ManyToManyField(Researcher, blank=True, related_name="mentioned_in_news")
    mentioned_publications = models.ManyToManyField(Publication, blank=True, related_name="news")
    pinned = models.BooleanField(default=False, help_text="Pinned items stay on top.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "news item"
        ordering = ["-pinned", "-date", "-id"]

    def __str__(self):
        return f"{self.date}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.body = repair_text(self.body)
        text, members = link_mentions(self.body)
        self.body_html = markdownify(text)
        super().save(*args, **kwargs)
        self.add_mentions(members)

    def get_absolute_url(self):
        return f"{reverse('news:list')}#news-{self.pk}"

    def add_mentions(self, members=None):
        """Members written as @slug count as mentioned, so the item shows on their pages too."""
        if members is None:
            members = link_mentions(self.body)[1]
        if members:
            self.mentioned_members.add(*members)


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


class Post(CleanTextModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    authors = models.ManyToManyField(Researcher, blank=True, related_name="posts")
    date = models.DateField(default=timezone.localdate)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    summary = models.CharField(max_length=300, blank=True, help_text="One or two sentences for lists and feeds.")
    body = MarkdownxField()
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
