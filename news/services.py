"""Writes to news and blog posts that touch other rows: mentioned members, addresses and tags."""

from django.db import transaction
from django.utils.text import slugify
from unidecode import unidecode

from researchers.models import Researcher

from .models import NewsItem, Post, Tag, mention_slugs

SLUG_LENGTH = 80


def post_unique_slug(title, *, exclude_pk=None):
    """A free /blog/<slug>/ address from the title: 'my-post', else 'my-post-2', 'my-post-3' …"""
    base = slugify(unidecode(title))[:SLUG_LENGTH].strip("-") or "post"
    taken = set(Post.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def post_create(*, post, author):
    """Save a new post written by `author`, with a free address made from its title."""
    post.slug = post_unique_slug(post.title)
    post.save()
    post.authors.add(author)
    return post


def tag_names(text):
    """'Robotics, ICRA 2026,robotics' → ['Robotics', 'ICRA 2026']: trimmed, first spelling of each kept."""
    names, seen = [], set()
    for name in (part.strip() for part in text.split(",")):
        slug = slugify(unidecode(name))[: Tag._meta.get_field("slug").max_length]
        if name and slug and slug not in seen:
            seen.add(slug)
            names.append(name[: Tag._meta.get_field("name").max_length])
    return names


@transaction.atomic
def post_tag(*, post, names):
    """Give the post exactly these tags, making the ones the lab does not have yet."""
    tags = []
    for name in names:
        slug = slugify(unidecode(name))[: Tag._meta.get_field("slug").max_length]
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    post.tags.set(tags)


def _mentionable(text):
    """The public members written as '@slug' in the text."""
    slugs = mention_slugs(text)
    return list(Researcher.objects.public().filter(slug__in=slugs)) if slugs else []


@transaction.atomic
def news_item_save(*, item: NewsItem) -> NewsItem:
    """Save a news item with each '@slug' of a public member linked to their page and counted as mentioned.

    The dashboard, the admin, the spreadsheet import, the homepage importer and the demo all save news here.
    """
    members = _mentionable(item.body)
    item.render(members)
    item.save()
    if members:
        item.mentioned_members.add(*members)
    return item


@transaction.atomic
def news_mentions_update(*, item: NewsItem) -> None:
    """Count the members written as '@slug' as mentioned, besides those already chosen.

    For callers that set the mentioned members themselves after saving (the admin's form, a
    spreadsheet's column), which would otherwise replace the ones the text names."""
    members = _mentionable(item.body)
    if members:
        item.mentioned_members.add(*members)
