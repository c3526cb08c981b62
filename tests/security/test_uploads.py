"""Uploads cannot choose how our origin serves them, cannot fill the disk, and leave nothing behind."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from researchers.models import Researcher
from tests.factories import image_upload, pdf_bytes
from tests.security.test_bad_input import nothing_written, profile_form, snapshot

HTML_DRESSED_AS_PDF = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"


def stored(media_root):
    return sorted(path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file())


@pytest.mark.parametrize("name", ["cv.html", "cv.pdf", "cv.svg", "cv.xhtml", "cv.js"])
def test_html_with_a_pdf_header_and_trailer_is_refused_as_a_cv(name, alice, client, media_root):
    client.force_login(alice.user)
    disguised = SimpleUploadedFile(name, HTML_DRESSED_AS_PDF)
    with nothing_written(media_root):
        response = client.post(reverse("me:profile"), profile_form(cv_file=disguised))
    assert response.status_code == 400
    assert "Upload a PDF file." in response.content.decode()


@pytest.mark.parametrize("name", ["cv.html", "cv.svg", "cv.js", "cv"])
def test_a_real_pdf_is_stored_under_a_name_of_ours_ending_in_pdf(name, alice, client, media_root):
    client.force_login(alice.user)
    response = client.post(reverse("me:profile"), profile_form(cv_file=SimpleUploadedFile(name, pdf_bytes())))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.cv_file.name.startswith("cv/") and alice.cv_file.name.endswith(".pdf")
    assert name.split(".")[0] + "." not in alice.cv_file.name.removeprefix("cv/")
    assert stored(media_root) == [alice.cv_file.name]


def test_a_cv_is_served_as_a_pdf_download(alice, client, media_root):
    alice.cv_file = ContentFile(pdf_bytes(), name="ignored.html")
    alice.save()
    response = client.get(alice.cv_file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_stored_before_names_were_ours_is_only_ever_downloaded(client, media_root):
    default_storage.save("cv/old.html", ContentFile(HTML_DRESSED_AS_PDF))
    response = client.get("/media/cv/old.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_photo_is_shown_inline_as_the_image_it_is(alice, client, media_root):
    alice.photo = image_upload()
    alice.save()
    response = client.get(alice.photo.url)
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/jpeg", "image/png"}
    assert response["Content-Disposition"] == "inline"


def test_a_cv_that_would_pass_the_members_quota_is_refused_and_nothing_is_written(alice, client, media_root, settings):
    settings.MEDIA_QUOTA_BYTES = 300
    client.force_login(alice.user)
    with nothing_written(media_root):
        response = client.post(reverse("me:profile"), profile_form(cv_file=SimpleUploadedFile("cv.pdf", pdf_bytes())))
    assert response.status_code == 400
    assert "each member may keep 300" in response.content.decode()


def test_images_dropped_into_markdown_count_toward_the_quota(alice, client, media_root, settings):
    client.force_login(alice.user)
    settings.MEDIA_QUOTA_BYTES = 10_000
    first = client.post(reverse("markdownx_upload"), {"image": image_upload(size=(40, 40))})
    assert first.status_code == 200
    before = snapshot(media_root)
    for _ in range(40):
        response = client.post(reverse("markdownx_upload"), {"image": image_upload(size=(400, 400), color=(1, 2, 3))})
        if response.status_code == 400:
            break
    assert response.status_code == 400
    assert "each member may keep" in response.json()["image"][0]
    assert len(stored(media_root)) < 40
    assert all(name.startswith(f"markdown/u{alice.user.pk}/") for name in stored(media_root))
    assert before[1][0] in snapshot(media_root)[1]


def test_a_replaced_cv_and_photo_are_removed_from_storage(alice, media_root, save_committed):
    save_committed(alice, cv_file=ContentFile(pdf_bytes(), name="a.pdf"), photo=image_upload())
    first = stored(media_root)
    assert len(first) == 3  # the CV, the photo and its thumbnail
    member = Researcher.objects.get(pk=alice.pk)
    save_committed(member, cv_file=ContentFile(pdf_bytes(2), name="b.pdf"), photo=image_upload(color=(9, 9, 9)))
    second = stored(media_root)
    assert len(second) == 3
    assert not set(first) & set(second)


def test_a_save_that_rolls_back_keeps_the_old_file(
    alice, media_root, save_committed, django_capture_on_commit_callbacks
):
    save_committed(alice, cv_file=ContentFile(pdf_bytes(), name="a.pdf"))
    member = Researcher.objects.get(pk=alice.pk)
    with django_capture_on_commit_callbacks(execute=False):
        member.cv_file = ""
        member.save()
    assert stored(media_root) == [alice.cv_file.name]


def test_deleting_a_member_removes_their_files(alice, media_root, save_committed, django_capture_on_commit_callbacks):
    save_committed(alice, cv_file=ContentFile(pdf_bytes(), name="a.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        Researcher.objects.get(pk=alice.pk).delete()
    assert stored(media_root) == []
