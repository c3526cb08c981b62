"""Spreadsheet bombs in the admin's import are refused before they are read, with a message, writing nothing."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from researchers.models import Researcher
from tests.security.test_bad_input import CSV_FORMAT, RESEARCHER_IMPORT, XLSX_FORMAT, snapshot, spreadsheet


def xlsx(rows, dimension=None, extra_rows_xml=""):
    """An XLSX of `rows`, its sheet's declared <dimension> replaced by `dimension`, more rows appended as XML."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                if dimension == "":  # no declared dimension at all: openpyxl reads whatever rows there are
                    text = re.sub(r"<dimension [^>]*/>", "", text)
                elif dimension:
                    text = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', text)
                text = text.replace("</sheetData>", extra_rows_xml + "</sheetData>")
                data = text.encode()
            target.writestr(item, data)
    return output.getvalue()


HEADER = ["slug", "name"]
BLANK_ROWS = "".join(
    f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t></t></is></c></row>' for number in range(3, 30_003)
)

BOMBS = {
    "xlsx declaring 100,000 rows by 50 columns": (
        lambda: xlsx([HEADER], dimension="A1:AX100001"), XLSX_FORMAT, "more than 5,000 rows"),
    "xlsx declaring the whole grid": (
        lambda: xlsx([HEADER], dimension="A1:XFD1048576"), XLSX_FORMAT, "16,384 columns; the limit is 60"),
    "xlsx of 30,000 blank rows and no dimension": (
        lambda: xlsx([HEADER, ["a", "A"]], dimension="", extra_rows_xml=BLANK_ROWS), XLSX_FORMAT,
        "more than 5,000 rows"),
    "xlsx with no dimension and one row a million rows down": (
        lambda: xlsx([HEADER], dimension="", extra_rows_xml='<row r="1000000"><c r="A1000000"><v>1</v></c></row>'),
        XLSX_FORMAT, "more than 5,000 rows"),
    "csv of 6,000 rows": (
        lambda: ("slug,name\n" + "".join(f"m{number},M {number}\n" for number in range(6_000))).encode(), CSV_FORMAT,
        "more than 5,000 rows"),
    "csv of 100 columns": (lambda: (",".join(f"c{number}" for number in range(100)) + "\n").encode(), CSV_FORMAT,
                           "100 columns; the limit is 60"),
    "csv of 6 MB": (lambda: b"slug,name\n" + b"x,y\n" * (6 * 1024 * 1024 // 4), CSV_FORMAT, "the limit is 5.0"),
}  # fmt: skip


@pytest.mark.parametrize("name", BOMBS)
def test_a_spreadsheet_bomb_is_refused_with_a_message_and_writes_nothing(name, admin_client_logged_in, media_root):
    make, file_format, message = BOMBS[name]
    before = snapshot(media_root)
    extension = "xlsx" if file_format == XLSX_FORMAT else "csv"
    response = admin_client_logged_in.post(
        reverse(RESEARCHER_IMPORT), spreadsheet(f"people.{extension}", make(), file_format)
    )
    page = response.content.decode()
    assert response.status_code == 400, page[:2000]
    assert message in page
    assert snapshot(media_root) == before


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_blank_rows_are_ignored(file_format, admin_client_logged_in):
    rows = [HEADER, ["", ""], ["new-member", "New Member"], [None, None], ["", "  "]]
    if file_format == XLSX_FORMAT:
        data, name = xlsx(rows), "people.xlsx"
    else:
        data, name = "\n".join(",".join(cell or "" for cell in row) for row in rows).encode(), "people.csv"
    response = admin_client_logged_in.post(reverse(RESEARCHER_IMPORT), spreadsheet(name, data, file_format))
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    assert page.count("New Member") >= 1
    assert "Errors" not in page and "Some rows failed" not in page
    assert not Researcher.objects.filter(slug="new-member").exists()  # a preview writes nothing


def test_rows_past_the_declared_dimension_are_not_read(admin_client_logged_in):
    data = xlsx([HEADER, ["new-member", "New Member"]], dimension="A1:B2", extra_rows_xml=BLANK_ROWS)
    response = admin_client_logged_in.post(reverse(RESEARCHER_IMPORT), spreadsheet("people.xlsx", data, XLSX_FORMAT))
    assert response.status_code == 200
    assert "New Member" in response.content.decode()


def test_a_csv_of_25_mb_is_refused_before_it_is_read(admin_client_logged_in, media_root):
    before = snapshot(media_root)
    data = b"slug,name\n" + b"x,y\n" * (25 * 1024 * 1024 // 4)
    response = admin_client_logged_in.post(reverse(RESEARCHER_IMPORT), spreadsheet("people.csv", data, CSV_FORMAT))
    assert response.status_code in {400, 413}  # the form's size bound, or the request's where it is lower
    assert "25" in response.content.decode() and "MB" in response.content.decode()
    assert snapshot(media_root) == before
