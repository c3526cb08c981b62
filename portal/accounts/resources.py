"""The researchers spreadsheet of the admin, with onboarding: an `invite` column sends invitations."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from import_export import fields, widgets

from researchers.resources import ResearcherResource

from .services import invitation_address, invitation_create, invitation_send, invitation_validate

YES = {"yes", "y", "1", "true", "x"}


class InvitingResearcherResource(ResearcherResource):
    """Researchers, plus an `invite` column: an address, or "yes" for the row's first public email.

    Invitations are written with the rows, so an invalid row anywhere cancels them too, and
    their emails leave only once the import is committed. Exports leave the column empty.
    """

    invite = fields.Field(column_name="invite", widget=widgets.CharWidget())

    class Meta(ResearcherResource.Meta):
        fields = [*ResearcherResource.Meta.fields, "invite"]

    def invitation_address(self, researcher, row):
        value = str(row.get("invite") or "").strip()
        if not value or value.casefold() in {"no", "n", "0", "false"}:
            return ""
        if value.casefold() in YES:
            if address := invitation_address(researcher):
                return address
            raise ValidationError(
                {"invite": ["“yes” needs an address in the emails column; or write the address here."]}
            )
        return value

    def check_row(self, instance, row):
        super().check_row(instance, row)
        # Kept on the row's record, as the related columns are, for skip_row and after_save_instance.
        instance._invitation_address = ""
        try:
            address = self.invitation_address(instance, row)
            if address:
                invitation_validate(email=address, researcher=instance if instance.pk else None)
        except ValidationError as error:
            raise ValidationError(
                {"invite": error.message_dict["invite"] if hasattr(error, "error_dict") else error.messages}
            ) from error
        instance._invitation_address = address

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A member already stored, unchanged, is still invited when the row asks for it.
        if getattr(instance, "_invitation_address", ""):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        address = instance._invitation_address
        if address and not kwargs.get("dry_run"):
            invitation, link = invitation_create(
                email=address, name=instance.name, researcher=instance, invited_by=kwargs.get("user"), send=False
            )
            transaction.on_commit(partial(invitation_send, invitation=invitation, link=link))
