"""seed_demo (a portal command since it also loads publications): the demo lab's members."""

from django.core.management import get_commands

from news.models import NewsItem, Post, Tag
from researchers.demo import MEMBERS
from researchers.models import CVEntry, Lab, Link, NameVariant, Researcher, ResearchInterest, Role, Supervisor
from researchers.validators import validate_orcid
from tests.conftest import seed_demo

ROW_MODELS = [Researcher, CVEntry, Link, NameVariant, ResearchInterest, Supervisor, Lab, NewsItem, Post, Tag]


def test_seed_demo_builds_a_lab_of_at_least_ten_members_covering_every_role(demo_output):
    assert Researcher.objects.count() >= 10
    assert set(Researcher.objects.values_list("role", flat=True)) == set(Role.values)


def test_seed_demo_includes_alumni_with_dates_and_where_they_went(demo_output):
    alumni = Researcher.objects.alumni()
    assert alumni.count() >= 3
    for member in alumni:
        assert member.joined_on and member.left_on and member.destination


def test_seed_demo_includes_a_native_script_name_with_its_pinyin_variant(demo_output):
    member = Researcher.objects.get(native_name="陈雨桐")
    assert member.name_variants.filter(name="Chen Yutong", kind=NameVariant.Kind.TRANSLITERATION).exists()


def test_the_pi_has_a_rich_cv_and_a_recruiting_note(demo_output):
    pi = Researcher.objects.get(role=Role.PI)
    assert pi.cv_entries.count() >= 10
    assert pi.availability_html
    assert pi.cv_entries.filter(section=CVEntry.Section.SERVICE, organisation="CVPR", date_text="2023, 2024").exists()


def test_students_are_supervised_by_lab_members_and_one_by_an_outside_advisor(demo_output):
    assert Supervisor.objects.filter(member__role__in=[Role.PI, Role.FACULTY]).count() >= 5
    assert Supervisor.objects.filter(member=None).exclude(name="").exclude(url="").exists()


def test_every_member_with_a_photo_has_a_thumbnail_and_some_show_initials(demo_output):
    with_photo = Researcher.objects.exclude(photo="")
    assert with_photo.exists()
    assert all(member.photo_thumb for member in with_photo)
    assert Researcher.objects.filter(photo="").exists()


def test_every_seeded_orcid_passes_validation_and_is_unique(demo_output):
    orcids = list(Researcher.objects.exclude(orcid="").values_list("orcid", flat=True))
    assert len(orcids) >= 3
    assert len(set(orcids)) == len(orcids)
    for orcid in orcids:
        validate_orcid(orcid)


def test_seed_demo_prints_a_one_line_summary(demo_output):
    assert demo_output.count("\n") == 1
    assert f"{len(MEMBERS)} members" in demo_output
    assert "CV entries" in demo_output
    assert "publications" in demo_output


def test_seed_demo_is_a_portal_command_now_that_it_loads_several_apps():
    assert get_commands()["seed_demo"] == "portal"


def test_running_seed_demo_twice_leaves_every_count_photo_and_logo_file_unchanged(demo_output, media_root):
    counts = {model: model.objects.count() for model in ROW_MODELS}
    files = sorted(path.name for path in media_root.rglob("*"))

    seed_demo()

    assert {model: model.objects.count() for model in ROW_MODELS} == counts
    assert sorted(path.name for path in media_root.rglob("*")) == files


def test_if_empty_loads_the_demo_into_an_empty_database(db):
    seed_demo("--if-empty")

    assert Researcher.objects.count() == len(MEMBERS)


def test_if_empty_does_nothing_when_a_member_already_exists(alice):
    output = seed_demo("--if-empty")

    assert list(Researcher.objects.all()) == [alice]
    assert not any(model.objects.exists() for model in [Lab, NewsItem, Post, Tag])
    assert "not loaded" in output


def test_the_directory_lists_every_listed_member_by_name(demo_output, client):
    response = client.get("/people/")

    assert response.status_code == 200
    page = response.content.decode()
    for member in Researcher.objects.listed():
        assert member.name in page
    for member in Researcher.objects.exclude(visibility="public"):
        assert member.name not in page


def test_every_demo_profile_and_cv_page_opens(demo_output, client):
    for member in Researcher.objects.public():
        assert client.get(f"/people/{member.slug}/").status_code == 200
        assert client.get(f"/people/{member.slug}/cv/").status_code == 200
