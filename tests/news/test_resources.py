"""Bulk import and export of news items."""

import datetime

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.models import NewsItem
from news.resources import NewsItemResource
from researchers.common.spreadsheets import CSV, JSON
from tests.factories import NewsItemFactory, UserFactory
from tests.security.active_content import active_content, load_vectors
from tests.spreadsheets import each_format, export, load

IMPORT_URL = reverse("admin:news_newsitem_import")


def news_state():
    return sorted(
        (
            item.date,
            item.owner.slug if item.owner else "",
            item.body,
            item.body_html,
            item.pinned,
            tuple(sorted(item.mentioned_members.values_list("slug", flat=True))),
        )
        for item in NewsItem.objects.select_related("owner")
    )


@pytest.fixture
def news(alice, bob):
    NewsItemFactory(date=datetime.date(2025, 1, 5), body="We won! Congrats @alice-moreau 🎉", pinned=True)
    mentioned = NewsItemFactory(date=datetime.date(2025, 2, 1), body="-30 °C field trip", owner=bob)
    mentioned.mentioned_members.add(alice)
    NewsItemFactory(date=datetime.date(2025, 2, 1), body="=A paper accepted", owner=alice)
    NewsItemFactory(date=datetime.date(2025, 2, 1), body="=A paper accepted", owner=alice)


@each_format
def test_news_exports_and_reimports_to_the_same_records(db, news, file_format):
    before, ids = news_state(), set(NewsItem.objects.values_list("pk", flat=True))
    data = export(NewsItemResource(), file_format)

    again = load(NewsItemResource(), file_format, data)
    assert not again.has_errors() and not again.has_validation_errors()
    assert {row.import_type for row in again.rows} == {"skip"}
    assert news_state() == before and set(NewsItem.objects.values_list("pk", flat=True)) == ids

    NewsItem.objects.all().delete()
    fresh = load(NewsItemResource(), file_format, data)
    assert {row.import_type for row in fresh.rows} == {"new"}
    assert news_state() == before


def test_at_slug_mentions_in_imported_news_count_as_mentions(db, alice, bob):
    rows = tablib.Dataset(headers=["date", "owner", "body", "mentioned_members"])
    rows.append(["2025-03-01", "", "Welcome @alice-moreau!", "bob-okafor"])
    load(NewsItemResource(), CSV, CSV().export_data(rows))
    item = NewsItem.objects.get()
    assert sorted(item.mentioned_members.values_list("slug", flat=True)) == ["alice-moreau", "bob-okafor"]
    assert '<a href="/people/alice-moreau/"' in item.body_html


@pytest.mark.parametrize(
    ("column", "value"),
    [("owner", "nobody"), ("date", "yesterday"), ("mentioned_members", "alice-moreau, nobody"), ("pinned", "maybe")],
)
def test_one_invalid_news_row_writes_nothing_and_names_row_and_field(db, alice, column, value):
    rows = tablib.Dataset(headers=["date", "owner", "body", "pinned", "mentioned_members"])
    rows.append(["2025-03-01", "alice-moreau", "Fine", "0", ""])
    rows.append(["2025-03-02", "", "Also fine", "1", "alice-moreau"])
    broken = ["2025-03-03", "", "Broken", "0", ""]
    broken[rows.headers.index(column)] = value
    rows.append(broken)

    result = load(NewsItemResource(), CSV, CSV().export_data(rows))

    [invalid] = result.invalid_rows
    assert invalid.number == 3 and column in invalid.field_specific_errors
    assert not NewsItem.objects.exists()


def test_formula_cells_in_exported_news_are_escaped(db, news):
    text = export(NewsItemResource(), CSV)
    assert "'=A paper accepted" in text and "'-30 °C" in text


def test_admin_previews_news_before_writing(admin_client_logged_in, alice):
    rows = tablib.Dataset(headers=["date", "owner", "body"])
    rows.append(["2025-03-01", "alice-moreau", "Defended her thesis"])
    upload = SimpleUploadedFile("news.json", JSON().export_data(rows).encode())

    response = admin_client_logged_in.post(IMPORT_URL, {"import_file": upload, "format": "2", "resource": "0"})

    page = response.content.decode()
    assert response.status_code == 200 and 'class="new"' in page and "Defended her thesis" in page
    assert not NewsItem.objects.exists()


def test_staff_without_news_permissions_cannot_import(db, client):
    client.force_login(UserFactory(is_staff=True, permissions=["view_newsitem"]))
    assert client.get(IMPORT_URL).status_code == 403


def test_active_content_in_imported_news_renders_inert(db, client):
    vectors = load_vectors()
    rows = tablib.Dataset(headers=["date", "body"])
    for start in range(0, len(vectors), 100):
        rows.append(["2025-03-01", "\n\n".join(vectors[start : start + 100])])
    result = load(NewsItemResource(), CSV, CSV().export_data(rows))
    assert not result.has_errors() and not result.has_validation_errors()
    assert NewsItem.objects.count() == len(rows)
    for page_number in range(1, NewsItem.objects.count() // 10 + 2):
        page = client.get(reverse("news:list"), {"page": page_number})
        assert active_content(page.content.decode()) == []
