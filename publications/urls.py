"""Publication addresses. Included at the site root: the member lists live under /people/<slug>/."""

from django.urls import path, register_converter

from . import views
from .exports import FORMATS


class ExportFormatConverter:
    regex = "|".join(FORMATS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "export_format")

app_name = "publications"

urlpatterns = [
    path("publications/", views.publication_list, name="list"),
    path("publications/<int:pk>/", views.publication_detail, name="detail"),
    path("publications/<int:pk>/cite/", views.publication_cite, name="cite"),
    path("publications/<int:pk>.<export_format:file_format>", views.publication_export, name="export"),
    path("publications.<export_format:file_format>", views.lab_export, name="lab_export"),
    path("people/<slug:slug>/publications/", views.member_publications, name="member"),
    path("people/<slug:slug>/publications.<export_format:file_format>", views.member_export, name="member_export"),
]
