"""Bad input gate: every malformed, hostile or oversize input is refused with a message and a 4xx.

Each case is one row of a table: where it is sent, what is sent, the status and the words the
answer must carry. Nothing may be written: every row of every content table, the user table and
the media folder are compared before and after. A new way in adds rows to a table.
"""

import io
import random
import struct
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from researchers.models import Researcher
from tests.admin_forms import publication_form, researcher_form
from tests.factories import PublicationFactory

CONTENT_APPS = ("researchers", "publications", "news")
VALID_BIBTEX = "@article{ok, title={A good paper}, author={Moreau, Alice}, year={2024}, journal={TMLR}}\n"


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height):
    """A few hundred bytes of PNG whose header claims width × height pixels."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + png_chunk(b"IEND", b"")


def image_bytes(image_format="PNG", size=(32, 32), mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@dataclass
class BadInput:
    """One hostile input: POSTed by a lab admin to `url` (a URL name), answered with `status` and `message`."""

    name: str
    url: str
    data: object  # a function returning the POST data: uploads are files, read once
    message: str
    status: int = 400
    post_options: dict = field(default_factory=dict)


RESEARCHER_ADD = "admin:researchers_researcher_add"
PUBLICATION_ADD = "admin:publications_publication_add"
NEWS_ADD = "admin:news_newsitem_add"
BIBTEX_IMPORT = "admin:publications_publication_import_bibtex"
RESEARCHER_IMPORT = "admin:researchers_researcher_import"
CSV_FORMAT, XLSX_FORMAT, JSON_FORMAT = "0", "1", "2"  # the import form's choices, in IMPORT_EXPORT_FORMATS order


def spreadsheet(name, data, file_format):
    return {"import_file": upload(name, data), "format": file_format, "resource": "0"}


ADMIN_CASES = [
    # Identifiers and addresses.
    BadInput("orcid with a wrong check digit", RESEARCHER_ADD, lambda: researcher_form(orcid="0000-0002-1825-0098"),
             "check digit is wrong"),
    BadInput("orcid too short", RESEARCHER_ADD, lambda: researcher_form(orcid="1234-5678"), "16 digits"),
    BadInput("doi that is not a doi", PUBLICATION_ADD, lambda: publication_form(doi="not-a-doi"),
             "This is not a DOI: a DOI starts with 10."),
    BadInput("javascript url in a link", RESEARCHER_ADD,
             lambda: researcher_form(**{"links-TOTAL_FORMS": 1, "links-0-kind": "github",
                                        "links-0-url": "javascript:alert(1)", "links-0-order": 0}),
             "Enter a valid URL."),
    BadInput("data url in a publication", PUBLICATION_ADD,
             lambda: publication_form(pdf_url="data:text/html,<script>alert(1)</script>"), "Enter a valid URL."),
    BadInput("news without a body", NEWS_ADD, lambda: {"date": "2025-01-01", "body": ""}, "This field is required."),
    BadInput("a date that is not a date", NEWS_ADD, lambda: {"date": "2025-13-45", "body": "Hi"},
             "Enter a valid date."),
    # Photos.
    BadInput("oversize image", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("big.png", image_bytes() + b"\0" * (8 * 1024 * 1024))),
             "the limit is 8.0"),
    BadInput("decompression bomb declaring 100000 x 100000 pixels", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("bomb.png", png_declaring(100_000, 100_000))), "image"),
    BadInput("100 megapixel image in a few kilobytes", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("bomb.png", image_bytes(size=(10_000, 10_000), mode="1"))),
             "image"),
    BadInput("svg", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload(
                 "photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml")),
             "image"),
    BadInput("svg named png", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload(
                 "photo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                 "image/png")),
             "image"),
    BadInput("text file named png", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("photo.png", b"just some words\n" * 20, "image/png")), "image"),
    BadInput("html named jpg", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("photo.jpg", b"<html><script>alert(1)</script></html>")),
             "image"),
    BadInput("bmp image", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("photo.bmp", image_bytes("BMP"), "image/bmp")), "image"),
    BadInput("truncated png", RESEARCHER_ADD,
             lambda: researcher_form(photo=upload("cut.png", image_bytes(size=(300, 300))[:200])), "image"),
    BadInput("empty photo file", RESEARCHER_ADD, lambda: researcher_form(photo=upload("photo.png", b"")),
             "The submitted file is empty."),
    # CV documents.
    BadInput("html named pdf as the cv", RESEARCHER_ADD,
             lambda: researcher_form(cv_file=upload("cv.pdf", b"<html><script>alert(1)</script></html>")),
             "Upload a PDF file."),
    BadInput("pdf header without a pdf", RESEARCHER_ADD,
             lambda: researcher_form(cv_file=upload("cv.pdf", b"%PDF-1.7\n<script>alert(1)</script>")),
             "Upload a PDF file."),
    # BibTeX, pasted and uploaded.
    BadInput("bibtex with unbalanced braces", BIBTEX_IMPORT,
             lambda: {"text": "@article{broken, title={Never closed, year={2020}\n"}, "Nothing was imported"),
    BadInput("bibtex entries all without titles", BIBTEX_IMPORT,
             lambda: {"text": "@article{a, year={2020}}\n@misc{b, author={X, Y}}\n"}, "all 2 entries have errors"),
    BadInput("bibtex of binary garbage", BIBTEX_IMPORT,
             lambda: {"file": upload("garbage.bib", random.Random(7).randbytes(64 * 1024))}, "Nothing was imported"),
    BadInput("bibtex with no entry", BIBTEX_IMPORT,
             lambda: {"text": "This is a letter, not a bibliography."}, "no BibTeX entry was found"),
    BadInput("bibtex empty paste", BIBTEX_IMPORT, lambda: {"text": "   \n"}, "Choose a .bib file"),
    BadInput("bibtex empty file", BIBTEX_IMPORT, lambda: {"file": upload("empty.bib", b"")},
             "The submitted file is empty."),
    BadInput("bibtex of 5 MB of junk", BIBTEX_IMPORT,
             lambda: {"file": upload("junk.bib", b"junk {{ } = , " * (5 * 1024 * 1024 // 14))},
             "Nothing was imported"),
    BadInput("bibtex in utf-16", BIBTEX_IMPORT,
             lambda: {"file": upload("utf16.bib", "@article{a, title={Über}, year={2020}}".encode("utf-16"))},
             "Nothing was imported"),
    BadInput("bibtex file over 10 MB", BIBTEX_IMPORT,
             lambda: {"file": upload("huge.bib", VALID_BIBTEX.encode() * (10 * 1024 * 1024 // len(VALID_BIBTEX) + 1))},
             "larger than 10 MB"),
    BadInput("bibtex for a member that does not exist", BIBTEX_IMPORT,
             lambda: {"text": VALID_BIBTEX, "member": 999_999}, "Select a valid choice."),
    # Spreadsheets: unreadable files, and files with an invalid row; the preview writes nothing.
    BadInput("csv of binary garbage", RESEARCHER_IMPORT,
             lambda: spreadsheet("people.csv", random.Random(7).randbytes(4000), CSV_FORMAT), "UnicodeDecodeError"),
    BadInput("xlsx that is not a workbook", RESEARCHER_IMPORT,
             lambda: spreadsheet("people.xlsx", b"PK not really a zip", XLSX_FORMAT), "Ensure you have chosen"),
    BadInput("json that does not parse", RESEARCHER_IMPORT,
             lambda: spreadsheet("people.json", b'[{"slug": "x",', JSON_FORMAT), "JSONDecodeError"),
    BadInput("csv with a bad orcid in a row", RESEARCHER_IMPORT,
             lambda: spreadsheet("people.csv", b"slug,name,orcid\nnew-member,New Member,1234\n", CSV_FORMAT),
             "Some rows failed to validate"),
    BadInput("csv with a javascript link", RESEARCHER_IMPORT,
             lambda: spreadsheet("people.csv", b"slug,name,links\nnew-member,New Member,javascript:alert(1)\n",
                                 CSV_FORMAT),
             "Some rows failed to validate"),
    BadInput("empty csv", RESEARCHER_IMPORT, lambda: spreadsheet("people.csv", b"", CSV_FORMAT),
             "The submitted file is empty."),
    # Whole requests too big to read: refused before any view runs.
    BadInput("form with too many fields", RESEARCHER_ADD,
             lambda: researcher_form(**{f"field{number}": "x" for number in range(6000)}), "Bad request"),
    BadInput("form body over 5 MB", NEWS_ADD, lambda: {"date": "2025-01-01", "body": "x" * (6 * 1024 * 1024)},
             "Bad request"),
    BadInput("too many files", RESEARCHER_ADD,
             lambda: {"photo": [upload(f"p{number}.png", b"x") for number in range(150)]}, "Bad request"),
    BadInput("multipart body cut short", RESEARCHER_ADD, lambda: b"--BoUnDaRy\r\nContent-Disposition: form-da",
             "This field is required.", post_options={"content_type": "multipart/form-data; boundary=BoUnDaRy"}),
    BadInput("multipart without a boundary", RESEARCHER_ADD, lambda: b"name=x",
             "Bad request", post_options={"content_type": "multipart/form-data"}),
]  # fmt: skip


def snapshot(media_root):
    """Every row of every content table and of the users, and every stored file."""
    models = [
        model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    rows = {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}
    rows["users"] = list(get_user_model().objects.order_by("pk").values())
    files = sorted(str(path) for path in media_root.rglob("*") if path.is_file()) if media_root.exists() else []
    return rows, files


@contextmanager
def nothing_written(media_root):
    """Fails unless the block leaves every content row, user and stored file as it found them."""
    before = snapshot(media_root)
    yield
    assert snapshot(media_root) == before


def assert_refused(client, case):
    """The case's data, posted, is answered with its status and message."""
    response = client.post(reverse(case.url), case.data(), **case.post_options)
    page = response.content.decode(errors="replace")
    assert response.status_code == case.status, page[:3000]
    assert case.message in page


@pytest.fixture
def lab(db, alice):
    """Something to be overwritten by mistake: a member and a paper."""
    PublicationFactory(title="Already here", authors=["Alice Moreau"], doi="10.1000/here")
    return alice


@pytest.mark.parametrize("case", ADMIN_CASES, ids=lambda case: case.name)
def test_bad_input_is_refused_with_a_message_and_writes_nothing(case, lab, admin_client_logged_in, media_root):
    with nothing_written(media_root):
        assert_refused(admin_client_logged_in, case)


def test_a_change_form_with_bad_input_changes_nothing(lab, admin_client_logged_in, media_root):
    url = reverse("admin:researchers_researcher_change", args=[lab.pk])
    data = researcher_form(name="Renamed", slug=lab.slug, orcid="0000-0002-1825-0098",
                           photo=upload("photo.png", b"not an image"))  # fmt: skip
    with nothing_written(media_root):
        response = admin_client_logged_in.post(url, data)
    assert response.status_code == 400
    assert Researcher.objects.get(pk=lab.pk).name == "Alice Moreau"


# What the importer command refuses: the same files, from the command line.
COMMAND_CASES = [
    ("unbalanced braces", b"@article{broken, title={Never closed, year={2020}\n", "the entry has errors"),
    ("binary garbage", random.Random(7).randbytes(64 * 1024), "Nothing was imported"),
    ("empty", b"", "no BibTeX entry was found"),
    ("5 MB of junk", b"junk {{ } = , " * (5 * 1024 * 1024 // 14), "Nothing was imported"),
    ("utf-16", "@article{a, title={Über}, year={2020}}".encode("utf-16"), "Nothing was imported"),
    ("a png", image_bytes(), "Nothing was imported"),
]


@pytest.mark.parametrize(("name", "data", "message"), COMMAND_CASES, ids=[case[0] for case in COMMAND_CASES])
def test_the_import_command_refuses_bad_files_and_writes_nothing(name, data, message, lab, tmp_path, media_root):
    bib = tmp_path / "input.bib"
    bib.write_bytes(data)
    with nothing_written(media_root), pytest.raises(CommandError, match=message):
        call_command("import_bibtex", str(bib), stdout=io.StringIO(), stderr=io.StringIO())


# Images Pillow reads are kept, but re-encoded: only pixels survive, under a name that says what they are.
def gif_javascript_polyglot():
    return image_bytes("GIF", comment=b"*/=1;alert(1);/*") + b"<script>alert(1)</script>"


def jpeg_html_polyglot():
    jpeg = image_bytes("JPEG", comment=b"<html><script>alert(1)</script></html>")
    return jpeg + b"<html><body><script>alert(document.domain)</script></body></html>"


def png_with_script_in_text_chunk():
    data = image_bytes("PNG")
    return data[:-12] + png_chunk(b"tEXt", b"Comment\0<script>alert(1)</script>") + data[-12:]


REENCODED_CASES = [
    ("gif and javascript", "photo.gif", gif_javascript_polyglot),
    ("jpeg and html", "photo.jpg", jpeg_html_polyglot),
    ("png with a script in a text chunk", "photo.png", png_with_script_in_text_chunk),
    ("png named jpg", "photo.jpg", lambda: image_bytes("PNG", mode="RGBA", size=(40, 40))),
    ("jpeg named png", "photo.png", lambda: image_bytes("JPEG")),
    ("webp named gif", "photo.gif", lambda: image_bytes("WEBP")),
]
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png"}


@pytest.mark.parametrize(("name", "filename", "data"), REENCODED_CASES, ids=[case[0] for case in REENCODED_CASES])
def test_images_pillow_reads_are_stored_reencoded_with_only_pixels(name, filename, data, admin_client_logged_in):
    payload = data()
    assert Image.open(io.BytesIO(payload)).format  # the case is an image Pillow reads
    response = admin_client_logged_in.post(reverse(RESEARCHER_ADD), researcher_form(photo=upload(filename, payload)))
    assert response.status_code == 302
    member = Researcher.objects.get(slug="nadia-haddad")
    for stored in (member.photo, member.photo_thumb):
        content = stored.read()
        stored.close()
        assert b"<script" not in content.lower() and b"alert(" not in content
        with Image.open(io.BytesIO(content)) as image:
            assert stored.name.endswith(EXTENSIONS[image.format])
        assert filename.rsplit(".", 1)[0] not in stored.name.rsplit("/", 1)[-1]


# Homepages that cannot be imported: the command says why and writes nothing.
HOMEPAGE_CASES = [
    ("front matter that is not yaml", b"---\ntitle: [never closed\n---\nHello.\n", "not valid YAML"),
    ("front matter never closed", b"---\ntitle: about\nHello.\n", "not closed"),
    ("binary garbage", random.Random(7).randbytes(16 * 1024), "not a text file"),
    ("an image named .md", image_bytes(), "not a text file"),
    ("empty page", b"", "is empty"),
    ("front matter that is a list", b"---\n- one\n- two\n---\nHello.\n", "not a set of 'key: value' lines"),
]


@pytest.mark.parametrize(("name", "data", "message"), HOMEPAGE_CASES, ids=[case[0] for case in HOMEPAGE_CASES])
def test_the_homepage_importer_refuses_bad_pages_and_writes_nothing(name, data, message, lab, tmp_path, media_root):
    page = tmp_path / "about.md"
    page.write_bytes(data)
    with nothing_written(media_root), pytest.raises(CommandError, match=message):
        call_command("import_homepage", str(page), "--member", "new-member", "--name", "New", stdout=io.StringIO())


def profile_form(**fields):
    return {"name": "Alice Moreau", "news_limit": 5, "visibility": "public", **fields}


# The member dashboard: what a member sends about themselves.
MEMBER_CASES = [
    BadInput("profile with a wrong orcid", "me:profile", lambda: profile_form(orcid="0000-0002-1825-0098"),
             "check digit is wrong"),
    BadInput("profile with a cv that is not a pdf", "me:profile",
             lambda: profile_form(cv_file=upload("cv.pdf", b"<html><script>alert(1)</script></html>")),
             "Upload a PDF file."),
    BadInput("photo bomb", "me:photo", lambda: {"photo": upload("bomb.png", png_declaring(100_000, 100_000))},
             "too many pixels"),
    BadInput("svg photo", "me:photo",
             lambda: {"photo": upload("me.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')},
             "not an image we can read"),
    BadInput("oversize photo", "me:photo",
             lambda: {"photo": upload("big.png", image_bytes() + b"\0" * (8 * 1024 * 1024))}, "the limit is 8.0"),
    BadInput("bibtex of binary garbage", "me:bibtex_import",
             lambda: {"file": upload("garbage.bib", random.Random(7).randbytes(64 * 1024))}, "Nothing was imported"),
    BadInput("bibtex over 10 MB", "me:bibtex_import",
             lambda: {"file": upload("huge.bib", VALID_BIBTEX.encode() * (10 * 1024 * 1024 // len(VALID_BIBTEX) + 1))},
             "larger than 10 MB"),
]  # fmt: skip


@pytest.mark.parametrize("case", MEMBER_CASES, ids=lambda case: case.name)
def test_bad_input_on_the_dashboard_is_refused_and_writes_nothing(case, lab, client, media_root):
    client.force_login(lab.user)
    with nothing_written(media_root):
        assert_refused(client, case)


@pytest.mark.parametrize("kind, data", [("links", {"kind": "github", "url": "javascript:alert(1)"}),
                                        ("cv", {"section": "award", "title": "x", "url": "data:text/html,x"}),
                                        ("news", {"date": "2025-13-45", "body": "Hi"})])  # fmt: skip
def test_bad_records_on_the_dashboard_are_refused_and_write_nothing(kind, data, lab, client, media_root):
    client.force_login(lab.user)
    with nothing_written(media_root):
        response = client.post(reverse("me:record_add", args=[kind]), data)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
