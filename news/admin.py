from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from researchers.common.spreadsheet_admin import BoundedImportExportMixin

from .models import NewsItem, Post, Tag
from .resources import NewsItemResource
from .services import news_item_save, news_mentions_update

MARKDOWN_WIDGETS = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


@admin.register(NewsItem)
class NewsItemAdmin(BoundedImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [NewsItemResource]
    list_display = ["date", "__str__", "owner", "pinned", "draft"]
    list_filter = ["pinned", "draft", "date"]
    list_select_related = ["owner"]
    search_fields = ["body", "owner__name"]
    autocomplete_fields = ["owner", "mentioned_members", "mentioned_publications"]
    date_hierarchy = "date"
    formfield_overrides = MARKDOWN_WIDGETS

    def save_model(self, request, obj, form, change):
        news_item_save(item=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # sets the mentions chosen in the form
        news_mentions_update(item=form.instance)  # and keeps those written as @slug


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "status"]
    list_filter = ["status", "tags"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "tags"]
    date_hierarchy = "date"
    formfield_overrides = MARKDOWN_WIDGETS
