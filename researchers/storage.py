"""Object storage for uploads (django-storages' S3 backend), set by MEDIA_STORAGE_URL.

Each object carries the type of its verified extension, and every object that is not one of our
re-encoded images is marked as a download, as portal.pages.media does when Django serves files.
"""

import posixpath

from storages.backends.s3 import S3Storage

from .uploads import DOWNLOAD_TYPES, INLINE_TYPES


class MediaS3Storage(S3Storage):
    file_overwrite = False

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        extension = posixpath.splitext(name)[1].lower().lstrip(".")
        if extension in INLINE_TYPES:
            parameters["ContentType"] = INLINE_TYPES[extension]
        else:
            parameters["ContentType"] = DOWNLOAD_TYPES.get(extension, "application/octet-stream")
            parameters["ContentDisposition"] = f'attachment; filename="{posixpath.basename(name)}"'
        return parameters
