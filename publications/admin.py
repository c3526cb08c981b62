from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from import_export.admin import ImportExportMixin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from researchers.models import NameVariant, Researcher
from researchers.permissions import is_lab_admin
from researchers.services import researcher_identity_approve

from .forms import BibtexImportForm
from .linking import identity_would_confirm
from .models import Authorship, LinkState, Publication, ResearchTheme, Venue
from .resources import PublicationResource, VenueResource
from .services import authorship_confirm, authorship_reject, publication_import


@admin.register(Venue)
class VenueAdmin(ImportExportMixin, admin.ModelAdmin):
    resource_classes = [VenueResource]
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["researcher"]
    fields = [
        "position", "name", "family", "given", "researcher", "link_state", "orcid",
        "equal_contribution", "corresponding", "selected", "selected_order",
    ]  # fmt: skip


@admin.register(Publication)
class PublicationAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PublicationResource]
    list_display = ["title", "badge", "year", "kind", "status", "featured"]
    list_filter = ["year", "kind", "status", "featured", "venue"]
    list_select_related = ["venue"]
    search_fields = ["title", "doi", "arxiv_id", "authorships__name", "venue_text"]
    autocomplete_fields = ["venue"]
    inlines = [AuthorshipInline]
    change_list_template = "admin/publications/publication/change_list.html"
    readonly_fields = ["preview_name"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "status", "note", ("venue", "venue_text"), ("year", "month"), "featured"]}),
        ("Identifiers", {"fields": ["doi", "arxiv_id", ("volume", "issue", "pages"), "publisher"]}),
        ("Links", {"fields": ["pdf_url", "code_url", "code_repository", "stars", "project_url", "video_url",
                              "slides_url", "poster_url"]}),
        ("Citations", {"fields": [("citation_count", "citation_source", "citation_date")]}),
        ("Preview image", {"fields": ["preview", "preview_alt", "preview_name"]}),
        ("Text", {"fields": ["abstract", "bibtex", "bibtex_key", "extra"], "classes": ["collapse"]}),
    ]  # fmt: skip

    @admin.display(description="al-folio's preview file")
    def preview_name(self, publication):
        return publication.preview_name or "—"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_authors_text()

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_bibtex_view)
        return [path("import-bibtex/", view, name="publications_publication_import_bibtex"), *super().get_urls()]

    def import_in_background(self, request, form):
        """Hand a large valid import to a background worker and answer with its page; None imports it here.

        The site's admin overrides this with its job queue; the app alone has none.
        """
        return None

    def import_bibtex_view(self, request):
        """Upload or paste BibTeX; a dry run shows what would change before anything is written."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BibtexImportForm(request.POST or None, request.FILES or None)
        report = None
        status = 200
        if request.method == "POST" and form.is_valid() and form.in_background:
            started = self.import_in_background(request, form)
            if started is not None:
                return started
        if request.method == "POST" and form.is_valid():
            report = publication_import(
                text=form.cleaned_data["bibtex"],
                member=form.cleaned_data["member"],
                dry_run=form.cleaned_data["dry_run"],
                by=request.user,
            )
            if report.readable:
                level = messages.WARNING if report.errors or report.dry_run else messages.SUCCESS
                self.message_user(request, report.summary(), level)
            else:
                # Nothing readable: refused as a whole, like an invalid form.
                self.message_user(request, report.nothing_read(), messages.ERROR)
                status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import BibTeX",
            "form": form,
            "report": report,
            "queue_url": reverse("admin:publications_authorship_changelist")
            + f"?link_state__exact={LinkState.SUGGESTED}",
        }
        # A TemplateResponse, so that an invalid form is answered with 400 (portal.caching.pages).
        return TemplateResponse(request, "admin/publications/import_bibtex.html", context, status=status)


@dataclass
class Identity:
    """A name or ORCID iD waiting for approval, and what approving it would confirm."""

    kind: str  # the form field that approves it: "variant" or "researcher"
    pk: int
    researcher: Researcher
    label: str
    papers: list


@admin.register(Authorship)
class AuthorshipAdmin(SimpleHistoryAdmin):
    """The suggestion queue: authors who may be lab members, to confirm or reject."""

    list_display = ["name", "researcher", "publication", "position", "link_state", "link_method", "decided_by"]
    list_filter = ["link_state", "link_method"]
    list_select_related = ["researcher", "publication", "decided_by"]
    search_fields = ["name", "researcher__name", "publication__title"]
    autocomplete_fields = ["researcher", "publication"]
    readonly_fields = ["decided_by", "decided_at"]
    actions = ["confirm", "reject"]
    change_list_template = "admin/publications/authorship/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.identities_view)
        return [path("identities/", view, name="publications_identities"), *super().get_urls()]

    def identities_view(self, request):
        """Names and ORCID iDs members entered themselves, each with the papers it would confirm; one click approves."""
        if not is_lab_admin(request.user):
            raise PermissionDenied
        if request.method == "POST":
            if variant := NameVariant.objects.filter(pk=request.POST.get("variant") or None).first():
                researcher_identity_approve(variant=variant)
                self.message_user(request, f"“{variant}” is approved for {variant.researcher}.", messages.SUCCESS)
            if researcher := Researcher.objects.filter(pk=request.POST.get("researcher") or None).first():
                researcher_identity_approve(researcher=researcher)
                self.message_user(request, f"{researcher}'s name and ORCID iD are approved.", messages.SUCCESS)
            return redirect("admin:publications_identities")
        identities = []
        for variant in NameVariant.objects.filter(verified=False).select_related("researcher"):
            papers = identity_would_confirm(researcher=variant.researcher, names=[variant.name])
            identities.append(Identity("variant", variant.pk, variant.researcher, variant.name, papers))
        for researcher in Researcher.objects.filter(Q(name_verified=False) | Q(orcid_verified=False, orcid__gt="")):
            names = [researcher.name, researcher.native_name] if not researcher.name_verified else []
            orcid = researcher.orcid if not researcher.orcid_verified else ""
            label = " · ".join(filter(None, [*names, f"ORCID {orcid}" if orcid else ""]))
            papers = identity_would_confirm(researcher=researcher, names=[name for name in names if name], orcid=orcid)
            identities.append(Identity("researcher", researcher.pk, researcher, label, papers))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Identities to approve",
            "identities": identities,
        }
        return TemplateResponse(request, "admin/publications/identities.html", context)

    @admin.action(description="Confirm: this author is the linked member")
    def confirm(self, request, queryset):
        self._decide(request, queryset, authorship_confirm, "confirmed")

    @admin.action(description="Reject: not this member (remembered)")
    def reject(self, request, queryset):
        self._decide(request, queryset, authorship_reject, "rejected")

    def _decide(self, request, queryset, decide, verb):
        done = 0
        for authorship in queryset.exclude(researcher=None).select_related("publication", "researcher"):
            try:
                decide(authorship=authorship, by=request.user)
                done += 1
            except ValueError as error:
                self.message_user(request, f"{authorship.name}: {error}", messages.ERROR)
        self.message_user(request, f"{done} authorship{pluralize(done)} {verb}.", messages.SUCCESS)


@admin.register(ResearchTheme)
class ResearchThemeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "researcher", "parent", "order"]
    list_filter = ["researcher"]
    search_fields = ["title"]
    autocomplete_fields = ["researcher", "parent", "publications"]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
