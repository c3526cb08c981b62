from django.conf import settings
from django.urls import NoReverseMatch, reverse

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
    navigation = []
    for label, name in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        current = request.path == url if url == "/" else request.path.startswith(url)
        navigation.append((label, url, current))
    lab = Lab.load()
    return {"lab": lab, "lab_name": lab.name, "navigation": navigation, "site_url": settings.SITE_URL}
