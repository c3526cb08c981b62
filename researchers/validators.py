"""Validators for identifiers and uploaded files."""

import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image
from pypdf import PdfReader

ORCID_RE = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_href(url):
    """The URL when following it cannot run code: http(s), mailto or relative; '' otherwise.

    Forms already refuse other schemes; this guards what reaches a page by any other way.
    """
    url = (url or "").strip()
    scheme, colon, _ = "".join(char for char in url if char.isprintable() and not char.isspace()).partition(":")
    if colon and "/" not in scheme and scheme.lower() not in SAFE_SCHEMES:
        return ""
    return url


def normalize_orcid(value):
    """'https://orcid.org/0000-0002-1825-0097' → '0000-0002-1825-0097'; anything else unchanged."""
    value = (value or "").strip().upper()
    for prefix in ("HTTPS://ORCID.ORG/", "HTTP://ORCID.ORG/", "ORCID.ORG/"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    match = ORCID_RE.match(value)
    return "-".join(match.groups()) if match else value


def orcid_checksum_ok(orcid):
    """ISO 7064 11,2 check digit, as ORCID specifies."""
    digits = orcid.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def validate_orcid(value):
    orcid = normalize_orcid(value)
    if not ORCID_RE.match(orcid):
        raise ValidationError("An ORCID iD has 16 digits, like 0000-0002-1825-0097.", code="orcid_format")
    if not orcid_checksum_ok(orcid):
        raise ValidationError("This ORCID iD's check digit is wrong; please copy it again.", code="orcid_checksum")


def _check_size(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}.", code="too_large"
        )


def validate_image(upload):
    """Accept only PNG, JPEG, GIF and WebP that Pillow can fully decode, within size and pixel limits."""
    _check_size(upload, settings.MAX_IMAGE_BYTES)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 89 and 179 megapixels; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in IMAGE_FORMATS:
                    raise ValidationError("Upload a PNG, JPEG, GIF or WebP image.", code="image_format")
                width, height = image.size
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        f"The image is {width}×{height} pixels; the limit is {settings.MAX_IMAGE_PIXELS:,} pixels.",
                        code="image_pixels",
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError("The image has far too many pixels to be a photo.", code="image_pixels") from error
    except Exception as error:  # Pillow raises many types for damaged or hostile files.
        raise ValidationError("This file is not an image we can read.", code="image_invalid") from error
    finally:
        upload.seek(0)


def validate_pdf(upload):
    """Accept only a PDF that pypdf can open and that has at least one page, within the size limit.

    A header and a trailer prove nothing: an HTML page wrapped in ``%PDF-`` and ``%%EOF`` has both.
    Whatever name the upload came with, it is stored as ``<random>.pdf`` (researchers.uploads).
    """
    _check_size(upload, settings.MAX_DOCUMENT_BYTES)
    upload.seek(0)
    if not upload.read(1024).lstrip().startswith(b"%PDF-"):
        upload.seek(0)
        raise ValidationError("Upload a PDF file.", code="pdf_invalid")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(upload, strict=False)
            if reader.is_encrypted:
                raise ValidationError("Upload a PDF without a password.", code="pdf_encrypted")
            if len(reader.pages) < 1:
                raise ValidationError("Upload a PDF file.", code="pdf_invalid")
            reader.pages[0].mediabox  # noqa: B018 - the first page must be readable, not just listed
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many types for damaged or hostile files.
        raise ValidationError("Upload a PDF file.", code="pdf_invalid") from error
    finally:
        upload.seek(0)
