"""Bulk import and export of news items (django-import-export)."""

from django.db.models import Q
from import_export import fields

from researchers.models import Researcher
from researchers.resources import LabResource, LookupWidget, ManyLookupWidget

from .models import NewsItem
from .services import news_item_save, news_mentions_update


class NewsItemResource(LabResource):
    """News items, each under its member's slug (empty for the lab's own news).

    An item is found by its date, member and text, so editing the text in the
    file adds an item; edit text in the admin instead. Members written as
    ``@slug`` in the text count as mentioned, as they do in the admin.
    """

    owner = fields.Field(attribute="owner", column_name="owner", widget=LookupWidget(Researcher, field="slug"))
    mentioned_members = fields.Field(
        attribute="mentioned_members", column_name="mentioned_members", widget=ManyLookupWidget(Researcher, "slug")
    )

    class Meta:
        model = NewsItem
        import_id_fields = ["date", "body"]  # and the owner, when the file has the column
        fields = ["date", "owner", "body", "pinned", "mentioned_members"]

    def export(self, queryset=None, **kwargs):
        queryset = self.get_queryset() if queryset is None else queryset
        return super().export(queryset.select_related("owner").prefetch_related("mentioned_members"), **kwargs)

    def instance_lookups(self, row):
        date = self.fields["date"].clean(row)
        owner = self.fields["owner"].clean(row) if "owner" in row else None
        return [Q(date=date, owner=owner, body=str(row.get("body") or ""))]

    def do_instance_save(self, instance, is_create):
        news_item_save(item=instance)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)  # the mentions the file lists
        news_mentions_update(item=instance)  # and those written as @slug
