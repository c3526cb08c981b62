"""A member's jobs, under /me/jobs/; portal/urls.py includes them in the namespace "jobs"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/cancel/", views.job_cancel_view, name="cancel"),
    path("<int:pk>/confirm-import/", views.job_confirm_import, name="confirm_import"),
]
