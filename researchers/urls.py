from django.urls import path

from . import views

app_name = "researchers"

# The member page, "researchers:profile" at people/<slug>/, and the CV, "researchers:cv" at
# people/<slug>/cv/, are added by the site (portal.urls): they show papers, which this app does not know of.

urlpatterns = [
    path("", views.directory, name="directory"),
]
