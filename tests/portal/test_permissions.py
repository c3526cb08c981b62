"""Every editing endpoint, driven as a visitor, another member, the owner and a lab admin.

Refused requests must change nothing: the test compares a snapshot of every table a
member can edit before and after.
"""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.factories import (
    AuthorshipFactory,
    CVEntryFactory,
    LinkFactory,
    NameVariantFactory,
    NewsItemFactory,
    PublicationFactory,
    ResearchInterestFactory,
    ResearchThemeFactory,
    UserFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

EDITABLE_MODELS = [
    "researchers.Researcher",
    "researchers.CVEntry",
    "researchers.Link",
    "researchers.NameVariant",
    "researchers.ResearchInterest",
    "publications.Publication",
    "publications.Authorship",
    "publications.ResearchTheme",
    "news.NewsItem",
    "portal.Invitation",
    "auth.User",
]


def snapshot():
    """Every row of every table a member can edit, minus timestamps that reads may touch."""
    state = {}
    for label in EDITABLE_MODELS:
        model = apps.get_model(label)
        rows = model.objects.order_by("pk").values()
        state[label] = [{k: v for k, v in row.items() if k not in {"last_login", "updated_at"}} for row in rows]
    return state


@pytest.fixture
def records(alice, bob):
    """Alice's things: two of each ordered record, a paper she co-wrote, one suggested to her."""
    paper = PublicationFactory(title="Alice's paper")
    suggested = PublicationFactory(title="Maybe Alice's")
    return {
        "cv": [CVEntryFactory(researcher=alice, section="award", order=n) for n in range(2)],
        "links": [LinkFactory(researcher=alice, url=f"https://example.org/{n}", order=n) for n in range(2)],
        "names": [NameVariantFactory(researcher=alice, name="A. Moreau")],
        "interests": [ResearchInterestFactory(researcher=alice, title=f"Topic {n}", order=n) for n in range(2)],
        "themes": [ResearchThemeFactory(researcher=alice, title=f"Theme {n}", order=n) for n in range(2)],
        "news": [NewsItemFactory(owner=alice, body="Alice's news")],
        "paper": paper,
        "authorship": AuthorshipFactory(publication=paper, researcher=alice, link_state="confirmed"),
        "suggestion": AuthorshipFactory(publication=suggested, researcher=alice, link_state="suggested"),
    }


FORMS = {
    "cv": {"section": "award", "title": "Changed"},
    "links": {"kind": "github", "url": "https://github.com/changed"},
    "names": {"name": "Alice M. Changed", "kind": "other"},
    "interests": {"title": "Changed"},
    "themes": {"title": "Changed"},
    "news": {"date": "2026-01-01", "body": "Changed"},
}


def record_endpoints():
    """(name, url, data) for every endpoint that changes one of Alice's records."""
    for kind, data in FORMS.items():
        yield f"edit {kind}", lambda r, kind=kind: reverse("me:record_edit", args=[kind, r[kind][0].pk]), data
        yield f"delete {kind}", lambda r, kind=kind: reverse("me:record_delete", args=[kind, r[kind][0].pk]), {}
        if kind not in {"names", "news"}:
            yield f"move {kind}", lambda r, kind=kind: reverse("me:record_move", args=[kind, r[kind][0].pk, "down"]), {}
    yield (
        "edit paper",
        lambda r: reverse("me:publication_edit", args=[r["paper"].pk]),
        {
            "title": "Changed",
            "kind": "article",
            "status": "published",
        },
    )
    yield "confirm suggestion", lambda r: reverse("me:authorship_decide", args=[r["suggestion"].pk, "confirm"]), {}
    yield "reject suggestion", lambda r: reverse("me:authorship_decide", args=[r["suggestion"].pk, "reject"]), {}


RECORD_ENDPOINTS = list(record_endpoints())


def as_persona(persona, alice, bob, lab_admin):
    client = Client()
    user = {"visitor": None, "another member": bob.user, "owner": alice.user, "lab admin": lab_admin}[persona]
    if user:
        client.force_login(user)
    return client


EXPECTED = {"visitor": "sign in", "another member": 403, "owner": "done", "lab admin": "done"}


@pytest.mark.parametrize("persona", list(EXPECTED))
@pytest.mark.parametrize("name, url, data", RECORD_ENDPOINTS, ids=[name for name, _, _ in RECORD_ENDPOINTS])
def test_editing_endpoints_allow_only_the_owner_and_lab_admins(
    persona, name, url, data, records, alice, bob, lab_admin
):
    client = as_persona(persona, alice, bob, lab_admin)
    address = url(records)
    before = snapshot()

    response = client.post(address, data)

    expected = EXPECTED[persona]
    if expected == "sign in":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        assert snapshot() == before
    elif expected == 403:
        assert response.status_code == 403
        assert snapshot() == before
        assert client.get(address).status_code in {403, 405}
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot() != before


def test_a_missing_record_is_not_found_for_everyone(alice, bob):
    client = Client()
    client.force_login(bob.user)
    assert client.post(reverse("me:record_edit", args=["cv", 999999]), FORMS["cv"]).status_code == 404
    assert client.get(reverse("me:records", args=["secrets"])).status_code == 404


def test_a_member_who_is_not_an_author_cannot_edit_a_paper_even_as_a_suggested_author(records, alice, bob):
    client = Client()
    client.force_login(alice.user)
    before = snapshot()

    response = client.post(
        reverse("me:publication_edit", args=[records["suggestion"].publication.pk]),
        {"title": "Hijacked", "kind": "article", "status": "published"},
    )

    assert response.status_code == 403
    assert snapshot() == before


def test_own_pages_only_ever_change_the_signed_in_members_profile(records, alice, bob):
    """/me/profile/, /me/photo/, adding records and importing act on the requester's own profile."""
    client = Client()
    client.force_login(bob.user)
    alice_before = alices_records(alice)

    client.post(
        reverse("me:profile"), {"name": "Bob Changed", "news_limit": 5, "visibility": "public", "researcher": alice.pk}
    )
    client.post(reverse("me:photo"), {"photo": image_upload()})
    for kind, data in FORMS.items():
        client.post(reverse("me:record_add", args=[kind]), {**data, "researcher": alice.pk, "owner": alice.pk})
    client.post(
        reverse("me:publications"), {"selected": [records["authorship"].pk], f"order-{records['authorship'].pk}": "1"}
    )

    records["authorship"].refresh_from_db()
    assert not records["authorship"].selected  # Alice's selection, untouched by Bob's form
    assert alices_records(alice) == alice_before
    assert bob.cv_entries.count() == 1 and bob.news.count() == 1


def alices_records(alice):
    """Alice's own row and every record that belongs to her."""
    state = snapshot()
    mine = {"researchers.Researcher": [row for row in state["researchers.Researcher"] if row["id"] == alice.pk]}
    for label, rows in state.items():
        owned = [row for row in rows if alice.pk in {row.get("researcher_id"), row.get("owner_id")}]
        mine.setdefault(label, owned)
    return mine


@pytest.mark.parametrize(
    "persona, status", [("visitor", 403), ("another member", 200), ("owner", 200), ("lab admin", 200)]
)
def test_editor_endpoints_need_an_account(persona, status, alice, bob, lab_admin):
    client = as_persona(persona, alice, bob, lab_admin)
    assert client.post(reverse("markdownx_markdownify"), {"content": "*hi*"}).status_code == status
    upload = client.post(reverse("markdownx_upload"), {"image": image_upload()})
    assert upload.status_code == status


def test_markdown_endpoints_refuse_get(alice):
    client = Client()
    client.force_login(alice.user)
    assert client.get(reverse("markdownx_markdownify")).status_code == 405


ADMIN_ACTIONS = [
    ("researchers_researcher", "mark_as_alumni"),
    ("researchers_researcher", "invite"),
    ("researchers_researcher", "deactivate"),
]


@pytest.mark.parametrize("persona", ["visitor", "another member", "owner"])
@pytest.mark.parametrize("model, action", ADMIN_ACTIONS)
def test_admin_actions_are_refused_to_members_and_visitors(persona, model, action, records, alice, bob, lab_admin):
    client = as_persona(persona, alice, bob, lab_admin)
    alice.emails = "alice@example.org"
    alice.save()
    before = snapshot()

    response = client.post(reverse(f"admin:{model}_changelist"), {"action": action, "_selected_action": [alice.pk]})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert snapshot() == before


def test_a_staff_member_without_permissions_cannot_run_admin_actions(records, alice):
    staff = UserFactory(username="helper", is_staff=True)
    client = Client()
    client.force_login(staff)
    before = snapshot()

    response = client.post(
        reverse("admin:researchers_researcher_changelist"), {"action": "deactivate", "_selected_action": [alice.pk]}
    )

    assert response.status_code == 403
    assert snapshot() == before
    invitation = client.post(
        reverse("admin:portal_invitation_add"), {"email": "x@example.org", "name": "X", "role": "phd"}
    )
    assert invitation.status_code == 403


def test_the_lab_admin_runs_admin_actions(records, alice, lab_admin):
    client = Client()
    client.force_login(lab_admin)
    client.post(
        reverse("admin:researchers_researcher_changelist"), {"action": "mark_as_alumni", "_selected_action": [alice.pk]}
    )
    alice.refresh_from_db()
    assert alice.status == "alumni"
