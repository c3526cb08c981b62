from django.urls import path

from . import views

app_name = "researchers"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/cv/", views.cv, name="cv"),
]
