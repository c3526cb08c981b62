from django.urls import path, re_path

from . import posts, publishing, views, works

app_name = "me"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("profile/", views.profile, name="profile"),
    path("photo/", views.photo, name="photo"),
    path("posts/", posts.post_list, name="posts"),
    path("posts/add/", posts.post_add, name="post_add"),
    path("posts/<int:pk>/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/delete/", posts.post_delete, name="post_delete"),
    path("publish/", publishing.publish, name="publish"),
    path("unpublish/", publishing.unpublish, name="unpublish"),
    path("publish/<slug:slug>/", publishing.publish_member, name="publish_member"),
    path("publications/", views.publications, name="publications"),
    path("publications/import/", views.bibtex_import, name="bibtex_import"),
    path("publications/add/", works.work_add, name="work_add"),
    path("publications/proposals/", works.proposals, name="proposals"),
    path("publications/proposals/sync/", works.works_sync, name="works_sync"),
    re_path(r"^proposals/(?P<pk>\d+)/(?P<decision>accept|reject)/$", works.proposal_decide, name="proposal_decide"),
    path("publications/<int:pk>/", views.publication_edit, name="publication_edit"),
    re_path(
        r"^authorships/(?P<pk>\d+)/(?P<decision>confirm|reject|keep)/$",
        views.authorship_decide,
        name="authorship_decide",
    ),
    path("<str:kind>/", views.record_list, name="records"),
    path("<str:kind>/add/", views.record_add, name="record_add"),
    path("<str:kind>/<int:pk>/", views.record_edit, name="record_edit"),
    path("<str:kind>/<int:pk>/delete/", views.record_delete, name="record_delete"),
    re_path(r"^(?P<kind>[a-z]+)/(?P<pk>\d+)/(?P<direction>up|down)/$", views.record_move, name="record_move"),
]
