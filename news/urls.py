from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/feed/", feeds.LabNewsFeed(), name="feed"),
    path("people/<slug:slug>/news/feed/", feeds.MemberNewsFeed(), name="member_feed"),
    path("blog/", views.blog, name="blog"),
    path("blog/feed/", feeds.BlogFeed(), name="blog_feed"),
    path("blog/tag/<slug:tag>/", views.blog, name="tag"),
    path("blog/<slug:slug>/", views.post_detail, name="post"),
]
