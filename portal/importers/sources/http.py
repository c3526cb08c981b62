"""The one way Labfolio talks to scholarly APIs: polite, patient and off unless the site asks for it.

Every source shares this client: a User-Agent naming the lab and its contact
address, timeouts, a pause between requests, retries with growing waits on
rate limits and server errors, and conditional requests (ETag / If-None-Match)
whose answers are kept in the shared cache, so a sync that finds nothing new
costs the source almost nothing.
"""

import json
import time
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.core.cache import cache

RETRY_STATUSES = {429, 500, 502, 503, 504}
ETAG_CACHE_SECONDS = 7 * 24 * 3600


class SourceError(Exception):
    """A source answered with an error, answered nonsense, or could not be reached."""

    def __init__(self, message, *, status=None, url=""):
        super().__init__(message)
        self.status = status
        self.url = url


class Offline(SourceError):
    """The site is not configured to reach scholarly sources."""


@dataclass
class Payload:
    """One answer of a source: from the network, or read back from a recording."""

    body: bytes
    status: int = 200
    url: str = ""
    headers: dict = field(default_factory=dict)

    def json(self):
        self.raise_for_status()
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise SourceError(f"the answer is not JSON ({error})", status=self.status, url=self.url) from None

    def raise_for_status(self):
        if self.status < 400:
            return
        reason = self.body[:300].decode("utf-8", "replace")
        try:
            answer = json.loads(self.body)
            if isinstance(answer, dict):
                reason = answer.get("message") or answer.get("error") or answer.get("user-message") or reason
        except ValueError:
            pass
        if self.status == 429:
            reason = f"rate limited: {reason}"
        raise SourceError(f"HTTP {self.status}: {reason}", status=self.status, url=self.url)


def user_agent():
    contact = settings.SCHOLARLY_SOURCES_CONTACT
    return f"Labfolio ({settings.LAB_NAME}; mailto:{contact})" if contact else f"Labfolio ({settings.LAB_NAME})"


class HttpClient:
    """GETs with timeouts, retries, a pause between requests and ETags. `transport` replaces the network
    (tests replay recorded answers through httpx.MockTransport); without one the site must be online."""

    def __init__(self, *, transport=None, min_interval=None, retries=3, backoff=1.0, sleep=time.sleep):
        if transport is None and not settings.SCHOLARLY_SOURCES_ONLINE:
            raise Offline("this site does not reach scholarly sources (SCHOLARLY_SOURCES_ONLINE is off)")
        self.replaying = transport is not None
        self.client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(settings.SCHOLARLY_SOURCES_TIMEOUT),
            headers={"User-Agent": user_agent()},
            follow_redirects=True,
        )
        self.min_interval = settings.SCHOLARLY_SOURCES_INTERVAL if min_interval is None else min_interval
        self.retries, self.backoff, self.sleep = retries, backoff, sleep
        self.last_request = 0.0

    def get(self, url, *, params=None, headers=None):
        request_headers = dict(headers or {})
        cache_key = "sources:etag:" + str(httpx.URL(url, params=params))
        cached = cache.get(cache_key)
        if cached:
            request_headers["If-None-Match"] = cached["etag"]
        for attempt in range(self.retries + 1):
            self._pause()
            try:
                response = self.client.get(url, params=params, headers=request_headers)
            except httpx.HTTPError as error:
                if attempt == self.retries:
                    raise SourceError(f"could not reach the source ({error})", url=url) from None
                self._wait(attempt, None)
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                self._wait(attempt, response.headers.get("Retry-After"))
                continue
            break
        if response.status_code == 304 and cached:
            return Payload(body=cached["body"].encode(), status=200, url=str(response.url))
        payload = Payload(
            body=response.content, status=response.status_code, url=str(response.url), headers=dict(response.headers)
        )
        etag = response.headers.get("ETag")
        if etag and response.status_code == 200 and len(response.content) < 1_000_000:
            cache.set(cache_key, {"etag": etag, "body": response.text}, ETAG_CACHE_SECONDS)
        return payload

    def _pause(self):
        # Politeness per client: a sync runs one member's requests in a row through one client.
        if self.replaying:
            return
        wait = self.last_request + self.min_interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self.last_request = time.monotonic()

    def _wait(self, attempt, retry_after):
        if self.replaying:
            return
        try:
            delay = min(float(retry_after), 60.0)
        except (TypeError, ValueError):
            delay = self.backoff * 2**attempt
        self.sleep(delay)
