"""Where uploaded files are stored, how much each member may store, and removing replaced files.

A stored file's name is never the one it was uploaded with: the name is random and the extension is
that of the type we verified (a CV that pypdf opened is ``cv/<random>.pdf``, a photo Pillow
re-encoded is ``.jpg`` or ``.png``), so no upload can choose how our origin serves it.
"""

import contextlib
import functools
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import FileField
from django.template.defaultfilters import filesizeformat

# What each extension we store is served as; anything else is sent as a download.
INLINE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
DOWNLOAD_TYPES = {"pdf": "application/pdf"}


def cv_upload_to(instance, filename):
    """cv/<random>.pdf: validators.validate_pdf has opened the file as a PDF."""
    return f"cv/{uuid.uuid4().hex}.pdf"


def markdown_image_folder(user):
    """The folder of the images one user dropped into markdown text, so their quota can add them up."""
    return f"markdown/u{user.pk}/"


def stored_size(name, storage=default_storage):
    try:
        return storage.size(name) if name else 0
    except (OSError, NotImplementedError):
        return 0


def folder_size(folder, storage=default_storage):
    try:
        _, files = storage.listdir(folder)
    except (OSError, NotImplementedError):
        return 0
    return sum(stored_size(folder + name, storage) for name in files)


def member_usage(*, member=None, user=None):
    """Bytes a member (or a signed-in user without a profile) keeps in storage: photo, CV, markdown images."""
    used = 0
    if member is not None:
        used += sum(stored_size(name) for name in (member.photo.name, member.photo_thumb.name, member.cv_file.name))
        user = user or member.user
    if user is not None and user.pk:
        used += folder_size(markdown_image_folder(user))
    return used


def check_quota(*, adding, member=None, user=None, replacing=0):
    """Refuse an upload of `adding` bytes that would take the member past ``MEDIA_QUOTA_BYTES``.

    `replacing` is the size of the file the upload takes the place of, freed once it is saved.
    """
    quota = settings.MEDIA_QUOTA_BYTES
    if not quota:
        return
    used = member_usage(member=member, user=user) - replacing
    if used + adding > quota:
        raise ValidationError(
            f"Your files would take {filesizeformat(used + adding)}; each member may keep {filesizeformat(quota)}. "
            "Remove an image or a CV first.",
            code="quota",
        )


class ReplacedFilesMixin:
    """Removes a model's stored files from storage when the row stops naming them.

    The names the row was loaded with are remembered (no query on save); once a save that changed
    them, or a delete, is committed, the old files go. A rolled-back save keeps them.
    """

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_files = instance._file_names()
        return instance

    def _file_names(self):
        return {name: getattr(self, name).name or "" for name in _file_fields(type(self)) if name in self.__dict__}

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        before = getattr(self, "_stored_files", {})
        now = self._file_names()
        gone = [name for field, name in before.items() if name and now.get(field, name) != name]
        self._stored_files = now
        self._remove_files_on_commit(gone)

    def delete(self, *args, **kwargs):
        gone = [name for name in self._file_names().values() if name]
        result = super().delete(*args, **kwargs)
        self._remove_files_on_commit(gone)
        return result

    def _remove_files_on_commit(self, names):
        if names:
            transaction.on_commit(lambda: remove_files(names), using=self._state.db)


@functools.cache
def _file_fields(model):
    """The model's file columns; looked up once, as every row loaded asks."""
    return [field.attname for field in model._meta.concrete_fields if isinstance(field, FileField)]


def remove_files(names, storage=default_storage):
    for name in names:
        with contextlib.suppress(OSError):  # already gone; nothing refers to it any more
            storage.delete(name)
