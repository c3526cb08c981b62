"""Bulk import and export of researchers and CV entries: round trips, previews, atomic failure, escaping."""

import datetime
import io

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from researchers.common.spreadsheets import CSV, XLSX
from researchers.models import CVEntry, Link, NameVariant, Researcher
from researchers.resources import CVEntryResource, ResearcherResource
from tests.factories import CVEntryFactory, LinkFactory, NameVariantFactory, ResearcherFactory, UserFactory
from tests.security.active_content import active_content, load_vectors
from tests.spreadsheets import each_format, export, load, records

IMPORT_URL = reverse("admin:researchers_researcher_import")
PROCESS_URL = reverse("admin:researchers_researcher_process_import")
EXPORT_URL = reverse("admin:researchers_researcher_export")


def researcher_state():
    """Everything the resource carries, without database ids, for comparing before and after."""
    fields = ResearcherResource._meta.fields[:-2]
    return {
        researcher.slug: (
            {name: getattr(researcher, name) for name in fields},
            researcher.bio_html,
            sorted((variant.name, variant.kind) for variant in researcher.name_variants.all()),
            [(link.kind, link.url, link.label) for link in researcher.links.all()],
        )
        for researcher in Researcher.objects.all()
    }


@pytest.fixture
def lab(alice, bob):
    """Two members with everything a spreadsheet row can hold, including text that looks like formulas."""
    alice.native_name = "莫艾丽"
    alice.bio = "- Works on *robust* learning\n- =SUM(A1:A2) is not a formula here\n\n'quoted"
    alice.availability = "@everyone: interns wanted"
    alice.orcid = "0000-0002-1825-0097"
    alice.joined_on = datetime.date(2021, 9, 1)
    alice.emails = "alice@lab.example.org\nalice@example.org"
    alice.focus = "+robustness, -brittleness"
    alice.save()
    NameVariantFactory(researcher=alice, name="Moreau, A.", kind=NameVariant.Kind.INITIALS)
    NameVariantFactory(researcher=alice, name="Alice M. Moreau")
    LinkFactory(researcher=alice, kind=Link.Kind.GITHUB, url="https://github.com/alice", order=0)
    LinkFactory(researcher=alice, kind=Link.Kind.OTHER, url="https://alice.example.org/", label="Lab notes", order=1)
    bob.status, bob.left_on, bob.destination = "alumni", datetime.date(2024, 6, 30), "Scientist, Example Corp"
    bob.save()
    CVEntryFactory(researcher=alice, section="award", title="Best Paper", date_text="2023", description="*Oral*")
    CVEntryFactory(researcher=alice, section="service", title="Reviewer", organisation="NeurIPS", date_text="2023")
    CVEntryFactory(researcher=alice, section="service", title="Reviewer", organisation="NeurIPS", date_text="2023")
    CVEntryFactory(
        researcher=bob,
        section="education",
        title="PhD",
        organisation="Example University",
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2024, 6, 30),
        url="https://example.edu/",
    )
    return alice, bob


@each_format
def test_researchers_export_and_reimport_to_the_same_records(db, lab, file_format):
    before = researcher_state()
    data = export(ResearcherResource(), file_format)

    again = load(ResearcherResource(), file_format, data)
    assert not again.has_errors() and not again.has_validation_errors()
    assert {row.import_type for row in again.rows} == {"skip"}
    assert researcher_state() == before

    Researcher.objects.all().delete()
    fresh = load(ResearcherResource(), file_format, data)
    assert [row.import_type for row in fresh.rows] == ["new", "new"]
    assert researcher_state() == before
    assert records(file_format, export(ResearcherResource(), file_format)) == records(file_format, data)


@each_format
def test_cv_entries_export_and_reimport_to_the_same_records(db, lab, file_format):
    def state():
        return sorted(
            (entry.researcher.slug, entry.section, entry.title, entry.organisation, entry.start_date,
             entry.end_date, entry.date_text, entry.description, entry.description_html, entry.url, entry.order)
            for entry in CVEntry.objects.select_related("researcher")
        )  # fmt: skip

    before, ids = state(), set(CVEntry.objects.values_list("pk", flat=True))
    data = export(CVEntryResource(), file_format)
    again = load(CVEntryResource(), file_format, data)
    assert {row.import_type for row in again.rows} == {"skip"}
    assert set(CVEntry.objects.values_list("pk", flat=True)) == ids  # the two identical entries stay two

    CVEntry.objects.all().delete()
    fresh = load(CVEntryResource(), file_format, data)
    assert {row.import_type for row in fresh.rows} == {"new"}
    assert state() == before


def test_a_lab_is_onboarded_from_a_spreadsheet_typed_by_hand(db):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["slug", "name", "role", "joined_on", "orcid", "news_limit", "name_variants", "links", "bio"])
    sheet.append(
        [
            "yi-liu", "Yi Liu", "PhD student", datetime.datetime(2022, 9, 1), "https://orcid.org/0000-0002-1825-0097",
            3, "刘毅 (native); Liu, Y. (initials)",
            "https://github.com/yiliu\nhttps://scholar.google.com/citations?user=abc\nhttps://yiliu.example.org Blog",
            "Hello **world**",
        ]
    )  # fmt: skip
    sheet.append(["sam-lee", "Sam Lee", "postdoc", None, None, None, None, None, None])
    stream = io.BytesIO()
    workbook.save(stream)

    result = load(ResearcherResource(), XLSX, stream.getvalue())

    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    yi = Researcher.objects.get(slug="yi-liu")
    assert (yi.role, yi.joined_on, yi.orcid, yi.news_limit) == (
        "phd",
        datetime.date(2022, 9, 1),
        "0000-0002-1825-0097",
        3,
    )
    assert yi.bio_html == "<p>Hello <strong>world</strong></p>"
    assert yi.orcid_verified  # a lab admin's spreadsheet vouches for the ORCID iD it brings
    assert sorted(yi.name_variants.values_list("name", "kind")) == [("Liu, Y.", "initials"), ("刘毅", "native")]
    assert list(yi.links.values_list("kind", "label")) == [("github", ""), ("scholar", ""), ("website", "Blog")]
    sam = Researcher.objects.get(slug="sam-lee")
    assert (sam.role, sam.news_limit, sam.orcid) == ("postdoc", 5, "")


def csv_rows(*rows):
    return "\n".join(",".join(row) for row in rows) + "\n"


HEADER = ("slug", "name", "orcid", "joined_on", "links")


@pytest.mark.parametrize(
    ("bad_row", "field"),
    [
        (("carol", "Carol", "0000-0002-1825-0098", "", ""), "orcid"),
        (("carol", "Carol", "", "31/31/2020", ""), "joined_on"),
        (("carol", "Carol", "", "", "github javascript:alert(1)"), "links"),
        (("", "Carol", "", "", ""), "slug"),
    ],
    ids=["checksum", "date", "link", "no-slug"],
)
def test_one_invalid_row_among_valid_ones_writes_nothing_and_names_row_and_field(db, bad_row, field):
    data = csv_rows(HEADER, ("dan", "Dan", "", "2020-01-01", ""), bad_row, ("erin", "Erin", "", "", ""))

    result = load(ResearcherResource(), CSV, data)

    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert field in invalid.field_specific_errors
    assert not Researcher.objects.exists()


def test_cv_entries_of_an_unknown_member_write_nothing(db, alice):
    data = csv_rows(("researcher", "section", "title"), ("alice-moreau", "award", "Prize"), ("nobody", "award", "X"))
    result = load(CVEntryResource(), CSV, data)
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "nobody" in str(invalid.field_specific_errors["researcher"])
    assert not CVEntry.objects.exists()


def test_formula_cells_are_escaped_in_exported_csv_and_xlsx_and_read_back_unchanged(db):
    formulas = {
        "name": '=HYPERLINK("https://evil.example")',
        "focus": "+1+1",
        "position": "-2+3",
        "destination": "@SUM(A1)",
    }
    ResearcherFactory(slug="mallory", **formulas)

    csv_text = export(ResearcherResource(), CSV)
    for value in formulas.values():
        assert f"'{value}" in csv_text.replace('""', '"')
    xlsx = export(ResearcherResource(), XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    headers = [cell.value for cell in sheet[1]]
    for name, value in formulas.items():
        cell = sheet.cell(row=2, column=headers.index(name) + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)

    for file_format, data in ((CSV, csv_text), (XLSX, xlsx)):
        Researcher.objects.all().delete()
        load(ResearcherResource(), file_format, data)
        mallory = Researcher.objects.get(slug="mallory")
        assert {name: getattr(mallory, name) for name in formulas} == formulas


def upload(name, data):
    return SimpleUploadedFile(name, data.encode() if isinstance(data, str) else data)


def test_admin_import_previews_new_and_changed_rows_then_writes_only_on_confirm(admin_client_logged_in, alice):
    data = csv_rows(
        ("slug", "name", "role", "links"),
        ("alice-moreau", "Alice Moreau-Laurent", "phd", ""),
        ("dan", "Dan", "postdoc", "https://github.com/dan"),
    )

    preview = admin_client_logged_in.post(
        IMPORT_URL, {"import_file": upload("people.csv", data), "format": "0", "resource": "0"}
    )

    page = preview.content.decode()
    assert preview.status_code == 200
    assert 'class="new"' in page and 'class="update"' in page
    assert "-Laurent</ins>" in page and "Confirm import" in page
    assert "github https://github.com/dan</ins>" in page  # related rows are previewed as their column reads
    assert not Researcher.objects.filter(slug="dan").exists()
    alice.refresh_from_db()
    assert alice.name == "Alice Moreau"

    confirm = preview.context["confirm_form"]
    done = admin_client_logged_in.post(PROCESS_URL, {**confirm.initial, "resource": "0"})
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.name == "Alice Moreau-Laurent"
    dan = Researcher.objects.get(slug="dan")
    assert dan.role == "postdoc" and dan.links.get().url == "https://github.com/dan"


def test_admin_import_with_an_invalid_row_shows_it_and_offers_no_confirmation(admin_client_logged_in):
    data = csv_rows(("slug", "name", "orcid"), ("dan", "Dan", ""), ("erin", "Erin", "0000-0002-1825-0098"))

    response = admin_client_logged_in.post(IMPORT_URL, {"import_file": upload("people.csv", data), "format": "0"})

    page = response.content.decode()
    assert "Some rows failed to validate" in page
    assert "<td>2 </td>" in page and "orcid" in page and "check digit is wrong" in page
    assert "Confirm import" not in page
    assert not Researcher.objects.exists()


def test_admin_exports_the_list_as_xlsx(admin_client_logged_in, lab):
    response = admin_client_logged_in.post(EXPORT_URL, {"format": "1", "resource": "0", **export_fields()})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"alice-moreau", "bob-okafor"}


def export_fields():
    """The export form's field choices: every column of the admin's researcher resource."""
    resource = admin.site._registry[Researcher].resource_classes[0]
    return {f"{resource.__name__.lower()}_{name}": "on" for name in resource._meta.fields}


def test_only_csv_xlsx_and_json_are_offered(admin_client_logged_in):
    page = admin_client_logged_in.get(IMPORT_URL).content.decode()
    assert ">csv<" in page and ">xlsx<" in page and ">json<" in page
    assert ">tsv<" not in page and ">ods<" not in page and ">yaml<" not in page


@pytest.fixture
def member_staff(client, alice):
    """A member who may open the admin and view researchers, but not add or change them."""
    alice.user.is_staff = True
    alice.user.save()
    alice.user.user_permissions.add(Permission.objects.get(codename="view_researcher"))
    client.force_login(alice.user)
    return client


def test_a_member_without_add_and_change_permission_cannot_import(member_staff):
    data = csv_rows(("slug", "name"), ("dan", "Dan"))
    assert member_staff.get(IMPORT_URL).status_code == 403
    response = member_staff.post(IMPORT_URL, {"import_file": upload("people.csv", data), "format": "0"})
    assert response.status_code == 403
    confirm = {"import_file_name": "x", "original_file_name": "x.csv", "format": "0", "resource": "0"}
    assert member_staff.post(PROCESS_URL, confirm).status_code == 403
    assert not Researcher.objects.filter(slug="dan").exists()
    assert member_staff.get(EXPORT_URL).status_code == 200  # viewing is enough to export


def test_change_permission_without_add_permission_cannot_create_by_import(db, alice):
    editor = UserFactory(username="editor", is_staff=True, permissions=["view_researcher", "change_researcher"])
    data = csv_rows(("slug", "name"), ("dan", "Dan"))
    result = load(ResearcherResource(), CSV, data, user=editor)
    assert result.has_errors()
    assert "needs permission to add and change" in str(result.base_errors[0].error)
    assert not Researcher.objects.filter(slug="dan").exists()


def test_active_content_in_imported_markdown_renders_inert(db, client):
    vectors = load_vectors()
    chunks = [vectors[start : start + 150] for start in range(0, len(vectors), 150)]
    people = tablib.Dataset(headers=["slug", "name", "bio", "availability"])
    entries = tablib.Dataset(headers=["researcher", "section", "title", "description"])
    for number, chunk in enumerate(chunks):
        people.append([f"xss-{number}", "X. Ss", "\n\n".join(chunk), "\n\n".join(chunk[::-1])])
        entries.append([f"xss-{number}", "award", "Prize", "\n\n".join(chunk)])
    assert not load(ResearcherResource(), CSV, CSV().export_data(people)).has_validation_errors()
    assert not load(CVEntryResource(), CSV, CSV().export_data(entries)).has_validation_errors()

    for number in range(len(chunks)):
        for url in (
            reverse("researchers:profile", args=[f"xss-{number}"]),
            reverse("researchers:cv", args=[f"xss-{number}"]),
        ):
            page = client.get(url)
            assert page.status_code == 200
            assert active_content(page.content.decode()) == [], url
