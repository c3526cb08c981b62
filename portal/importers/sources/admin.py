"""Admin pages of the scholarly sources: proposals to decide, each member's sync answers and errors,
member metrics, adding a paper by its DOI or arXiv id for any member, and syncing members' works."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from portal.accounts.admin import LabResearcherAdmin
from portal.dashboard.works import add_by_identifier
from publications.models import MemberMetrics, ProposalState, SourceSync, WorkProposal
from researchers.models import Researcher

from .jobs import sync_job_start
from .services import OFFLINE_ERROR, members_to_sync, proposal_accept, proposal_reject


class MemberChoiceForm(forms.Form):
    member = forms.ModelChoiceField(
        Researcher.objects.all(), required=False, help_text="Whose paper this is; empty for none in particular."
    )


@admin.register(WorkProposal)
class WorkProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "researcher", "year", "source", "state", "decided_by"]
    list_filter = ["state", "source"]
    search_fields = ["title", "doi", "arxiv_id", "researcher__name"]
    autocomplete_fields = ["researcher"]
    readonly_fields = ["record", "publication", "decided_by", "decided_at", "created_at"]
    actions = ["accept", "reject"]

    @admin.action(description="Accept: the work is this member's")
    def accept(self, request, queryset):
        for proposal in queryset.filter(state=ProposalState.OPEN).select_related("researcher"):
            proposal_accept(proposal=proposal, by=request.user)
        messages.success(request, "The accepted works are on their members' pages.")

    @admin.action(description="Reject: not this member's work")
    def reject(self, request, queryset):
        for proposal in queryset.filter(state=ProposalState.OPEN):
            proposal_reject(proposal=proposal, by=request.user)
        messages.success(request, "Rejected; these works will not be proposed again.")

    def get_urls(self):
        add = self.admin_site.admin_view(self.add_by_identifier_view)
        return [path("add-by-identifier/", add, name="publications_work_add_by_identifier"), *super().get_urls()]

    def add_by_identifier_view(self, request):
        """A lab admin adds a paper by DOI or arXiv id, for a member or for the lab."""
        if not request.user.has_perm("publications.add_publication"):
            raise PermissionDenied
        chooser = MemberChoiceForm(request.POST or request.GET or None)
        member = chooser.cleaned_data["member"] if chooser.is_valid() else None
        context, report = add_by_identifier(request, member=member)
        if report is not None:
            (messages.error if report.errors else messages.success)(request, report.summary())
            return redirect("admin:publications_publication_changelist")
        context.update(self.admin_site.each_context(request), chooser=chooser, title="Add a paper by DOI or arXiv id")
        return TemplateResponse(request, "admin/sources/work_add.html", context)


@admin.register(SourceSync)
class SourceSyncAdmin(admin.ModelAdmin):
    """Each member's sync answers: a failed source says why, and changed nothing."""

    list_display = ["researcher", "source", "started_at", "ok", "works", "proposed", "counts_updated", "short_error"]
    list_filter = ["ok", "source"]
    search_fields = ["researcher__name", "error"]
    readonly_fields = [field.name for field in SourceSync._meta.fields]

    @admin.display(description="error")
    def short_error(self, sync):
        return sync.error[:120]

    def has_add_permission(self, request):
        return False


@admin.register(MemberMetrics)
class MemberMetricsAdmin(admin.ModelAdmin):
    list_display = ["researcher", "source", "cited_by_count", "h_index", "i10_index", "works_count", "fetched_on"]
    list_filter = ["source"]
    search_fields = ["researcher__name"]


class SyncingResearcherAdmin(LabResearcherAdmin):
    """The researcher admin, plus syncing the selected members' works as a background job."""

    actions = [*LabResearcherAdmin.actions, "sync_works"]

    @admin.action(description="Sync works from ORCID/OpenAlex", permissions=["change"])
    def sync_works(self, request, queryset):
        if not settings.SCHOLARLY_SOURCES_ONLINE:
            self.message_user(request, f"{OFFLINE_ERROR} Nothing was synced.", messages.ERROR)
            return None
        selected = list(queryset)
        syncable = set(members_to_sync().filter(pk__in=[member.pk for member in selected]).values_list("pk", flat=True))
        left_out = [str(member) for member in selected if member.pk not in syncable]
        if left_out:
            self.message_user(
                request,
                f"Left out, with neither a verified ORCID iD nor an OpenAlex id: {', '.join(left_out)}.",
                messages.WARNING,
            )
        if not syncable:
            return None
        return redirect(
            sync_job_start(owner=request.user, members=[member for member in selected if member.pk in syncable])
        )


admin.site.unregister(Researcher)
admin.site.register(Researcher, SyncingResearcherAdmin)
