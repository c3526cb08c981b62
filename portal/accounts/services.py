"""Onboarding: invitations that turn a person into a member who maintains their own page."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from researchers.models import Lab, Researcher, Role
from researchers.services import researcher_unique_slug

from .models import Invitation, new_token, token_hash

INVITATION_DAYS = 14


def invitation_url(token):
    return settings.SITE_URL + reverse("accept_invitation", args=[token])


@transaction.atomic
def invitation_create(*, email, name, role=Role.PHD, researcher=None, invited_by=None, days=INVITATION_DAYS, send=True):
    """Invite a person; returns the invitation and the link, which is shown once and never stored.

    A newer invitation to the same address revokes the older ones still pending, so
    only the latest link works.
    """
    email = invitation_validate(email=email, researcher=researcher)
    Invitation.objects.pending().filter(email__iexact=email).update(revoked_at=timezone.now())
    token = new_token()
    invitation = Invitation.objects.create(
        email=email,
        name=name or (researcher.name if researcher else ""),
        role=researcher.role if researcher else role,
        researcher=researcher,
        invited_by=invited_by,
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    link = invitation_url(token)
    if send:
        invitation_send(invitation=invitation, link=link)
    return invitation, link


def invitation_address(researcher):
    """Where a member's invitation goes when no address is given: their first public email, or ""."""
    return next(iter(researcher.email_list), "")


def invitation_validate(*, email, researcher=None):
    """The address, normalised; ValidationError when it or the profile cannot be invited."""
    email = get_user_model().objects.normalize_email(email).strip()
    validate_email(email)
    if researcher and researcher.user_id:
        raise ValidationError(f"{researcher} already has an account.")
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError(f"An account with the address {email} exists already.")
    return email


# Backends that keep mail on this server: the console prints it, locmem keeps it in memory (tests) …
UNDELIVERED_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def mail_goes_out():
    """Whether send_mail reaches people, so the admin is never told "emailed" when it does not."""
    return settings.EMAIL_BACKEND not in UNDELIVERED_BACKENDS


def invitation_sent_phrase(email):
    """'emailed to ada@…', or what happened instead when mail stays on this server."""
    if mail_goes_out():
        return f"emailed to {email}"
    return f"not emailed to {email}: outgoing mail is not set up (EMAIL_URL), so the mail went to the server log"


def invitation_send(*, invitation, link):
    """Email the link; with the default console backend the mail is printed to the log."""
    lab = Lab.load()
    expires = timezone.localtime(invitation.expires_at).strftime("%-d %B %Y")
    send_mail(
        subject=f"Your invitation to {lab.name}",
        message=(
            f"Hello {invitation.name},\n\n"
            f"You are invited to keep your page on the {lab.name} website. Open this link, choose a "
            f"password, and you can edit your profile, CV, publications and news:\n\n"
            f"{link}\n\n"
            f"The link works once and until {expires}.\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


@transaction.atomic
def invitation_resend(*, invitation, days=INVITATION_DAYS):
    """A fresh link with a fresh expiry date; the old link stops working."""
    if invitation.accepted_at:
        raise ValidationError(f"The invitation for {invitation.email} was accepted already.")
    token = new_token()
    invitation.token_hash = token_hash(token)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=days)
    invitation.revoked_at = None
    invitation.save(update_fields=["token_hash", "expires_at", "revoked_at"])
    link = invitation_url(token)
    invitation_send(invitation=invitation, link=link)
    return link


def invitation_revoke(*, invitation):
    if not invitation.accepted_at and not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, invitation, password):
    """Create the account, attach it to the profile (made now if the invitation names none).

    Raises ValidationError when the link is used up, or the password is too weak.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(f"This invitation is {invitation.state}.")
    users = get_user_model().objects
    if users.filter(username__iexact=invitation.email).exists():
        raise ValidationError("An account with this address exists already: sign in, or reset your password.")
    user = users.model(username=invitation.email, email=invitation.email, first_name=invitation.name[:150])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    researcher = invitation.researcher
    if researcher is None:
        # A draft: the page goes public when its member (or an admin) publishes it, not empty.
        researcher = Researcher(
            slug=researcher_unique_slug(invitation.name), name=invitation.name, role=invitation.role, published=False
        )
    elif researcher.user_id:
        raise ValidationError(f"{researcher} already has an account.")
    researcher.user = user
    researcher.save()
    invitation.researcher = researcher
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["researcher", "accepted_at"])
    return user
