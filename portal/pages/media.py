"""Uploaded files, when Django serves them itself (``SERVE_MEDIA``; off by default under https).

Only the images we re-encoded are shown inline; every other file (a CV, or anything stored before
names were ours) is sent as a download with the type its verified extension names, or as bytes.
So no upload can become a page of our origin, whatever it contains.
"""

import posixpath

from django.conf import settings
from django.views.static import serve

from researchers.uploads import DOWNLOAD_TYPES, INLINE_TYPES


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    extension = posixpath.splitext(path)[1].lower().lstrip(".")
    if extension in INLINE_TYPES:
        response.headers["Content-Type"] = INLINE_TYPES[extension]
        response.headers["Content-Disposition"] = "inline"
    else:
        response.headers["Content-Type"] = DOWNLOAD_TYPES.get(extension, "application/octet-stream")
        response.headers["Content-Disposition"] = f'attachment; filename="{posixpath.basename(path)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    # An image that slipped through still runs nothing: no script, no plugin, not even our styles.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
