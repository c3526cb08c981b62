"""A page cache for anonymous visitors, and form errors answered as 400.

The page cache stores whole public pages for visitors without a session, keyed on
the address and a content *generation*: a token kept in the shared cache and
replaced after every committed change to lab content (model signals, connected
in ``portal.apps``) and after every successful unsafe request (the admin's bulk
actions, any view that writes with ``update()`` or ``bulk_create``). Replacing the
token makes every stored page unreachable at once, in every worker and on every
app server sharing the cache; ``PAGE_CACHE_SECONDS`` bounds how long a page
written by a management command's bulk write can stay stale. 0 turns it off.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.forms import BaseForm
from django.http import HttpResponse

from .transactions import on_commit_once

GENERATION_KEY = "portal:page-generation"
PAGE_KEY = "portal:page:{generation}:{digest}"
# Pages for people who sign in, and endpoints whose answer must be live.
UNCACHED_PREFIXES = ("/admin/", "/me/", "/accounts/", "/markdownx/", "/healthz", "/media/", "/static/")
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Streamed answers (the BibTeX, CSL-JSON and RIS of a whole lab) are kept up to this size.
MAX_STREAMED_BYTES = 32 * 1024 * 1024
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def page_generation():
    """The current content generation, created when the cache has none (first run, eviction, clear)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def page_cache_bump():
    """Make every cached page stale, in every process that shares the cache.

    A fresh random token rather than an increment: two processes bumping at once must not
    both land on the same value, or a page rendered between their writes would survive.
    """
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed(sender, **kwargs):
    """Signal receiver: bump the generation once the change is committed and readers can see it.

    Bumping inside the transaction would let a reader cache the old content under the new
    generation before the commit.
    """
    if settings.PAGE_CACHE_SECONDS:
        on_commit_once(_bump_pages, using=kwargs.get("using"))


def _bump_pages(_):
    page_cache_bump()


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests for public pages from the cache.

    Goes before the session middleware so that a hit skips the whole stack below it; the
    stored response already carries the headers that stack adds (CSP, frame options).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in UNSAFE_METHODS:
            response = self.get_response(request)
            if response.status_code < 400 and settings.PAGE_CACHE_SECONDS:
                page_cache_bump()
            return response
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = PAGE_KEY.format(generation=page_generation(), digest=self.digest(request))
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self.cacheable_response(response):
            headers = [(name, value) for name, value in response.items() if name != "X-Page-Cache"]
            if response.streaming:
                response.streaming_content = self.store_when_sent(key, response.streaming_content, headers)
            else:
                cache.set(key, (response.content, headers), timeout=settings.PAGE_CACHE_SECONDS)
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def store_when_sent(key, chunks, headers):
        """Pass a streamed answer (an export) through, and keep it once it was sent whole and not too large."""
        kept, size = [], 0
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size <= MAX_STREAMED_BYTES:
                    kept.append(chunk)
                else:
                    kept = None
            yield chunk
        if kept is not None:
            cache.set(key, (b"".join(kept), headers), timeout=settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def cacheable_request(request):
        if not settings.PAGE_CACHE_SECONDS or request.method not in {"GET", "HEAD"}:
            return False
        # A visitor with a session may be signed in; one with messages waiting must see them.
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return False
        return not request.path.startswith(UNCACHED_PREFIXES)

    @staticmethod
    def cacheable_response(response):
        return (
            response.status_code == 200
            and not response.cookies
            and "Set-Cookie" not in response.headers
            and not {"private", "no-store"} & set(re.split(r"[\s,=]+", response.get("Cache-Control", "")))
            and (response.streaming or len(response.content) <= MAX_PAGE_BYTES)
        )

    @staticmethod
    def digest(request):
        # Feeds and previews name the host they were asked on, so it is part of the address.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return hashlib.sha256(address.encode()).hexdigest()


class FormErrorStatusMiddleware:
    """Answer a POST whose form did not validate with 400, not 200.

    Django's admin and generic views re-render an invalid form with status 200; clients,
    monitoring and tests then cannot tell a refused write from an accepted one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200 and has_form_errors(response.context_data):
            response.status_code = 400
        return response


def has_form_errors(context):
    """Whether a template context carries a bound form (or the admin's error list, or a previewed
    import) that did not validate."""
    if not context:
        return False
    if context.get("errors"):  # the admin's AdminErrorList: the form's and every inline's errors
        return True
    adminform = context.get("adminform")
    if adminform is not None and adminform.form.is_bound and adminform.form.errors:
        return True
    result = context.get("result")  # django-import-export's preview of an import
    if hasattr(result, "has_validation_errors") and (result.has_errors() or result.has_validation_errors()):
        return True
    form = context.get("form")
    return isinstance(form, BaseForm) and form.is_bound and bool(form.errors)
