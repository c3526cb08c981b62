"""Publication addresses. Included at the site root: the member lists live under /people/<slug>/."""

from django.urls import path, register_converter

from .exports import FORMATS
from .views import (
    lab_export,
    member_export,
    member_publications,
    publication_cite,
    publication_detail,
    publication_export,
    publication_list,
)


class ExportFormatConverter:
    regex = "|".join(FORMATS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "export_format")

app_name = "publications"

urlpatterns = [
    path("publications/", publication_list, name="list"),
    path("publications/<int:pk>/", publication_detail, name="detail"),
    path("publications/<int:pk>/cite/", publication_cite, name="cite"),
    path("publications/<int:pk>.<export_format:file_format>", publication_export, name="export"),
    path("publications.<export_format:file_format>", lab_export, name="lab_export"),
    path("people/<slug:slug>/publications/", member_publications, name="member"),
    path("people/<slug:slug>/publications.<export_format:file_format>", member_export, name="member_export"),
]
