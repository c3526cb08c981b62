from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from researchers import urls as people

from .pages import cv, search, views
from .pages.media import serve_media
from .pages.sitemaps import SITEMAPS

# The member page joins the researchers' routes under their name, "researchers:profile": it shows
# papers and news besides the profile, which the researchers app does not know of.
# Likewise the CV, "researchers:cv", lists the member's papers, and "researchers:cv_pdf" typesets it.
PEOPLE = [
    path("<slug:slug>/", views.member, name="profile"),
    path("<slug:slug>/cv/", cv.cv, name="cv"),
    path("<slug:slug>/cv.pdf", cv.cv_pdf, name="cv_pdf"),
    *people.urlpatterns,
]

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("publications.urls")),
    path("", include("news.urls")),
    path("people/", include((PEOPLE, "researchers"))),
    path("search/", search.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("me/jobs/", include(("portal.jobs.urls", "jobs"))),
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
# The index adds what waits for the admin: co-author suggestions and draft pages.
admin.site.index_template = "admin/labfolio_index.html"
