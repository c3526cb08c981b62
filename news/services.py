"""Writes to news that touch other rows: the members a news item mentions."""

from django.db import transaction

from researchers.models import Researcher

from .models import NewsItem, mention_slugs


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
