"""Model fields that every app's records share."""

from django.db import models


class Timestamped(models.Model):
    """A record that keeps when it was created and when it was last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def optional_researcher(*, on_delete, related_name, help_text=""):
    """A link to a member's profile that may be left empty; the help text says what empty means."""
    return models.ForeignKey(
        "researchers.Researcher",
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
        help_text=help_text,
    )
