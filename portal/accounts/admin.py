from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize

from researchers.admin import ResearcherAdmin
from researchers.models import Researcher
from researchers.services import researcher_deactivate

from ..jobs.services import job_start
from .models import Invitation
from .resources import InvitingResearcherResource
from .services import (
    invitation_address,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_sent_phrase,
    invitation_validate,
)

# More selected members than this are invited by a background job: one e-mail each takes a while.
INVITATIONS_IN_REQUEST = 10


class InvitationForm(admin.options.forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "name", "role", "researcher"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or cleaned.get("researcher")):
            self.add_error("name", "Give the person's name, or choose their existing profile.")
        if cleaned.get("email"):
            try:
                invitation_validate(email=cleaned["email"], researcher=cleaned.get("researcher"))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationForm
    list_display = ["name", "email", "role", "researcher", "state", "invited_by", "sent_at", "expires_at"]
    list_filter = ["role", "accepted_at", "revoked_at"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["researcher"]
    actions = ["resend", "revoke"]

    def get_readonly_fields(self, request, obj=None):
        # An invitation is not edited after it is sent: revoke it, or send a new link.
        if obj:
            return [
                "email",
                "name",
                "role",
                "researcher",
                "invited_by",
                "sent_at",
                "expires_at",
                "accepted_at",
                "revoked_at",
            ]
        return []

    def save_model(self, request, obj, form, change):
        if change:
            return
        invitation, link = invitation_create(
            email=obj.email, name=obj.name, role=obj.role, researcher=obj.researcher, invited_by=request.user
        )
        obj.pk = invitation.pk
        self.message_user(
            request, f"Invitation {invitation_sent_phrase(invitation.email)}. The link, shown only now: {link}"
        )

    @admin.action(description="Send a new link (the old one stops working)")
    def resend(self, request, queryset):
        for invitation in queryset:
            try:
                link = invitation_resend(invitation=invitation)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                self.message_user(request, f"New link {invitation_sent_phrase(invitation.email)}: {link}")

    @admin.action(description="Withdraw the invitations")
    def revoke(self, request, queryset):
        for invitation in queryset:
            invitation_revoke(invitation=invitation)
        withdrawn = queryset.count()
        links = "its link no longer works" if withdrawn == 1 else "their links no longer work"
        self.message_user(request, f"{withdrawn} invitation{pluralize(withdrawn)} withdrawn; {links}.")


class LabResearcherAdmin(ResearcherAdmin):
    """The researcher admin, plus onboarding: invitations and closing accounts."""

    actions = [*ResearcherAdmin.actions, "invite", "deactivate"]
    resource_classes = [InvitingResearcherResource]

    @admin.action(description="Invite the selected members (to their first public email)")
    def invite(self, request, queryset):
        if queryset.count() > INVITATIONS_IN_REQUEST:
            # Many e-mails: the worker sends them, and the job's page lists who got one.
            ids = list(queryset.values_list("pk", flat=True))
            job = job_start(
                owner=request.user,
                kind="invitations",
                title=f"Invitations to {len(ids)} members",
                params={"researchers": ids},
                total=len(ids),
            )
            return redirect(job)
        for researcher in queryset:
            email = invitation_address(researcher)
            if not email:
                self.message_user(
                    request, f"{researcher}: no email on the profile; invite them from Invitations.", messages.WARNING
                )
                continue
            try:
                invitation_create(email=email, name=researcher.name, researcher=researcher, invited_by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{researcher}: {' '.join(error.messages)}", messages.WARNING)
            else:
                self.message_user(request, f"{researcher}: invitation {invitation_sent_phrase(email)}.")

    @admin.action(description="Close the accounts (the public pages stay)")
    def deactivate(self, request, queryset):
        closed = researcher_deactivate(researchers=queryset)
        self.message_user(request, f"{closed} account{pluralize(closed)} closed; the members' pages stay online.")


admin.site.unregister(Researcher)
admin.site.register(Researcher, LabResearcherAdmin)
