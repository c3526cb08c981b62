from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from import_export.admin import ImportExportMixin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from .models import CVEntry, Lab, Link, NameVariant, Researcher, ResearchInterest, Supervisor
from .resources import CVEntryResource, ResearcherResource
from .services import researcher_mark_alumni, researcher_publish

MARKDOWN_WIDGETS = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


class NameVariantInline(admin.TabularInline):
    model = NameVariant
    extra = 0


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0


class ResearchInterestInline(admin.StackedInline):
    model = ResearchInterest
    extra = 0
    formfield_overrides = MARKDOWN_WIDGETS


class SupervisorInline(admin.TabularInline):
    model = Supervisor
    fk_name = "researcher"
    extra = 0
    autocomplete_fields = ["member"]


class CVEntryInline(admin.StackedInline):
    model = CVEntry
    extra = 0
    formfield_overrides = MARKDOWN_WIDGETS
    fields = [
        ("section", "order"),
        "title",
        ("organisation", "place"),
        ("start_date", "start_precision"),
        ("end_date", "end_precision"),
        "date_text",
        "url",
        "description",
    ]


@admin.register(Researcher)
class ResearcherAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ResearcherResource]
    # Short columns, so every title stays readable in a laptop's window beside the filters.
    list_display = ["name", "role_and_status", "position", "listing", "published", "order"]
    list_editable = ["order"]
    list_filter = ["published", "role", "status", "visibility"]
    search_fields = ["name", "native_name", "slug", "name_variants__name", "user__email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [NameVariantInline, LinkInline, ResearchInterestInline, SupervisorInline, CVEntryInline]
    actions = ["publish", "mark_as_alumni"]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "slug", "user", ("visibility", "published"), "order"]}),
        (
            "Position",
            {
                "fields": [
                    ("role", "status"),
                    "position",
                    "affiliation",
                    "focus",
                    ("joined_on", "left_on"),
                    "destination",
                ]
            },
        ),
        ("Page", {"fields": ["photo", "bio", "availability", "news_limit"]}),
        (
            "Contact and identifiers",
            {"fields": ["emails", "address", "orcid", "orcid_verified", "openalex_id", "cv_file"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description="role", ordering="role")
    def role_and_status(self, researcher):
        role = researcher.get_role_display()
        return f"{role} (alumni)" if researcher.is_alumni else role

    @admin.display(description="page", ordering="visibility")
    def listing(self, researcher):
        return researcher.get_visibility_display().split(":")[0]

    @admin.action(description="Publish the selected draft pages")
    def publish(self, request, queryset):
        changed = researcher_publish(researchers=queryset)
        self.message_user(
            request, f"{changed} page{pluralize(changed)} published; visitors now find them.", messages.SUCCESS
        )

    @admin.action(description="Mark as alumni (keeps their page)")
    def mark_as_alumni(self, request, queryset):
        changed = researcher_mark_alumni(researchers=queryset)
        self.message_user(request, f"{changed} moved to alumni; their pages stay online.", messages.SUCCESS)


@admin.register(CVEntry)
class CVEntryAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """CV entries of every member, for bulk import and export; members' pages edit them inline."""

    resource_classes = [CVEntryResource]
    list_display = ["title", "researcher", "section", "organisation", "dates"]
    list_filter = ["section"]
    list_select_related = ["researcher"]
    search_fields = ["title", "organisation", "researcher__name"]
    autocomplete_fields = ["researcher"]
    formfield_overrides = MARKDOWN_WIDGETS


@admin.register(Lab)
class LabAdmin(SimpleHistoryAdmin):
    """One lab: the list goes straight to its form."""

    formfield_overrides = MARKDOWN_WIDGETS

    def changelist_view(self, request, extra_context=None):
        lab = Lab.load()
        if lab.pk is None:
            return redirect(reverse("admin:researchers_lab_add"))
        return redirect(reverse("admin:researchers_lab_change", args=[lab.pk]))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Lab.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
