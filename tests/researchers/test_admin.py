import datetime

from django.urls import reverse

from researchers.models import Researcher, Status
from tests.admin_forms import researcher_form
from tests.factories import CVEntryFactory, NameVariantFactory, ResearcherFactory


def test_admin_lists_filters_and_searches_researchers(admin_client_logged_in, alice, bob):
    NameVariantFactory(researcher=alice, name="Moreau, A.")
    changelist = reverse("admin:researchers_researcher_changelist")
    assert admin_client_logged_in.get(changelist).status_code == 200
    by_role = admin_client_logged_in.get(changelist, {"role__exact": "postdoc"}).content.decode()
    assert "Bob Okafor" in by_role and "Alice Moreau" not in by_role
    by_variant = admin_client_logged_in.get(changelist, {"q": "Moreau, A."}).content.decode()
    assert "Alice Moreau" in by_variant and "Bob Okafor" not in by_variant


def test_admin_change_page_has_every_inline(admin_client_logged_in, alice):
    page = admin_client_logged_in.get(reverse("admin:researchers_researcher_change", args=[alice.pk])).content.decode()
    for prefix in ("name_variants", "links", "interests", "supervisors", "cv_entries"):
        assert f'id="{prefix}-group"' in page, prefix


def test_admin_can_create_a_researcher_with_a_cv_entry(admin_client_logged_in):
    data = researcher_form(
        orcid="0000-0002-1825-0097",
        **{
            "cv_entries-TOTAL_FORMS": 1,
            "cv_entries-0-section": "award",
            "cv_entries-0-order": 0,
            "cv_entries-0-title": "Best Poster",
            "cv_entries-0-start_precision": "month",
            "cv_entries-0-end_precision": "month",
            "cv_entries-0-description": "At *Example Conf*",
        },
    )
    response = admin_client_logged_in.post(reverse("admin:researchers_researcher_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    member = Researcher.objects.get(slug="nadia-haddad")
    assert member.cv_entries.get().description_html == "<p>At <em>Example Conf</em></p>"
    assert member.orcid_verified  # a lab admin typed the ORCID iD: it links papers at once


def test_admin_refuses_a_bad_orcid_and_keeps_what_was_typed(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:researchers_researcher_add"),
        {"name": "Typed Name", "slug": "typed", "orcid": "0000-0002-1825-0098", "role": "phd", "status": "current"},
    )
    assert response.status_code == 400
    assert "check digit is wrong" in response.content.decode()
    assert 'value="Typed Name"' in response.content.decode()
    assert not Researcher.objects.filter(slug="typed").exists()


def test_mark_as_alumni_keeps_the_page_and_its_content(admin_client_logged_in, alice, bob, client):
    CVEntryFactory(researcher=alice, title="Best Paper")
    bob.left_on = datetime.date(2020, 1, 31)
    bob.save()
    response = admin_client_logged_in.post(
        reverse("admin:researchers_researcher_changelist"),
        {"action": "mark_as_alumni", "_selected_action": [alice.pk, bob.pk]},
        follow=True,
    )
    assert "2 moved to alumni" in response.content.decode()
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert alice.status == bob.status == Status.ALUMNI
    assert alice.left_on == datetime.date.today()
    assert bob.left_on == datetime.date(2020, 1, 31)  # an existing date is kept
    page = client.get(alice.get_absolute_url())
    assert page.status_code == 200 and "Best Paper" in page.content.decode()


def test_members_without_staff_rights_cannot_open_the_admin(client, alice):
    client.force_login(alice.user)
    response = client.get(reverse("admin:researchers_researcher_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_name_variants_get_a_matching_key(db):
    variant = NameVariantFactory(researcher=ResearcherFactory(), name="Pérez-Rúa, J.-M.")
    assert variant.key == "j m perez rua"


def test_years_read_naturally(db):
    alumna = ResearcherFactory(
        status=Status.ALUMNI, joined_on=datetime.date(2019, 9, 1), left_on=datetime.date(2024, 6, 1)
    )
    current = ResearcherFactory(joined_on=datetime.date(2021, 9, 1))
    assert (alumna.years, current.years, ResearcherFactory().years) == ("2019–2024", "2021–present", "")
