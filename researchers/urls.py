from django.urls import path

from . import views

app_name = "researchers"

# The member page, "researchers:profile" at people/<slug>/, is added by the site (portal.urls).

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/cv/", views.cv, name="cv"),
]
