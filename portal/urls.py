from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from .pages import search, views
from .pages.media import serve_media
from .pages.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    # The member page adds publications and research themes to researchers' profile page; it
    # shadows that route, so reverse("researchers:profile") still gives the same address.
    path("people/<slug:slug>/", views.member, name="member"),
    path("", include("publications.urls")),
    path("", include("news.urls")),
    path("people/", include("researchers.urls")),
    path("search/", search.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    path("me/", include("portal.dashboard.urls")),
    path("accounts/", include("portal.accounts.views")),
    # The editor's preview and upload endpoints are for signed-in members only.
    path("markdownx/markdownify/", views.markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", views.markdown_image_upload, name="markdownx_upload"),
]

if settings.SERVE_MEDIA:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.*)$", serve_media))

admin.site.site_header = "Lab administration"
admin.site.site_title = "Labfolio"
