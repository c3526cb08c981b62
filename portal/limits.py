"""Bounds on what one request may ask of a worker."""

from django.conf import settings
from django.http import HttpResponse


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body exceeds MAX_REQUEST_BYTES with 413, before reading it.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it
    spools to disk however large they are; this keeps one client from filling a worker's disk
    and time with a body no form here accepts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            megabytes = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return HttpResponse(
                f"The request is too large: at most {megabytes} MB may be sent at once.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
