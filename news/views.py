from django.http import Http404
from django.shortcuts import get_object_or_404, render

from researchers.common.pages import paginate
from researchers.models import Researcher

from .models import NewsItem, Post, Tag
from .permissions import can_view_post

NEWS_PER_PAGE = 25
POSTS_PER_PAGE = 10


def news_list(request):
    """All news, pinned first, then newest first; with ?member=<slug>, only that member's news."""
    items = NewsItem.objects.public()
    member = None
    if slug := request.GET.get("member"):
        member = get_object_or_404(Researcher.objects.public(), slug=slug)
        items = items.for_member(member)
    items = items.newest_first().select_related("owner").prefetch_related("mentioned_publications")
    return render(request, "news/news_list.html", {**paginate(request, items, NEWS_PER_PAGE), "member": member})


def blog(request, tag=None):
    """Published posts, newest first; with a tag, only that tag's posts."""
    posts = Post.objects.published().with_authors()
    if tag is not None:
        tag = get_object_or_404(Tag, slug=tag)
        posts = posts.filter(tags=tag)
    return render(request, "news/blog.html", {**paginate(request, posts, POSTS_PER_PAGE), "tag": tag})


def post_detail(request, slug):
    post = get_object_or_404(Post.objects.with_authors(), slug=slug)
    if not can_view_post(request.user, post):
        raise Http404("No such post.")
    return render(request, "news/post.html", {"post": post})
