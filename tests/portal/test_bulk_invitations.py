"""Onboarding a whole lab from one spreadsheet: the researchers import can send invitations."""

import pytest
import tablib
from django.core import mail

from portal.accounts.models import Invitation
from portal.accounts.resources import InvitingResearcherResource
from researchers.models import Researcher
from tests.factories import ResearcherFactory

pytestmark = pytest.mark.django_db


def rows(*data):
    return tablib.Dataset(*data[1:], headers=data[0])


def test_rows_that_ask_for_it_are_invited_once_the_import_is_committed(lab_admin, django_capture_on_commit_callbacks):
    data = rows(
        ("slug", "name", "role", "emails", "invite"),
        ("dan", "Dan Brown", "postdoc", "dan@example.org", "yes"),
        ("erin", "Erin Li", "phd", "", "erin.li@example.org"),
        ("finn", "Finn Ode", "phd", "finn@example.org", ""),
    )

    with django_capture_on_commit_callbacks(execute=True):
        result = InvitingResearcherResource().import_data(data, user=lab_admin)

    assert not result.has_errors() and not result.has_validation_errors()
    invitations = {invitation.researcher.slug: invitation.email for invitation in Invitation.objects.all()}
    assert invitations == {"dan": "dan@example.org", "erin": "erin.li@example.org"}
    assert sorted(message.to[0] for message in mail.outbox) == ["dan@example.org", "erin.li@example.org"]
    assert Invitation.objects.get(email="dan@example.org").invited_by == lab_admin


def test_an_unchanged_member_is_still_invited_when_the_row_asks(lab_admin, django_capture_on_commit_callbacks):
    ResearcherFactory(slug="dan", name="Dan Brown", role="postdoc", emails="dan@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        InvitingResearcherResource().import_data(
            rows(
                ("slug", "name", "role", "emails", "invite"), ("dan", "Dan Brown", "postdoc", "dan@example.org", "yes")
            ),
            user=lab_admin,
        )

    assert Invitation.objects.get().researcher.slug == "dan"


def test_a_bad_invite_cell_cancels_the_whole_import_and_names_the_row(lab_admin, alice):
    data = rows(
        ("slug", "name", "emails", "invite"),
        ("dan", "Dan Brown", "dan@example.org", "yes"),
        ("erin", "Erin Li", "", "yes"),
        ("gus", "Gus Po", "", "not-an-address"),
        ("hal", "Hal Ek", "", alice.user.email),
    )

    result = InvitingResearcherResource().import_data(data, user=lab_admin)

    errors = {row.number: row.field_specific_errors for row in result.invalid_rows}
    assert "emails column" in errors[2]["invite"][0]
    assert "valid email" in errors[3]["invite"][0]
    assert "exists already" in errors[4]["invite"][0]
    assert not Invitation.objects.exists() and not Researcher.objects.exclude(pk=alice.pk).exists()
    assert mail.outbox == []


def test_a_dry_run_invites_no_one(lab_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InvitingResearcherResource().import_data(
            rows(("slug", "name", "emails", "invite"), ("dan", "Dan Brown", "dan@example.org", "yes")),
            user=lab_admin,
            dry_run=True,
        )

    assert not Invitation.objects.exists() and mail.outbox == []
