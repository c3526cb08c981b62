"""A page cache for anonymous visitors, and form errors answered as 400.

The page cache stores whole public pages for visitors without a session, keyed on
the address and a content *generation*: a token kept in the shared cache and
replaced after every committed change to lab content (model signals, connected
in ``portal.apps``) and after every successful unsafe request (the admin's bulk
actions, any view that writes with ``update()`` or ``bulk_create``). Replacing the
token makes every stored page unreachable at once, in every worker and on every
app server sharing the cache; ``PAGE_CACHE_SECONDS`` bounds how long a page
written by a management command's bulk write can stay stale. 0 turns it off.

The key holds only the query parameters the page reads. While a page renders, the middleware
notes which parameters the view asked for (``request.GET.get``, a form bound to it, ``in``);
those names are kept per address and generation. A later request carrying any other parameter
(``?x=1``, a tracking tag) is redirected to the address without it, so junk cannot make a page
render again; the parameters it does read are put in one order. A 404 is kept too, briefly.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.forms import BaseForm
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path

from .transactions import on_commit_once

GENERATION_KEY = "portal:page-generation"
PAGE_KEY = "portal:page:{generation}:{digest}"
PARAMETERS_KEY = "portal:page-parameters:{generation}:{digest}"
# Pages for people who sign in, and endpoints whose answer must be live.
UNCACHED_PREFIXES = ("/admin/", "/me/", "/accounts/", "/markdownx/", "/healthz", "/media/", "/static/")
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Streamed answers (the BibTeX, CSL-JSON and RIS of a whole lab) are kept up to this size.
MAX_STREAMED_BYTES = 32 * 1024 * 1024
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# POSTs that change no content: they must not renew the generation (a preview per keystroke would
# empty the cache for everyone, and anyone may post to the sign-in form).
NON_CONTENT_POSTS = ("/markdownx/markdownify/", "/accounts/login/")
NOT_FOUND_SECONDS = 30
PRIVATE_PREFIXES = ("/me/", "/admin/", "/accounts/")


PRIVATE = {"private", "no-store"}


def cache_directives(response):
    return set(re.split(r"[\s,=]+", response.get("Cache-Control", "")))


class ReadParameters(QueryDict):
    """request.GET that remembers which parameter names the view asked for."""

    def __init__(self, *args, **kwargs):
        self.read = set()
        super().__init__(*args, **kwargs)
        self.read.clear()  # filling the dict is not the view reading it

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def _getlist(self, key, *args, **kwargs):
        self.read.add(key)
        return super()._getlist(key, *args, **kwargs)


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
        response = self.respond(request)
        if request.path.startswith(PRIVATE_PREFIXES) and not cache_directives(response) >= PRIVATE:
            # A member's dashboard and the admin show personal data: no shared or browser cache keeps them.
            add_never_cache_headers(response)
        return response

    def respond(self, request):
        if request.method in UNSAFE_METHODS:
            response = self.get_response(request)
            if response.status_code < 400 and settings.PAGE_CACHE_SECONDS and request.path not in NON_CONTENT_POSTS:
                page_cache_bump()
            return response
        if not self.cacheable_request(request):
            return self.get_response(request)
        query = QueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        generation = page_generation()
        parameters_key = PARAMETERS_KEY.format(generation=generation, digest=self.digest(request, ""))
        known = cache.get(parameters_key)
        if known is not None:
            if set(query) - known:
                # One leading slash: '//host/…' must stay on this site.
                path = "/" + escape_uri_path(request.path).lstrip("/")
                return HttpResponseRedirect(path + self.canonical_query(query, known))
            key = PAGE_KEY.format(
                generation=generation, digest=self.digest(request, self.canonical_query(query, known))
            )
            stored = cache.get(key)
            if stored is not None and len(stored) == 3:  # (status, content, headers); older entries are ignored
                status, content, headers = stored
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response.headers[name] = value
                response.headers["X-Page-Cache"] = "hit"
                return response
        request.GET = ReadParameters(query.urlencode(), encoding=request.encoding)
        response = self.get_response(request)
        read = frozenset(request.GET.read) | (known or frozenset())
        if response.status_code < 500:
            cache.set(parameters_key, read, timeout=settings.PAGE_CACHE_SECONDS)
        # A page rendered with parameters it did not read may still show them (the links that keep
        # the query): only pages from their canonical address are kept.
        if request.method == "GET" and not set(query) - read and self.cacheable_response(response):
            key = PAGE_KEY.format(generation=generation, digest=self.digest(request, self.canonical_query(query, read)))
            headers = [(name, value) for name, value in response.items() if name != "X-Page-Cache"]
            timeout = settings.PAGE_CACHE_SECONDS
            if response.status_code == 404:
                timeout = min(timeout, NOT_FOUND_SECONDS)
            if response.streaming:
                response.streaming_content = self.store_when_sent(
                    key, response.status_code, response.streaming_content, headers, timeout
                )
            else:
                cache.set(key, (response.status_code, response.content, headers), timeout=timeout)
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def canonical_query(query, names):
        """'?a=1&b=2' with only the parameters in `names`, in one order; '' when none is left."""
        kept = QueryDict(mutable=True)
        for name in sorted(set(query) & set(names)):
            kept.setlist(name, query.getlist(name))
        return f"?{kept.urlencode()}" if kept else ""

    @staticmethod
    def store_when_sent(key, status, chunks, headers, timeout):
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
            cache.set(key, (status, b"".join(kept), headers), timeout=timeout)

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
            response.status_code in {200, 404}
            and not response.cookies
            and "Set-Cookie" not in response.headers
            and not PRIVATE & cache_directives(response)
            and (response.streaming or len(response.content) <= MAX_PAGE_BYTES)
        )

    @staticmethod
    def digest(request, query):
        # Feeds and previews name the host they were asked on, so it is part of the address.
        address = f"{request.scheme}://{request.get_host()}{request.path}{query}"
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
