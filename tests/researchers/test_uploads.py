import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from researchers.validators import validate_image, validate_orcid, validate_pdf
from tests.factories import ResearcherFactory, image_upload, pdf_bytes


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP"])
def test_common_image_formats_are_accepted(image_format):
    validate_image(image_upload(image_format=image_format))


def test_svg_is_refused_even_when_named_png():
    svg = SimpleUploadedFile("photo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    with pytest.raises(ValidationError, match="not an image we can read"):
        validate_image(svg)


def test_other_image_formats_are_refused():
    with pytest.raises(ValidationError, match="PNG, JPEG, GIF or WebP"):
        validate_image(image_upload(image_format="BMP"))


def test_truncated_image_is_refused():
    data = image_upload(image_format="PNG", size=(300, 300)).read()
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("cut.png", data[: len(data) // 2]))


def test_decompression_bomb_is_refused_quickly_with_a_clear_message(settings):
    bomb = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(bomb, "PNG")  # 100 megapixels in a few kilobytes
    assert bomb.tell() < 200_000
    with pytest.raises(ValidationError, match="pixels"):
        validate_image(SimpleUploadedFile("bomb.png", bomb.getvalue()))


def test_oversize_file_is_refused_with_its_size(settings):
    settings.MAX_IMAGE_BYTES = 1000
    with pytest.raises(ValidationError, match="limit is 1000"):
        validate_image(image_upload(size=(400, 400), image_format="PNG"))


def test_pdf_must_be_a_pdf():
    validate_pdf(SimpleUploadedFile("cv.pdf", pdf_bytes()))
    with pytest.raises(ValidationError):
        validate_pdf(SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script></html>"))


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-0097", "0000-0002-1694-233X", "https://orcid.org/0000-0001-5109-3700"]
)
def test_valid_orcids_pass(orcid):
    validate_orcid(orcid)


@pytest.mark.parametrize(
    ("orcid", "message"),
    [("0000-0002-1825-0098", "check digit"), ("1234", "16 digits"), ("0000-0002-1825-009", "16 digits")],
)
def test_invalid_orcids_say_what_is_wrong(orcid, message):
    with pytest.raises(ValidationError, match=message):
        validate_orcid(orcid)


def test_photo_is_stored_under_a_random_name_resized_upright_and_without_exif(db):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # a GPS position that must not be published
    upload = image_upload("my-home-address.jpg", size=(2000, 1000), image_format="JPEG", exif=exif)
    member = ResearcherFactory(photo=upload)
    assert "my-home-address" not in member.photo.name
    with Image.open(member.photo.path) as photo:
        assert photo.size == (400, 800)  # rotated upright, longest side 800
        assert not photo.getexif()
    with Image.open(member.photo_thumb.path) as thumb:
        assert max(thumb.size) == 240


def test_transparent_png_keeps_its_transparency_and_opaque_images_become_jpeg(db):
    clear = image_upload("logo.png", size=(100, 100), image_format="PNG", mode="RGBA", color=(0, 0, 0, 0))
    opaque = image_upload("face.png", size=(100, 100), image_format="PNG", mode="RGBA", color=(9, 9, 9, 255))
    assert ResearcherFactory(photo=clear).photo.name.endswith(".png")
    assert ResearcherFactory(photo=opaque).photo.name.endswith(".jpg")


def test_removing_the_photo_removes_the_thumbnail(db):
    member = ResearcherFactory(photo=image_upload())
    member.photo = ""
    member.save()
    assert not member.photo_thumb
