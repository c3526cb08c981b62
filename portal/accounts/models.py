import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from researchers.common.models import optional_researcher
from researchers.models import Role


def token_hash(token):
    """Invitations keep only this digest: a leaked database cannot be used to sign up."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())

    def for_token(self, token):
        return self.filter(token_hash=token_hash(token)).select_related("researcher").first()


class Invitation(models.Model):
    """A single-use, expiring link that lets a person set a password and take over a profile."""

    email = models.EmailField()
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PHD)
    researcher = optional_researcher(
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text="An existing profile to hand over; empty creates a new one on acceptance.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def state(self):
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self):
        return self.state == "pending"
