from django.conf import settings
from django.urls import NoReverseMatch, reverse

NAVIGATION = [
    ("Home", "home"),
    ("People", "researchers:directory"),
    ("Publications", "publications:list"),
    ("News", "news:list"),
    ("Blog", "news:blog"),
]


def site(request):
    """The lab's name and the header navigation (sections that exist in this install)."""
    navigation = []
    for label, name in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        current = request.path == url if url == "/" else request.path.startswith(url)
        navigation.append((label, url, current))
    return {"lab_name": settings.LAB_NAME, "navigation": navigation, "site_url": settings.SITE_URL}
