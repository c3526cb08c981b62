import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from researchers.models import Lab

NAVIGATION = [
    ("Home", "home"),
    ("People", "researchers:directory"),
    ("Publications", "publications:list"),
    ("News", "news:list"),
    ("Blog", "news:blog"),
]


def site(request):
    """The lab, its name and the header navigation (sections that exist in this install)."""
    navigation = [
        (label, url, request.path == url if url == "/" else request.path.startswith(url))
        for label, url in sections(get_script_prefix(), get_urlconf())
    ]
    lab = Lab.load()
    return {"lab": lab, "lab_name": lab.name, "navigation": navigation, "site_url": settings.SITE_URL}


@functools.cache
def sections(prefix, urlconf):
    """[(label, address)] of the navigation's sections, reversed once per script prefix and URLconf:
    on a page served from the member-page cache, reversing them each time would be a fifth of the work."""
    found = []
    for label, name in NAVIGATION:
        try:
            found.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return found
