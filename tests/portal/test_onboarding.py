"""Admins invite people; an invitation link is single-use, expiring and stored only as a hash."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Invitation, token_hash
from portal.accounts.services import invitation_create, invitation_resend
from researchers.models import Researcher
from tests.factories import ResearcherFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Passphrase-9"


def invite(*args):
    """Run the invite command; returns the link it prints on its last line."""
    out = StringIO()
    call_command("invite", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


def accept(client, link, password=PASSWORD, again=None):
    return client.post(path_of(link), {"password1": password, "password2": again or password})


def test_invite_command_emails_and_prints_a_link_whose_token_is_stored_only_as_a_hash(capsys):
    link = invite("wei@example.org", "--name", "Wei Zhang", "--role", "postdoc")

    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_hash(token) != token
    assert token not in str(list(Invitation.objects.values()))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wei@example.org"]
    assert link in mail.outbox[0].body
    assert (invitation.expires_at - timezone.now()).days == 13  # 14 days, less the seconds since


def test_accepting_sets_a_password_creates_the_profile_and_signs_in(client):
    link = invite("wei@example.org", "--name", "Wei Zhang", "--role", "postdoc", "--no-email")

    response = accept(client, link)

    assert response.status_code == 302
    assert response["Location"] == reverse("me:overview")
    researcher = Researcher.objects.get(slug="wei-zhang")
    assert (researcher.name, researcher.role) == ("Wei Zhang", "postdoc")
    assert researcher.user.email == "wei@example.org"
    assert researcher.user.check_password(PASSWORD)
    assert client.get(reverse("me:overview")).status_code == 200
    assert Invitation.objects.get().accepted_at is not None


def test_accepting_attaches_the_account_to_an_existing_profile():
    imported = ResearcherFactory(name="Wei Zhang", slug="wzhang")

    link = invite("wei@example.org", "--member", "wzhang", "--no-email")
    accept(Client(), link)

    imported.refresh_from_db()
    assert imported.user.email == "wei@example.org"
    assert Researcher.objects.count() == 1


def test_a_link_works_once(client):
    link = invite("wei@example.org", "--name", "Wei Zhang", "--no-email")
    accept(client, link)
    client.logout()

    response = client.get(path_of(link))

    assert response.status_code == 410
    assert b"used already" in response.content
    assert accept(client, link).status_code == 410
    assert get_user_model().objects.count() == 1


def test_an_expired_link_is_refused_with_a_clear_message(client):
    link = invite("wei@example.org", "--name", "Wei Zhang", "--days", "1", "--no-email")
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = accept(client, link)

    assert response.status_code == 410
    assert b"expired" in response.content
    assert not get_user_model().objects.exists()


def test_an_unknown_link_is_not_found(client):
    response = client.get(reverse("accept_invitation", args=["not-a-real-token"]))
    assert response.status_code == 404


def test_resending_gives_a_new_link_and_the_old_one_stops_working(client):
    invitation, old_link = invitation_create(email="wei@example.org", name="Wei Zhang", send=False)

    new_link = invitation_resend(invitation=invitation)

    assert new_link != old_link
    assert client.get(path_of(old_link)).status_code == 404
    assert client.get(path_of(new_link)).status_code == 200
    assert new_link in mail.outbox[-1].body


def test_a_new_invitation_to_the_same_address_revokes_the_older_one(client):
    _, first = invitation_create(email="wei@example.org", name="Wei Zhang", send=False)
    _, second = invitation_create(email="wei@example.org", name="Wei Zhang", send=False)

    assert client.get(path_of(first)).status_code == 410
    assert client.get(path_of(second)).status_code == 200


def test_a_weak_or_mismatched_password_is_refused_and_nothing_is_created(client):
    link = invite("wei@example.org", "--name", "Wei Zhang", "--no-email")

    for password, again in [("short", None), ("1234567890123", None), ("wei@example.org", None), (PASSWORD, "other")]:
        response = accept(client, link, password, again)
        assert response.status_code == 400
        assert b"errorlist" in response.content

    assert not get_user_model().objects.exists()
    assert not Researcher.objects.exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["not-an-email", "--name", "X"], "valid email"),
        (["wei@example.org"], "Give --name"),
        (["wei@example.org", "--member", "nobody"], "No member"),
        (["alice@lab.example.org", "--name", "Alice"], "exists already"),
    ],
)
def test_the_invite_command_explains_what_is_wrong(arguments, message, alice):
    with pytest.raises(CommandError, match=message):
        invite(*arguments)
    assert not Invitation.objects.exists()


def test_a_profile_with_an_account_cannot_be_invited_again(alice):
    with pytest.raises(CommandError, match="already has an account"):
        invite("someone@example.org", "--member", alice.slug)


def test_admin_invites_from_the_admin_and_sees_the_link_once(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:portal_invitation_add"),
        {"email": "wei@example.org", "name": "Wei Zhang", "role": "phd", "researcher": ""},
        follow=True,
    )

    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.invited_by.username == "admin"
    shown = re.search(r"http://\S+/accounts/invite/[\w-]+/", response.content.decode())
    assert shown and shown.group(0) in mail.outbox[0].body
    assert invitation.token_hash == token_hash(shown.group(0).rstrip("/").rsplit("/", 1)[1])


def test_admin_cannot_invite_an_address_that_has_an_account(admin_client_logged_in, alice):
    response = admin_client_logged_in.post(
        reverse("admin:portal_invitation_add"),
        {"email": alice.user.email, "name": "Alice", "role": "phd", "researcher": ""},
    )
    assert response.status_code == 400
    assert b"exists already" in response.content
    assert not Invitation.objects.exists()


def test_admin_withdraws_and_resends_invitations(admin_client_logged_in):
    client = Client()
    invitation, link = invitation_create(email="wei@example.org", name="Wei Zhang", send=False)
    changelist = reverse("admin:portal_invitation_changelist")

    admin_client_logged_in.post(changelist, {"action": "revoke", "_selected_action": [invitation.pk]})
    assert client.get(path_of(link)).status_code == 410

    response = admin_client_logged_in.post(
        changelist, {"action": "resend", "_selected_action": [invitation.pk]}, follow=True
    )
    new_link = re.search(r"http://\S+/accounts/invite/[\w-]+/", response.content.decode()).group(0)
    assert client.get(path_of(new_link)).status_code == 200


def test_admin_invites_selected_researchers_to_their_public_email(admin_client_logged_in):
    imported = ResearcherFactory(name="Wei Zhang", emails="wei@example.org\nwz@other.example.org")
    no_email = ResearcherFactory(name="Nobody Mail", emails="")

    response = admin_client_logged_in.post(
        reverse("admin:researchers_researcher_changelist"),
        {"action": "invite", "_selected_action": [imported.pk, no_email.pk]},
        follow=True,
    )

    assert [message.to for message in mail.outbox] == [["wei@example.org"]]
    assert Invitation.objects.get().researcher == imported
    assert "no email on the profile" in response.content.decode()


def test_admin_closes_an_account_and_the_page_stays(admin_client_logged_in, alice):
    client = Client()
    admin_client_logged_in.post(
        reverse("admin:researchers_researcher_changelist"), {"action": "deactivate", "_selected_action": [alice.pk]}
    )

    alice.user.refresh_from_db()
    assert not alice.user.is_active
    assert client.get(alice.get_absolute_url()).status_code == 200
    response = client.post(reverse("login"), {"username": "alice", "password": "correct horse battery staple"})
    assert response.status_code == 400  # the form again, not a redirect into /me/
    assert b"correct username and password" in response.content
    assert client.get(reverse("me:overview")).status_code == 302


def test_members_sign_in_and_out(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "correct horse battery staple"})
    assert response["Location"] == reverse("me:overview")
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("me:overview"))["Location"].startswith(reverse("login"))


def test_password_reset_sends_a_link_that_sets_a_new_password(client, alice):
    client.post(reverse("password_reset"), {"email": alice.user.email})
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)

    form = client.get(path_of(link), follow=True)
    response = client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert response["Location"] == reverse("password_reset_complete")
    assert client.post(reverse("login"), {"username": "alice", "password": PASSWORD})["Location"] == "/me/"


def test_repeated_failed_sign_ins_lock_the_account_for_a_while(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong password"})

    response = client.post(reverse("login"), {"username": "alice", "password": "correct horse battery staple"})

    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert client.get(reverse("me:overview")).status_code == 302
