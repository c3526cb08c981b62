"""Photo processing: uploads are re-encoded, so no metadata or hidden payload survives."""

import io
import uuid

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

PHOTO_SIZE = 800
THUMB_SIZE = 240
IMAGE_SIZE = 1600


def _encode(image, size):
    image = image.copy()
    # Only pixels: Pillow writes a JPEG's or GIF's comment (a script, say) back into the new file.
    image.info = {}
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if image.mode in {"RGBA", "LA"}:
        image.save(buffer, "PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    return buffer.getvalue(), extension


def process_photo(upload):
    """Return (photo, thumbnail) as ContentFiles with random names, EXIF dropped, upright.

    The upload must already have passed :func:`researchers.validators.validate_image`.
    """
    image = _open_upright(upload)
    stem = uuid.uuid4().hex
    photo, extension = _encode(image, PHOTO_SIZE)
    thumb, thumb_extension = _encode(image, THUMB_SIZE)
    return ContentFile(photo, f"{stem}.{extension}"), ContentFile(thumb, f"{stem}-thumb.{thumb_extension}")


def process_image(upload, size=IMAGE_SIZE):
    """An image for markdown text: re-encoded like photos, at most `size` pixels on its long side."""
    data, extension = _encode(_open_upright(upload), size)
    return ContentFile(data, f"{uuid.uuid4().hex}.{extension}")


def _open_upright(upload):
    upload.seek(0)
    with Image.open(upload) as original:
        original.seek(0)  # first frame of an animation
        image = ImageOps.exif_transpose(original)
        return image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} and _has_alpha(image) else "RGB")


def _has_alpha(image):
    if image.mode == "P":
        return "transparency" in image.info
    return image.getextrema()[-1][0] < 255
