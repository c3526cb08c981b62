"""/me/posts/: a member writes blog posts, keeps drafts and previews them on their page on the blog.

Posts are found through news.permissions, so a member opens only posts they wrote.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

from news.models import Post
from news.permissions import get_editable_post_or_404
from news.services import post_create, post_tag
from researchers.permissions import get_own_researcher_or_404

from . import forms
from .views import _form_page, _page


@login_required
def post_list(request):
    researcher = get_own_researcher_or_404(request)
    posts = Post.objects.filter(authors=researcher).order_by("-date", "-id")
    return _page(request, "me/posts.html", {"researcher": researcher, "posts": posts})


@login_required
def post_add(request):
    return _post_form(request, get_own_researcher_or_404(request), None)


@login_required
def post_edit(request, pk):
    researcher = get_own_researcher_or_404(request)
    return _post_form(request, researcher, get_editable_post_or_404(request, pk))


def _post_form(request, researcher, post):
    """Writing a new post and editing one differ only in the title and in who becomes the author."""
    form = forms.PostForm(request.POST or None, instance=post)
    title = "Edit blog post" if post else "Write a blog post"
    context = {"researcher": researcher, "form": form, "post": post, "title": title, "cancel": "me:posts"}

    def save():
        saved = form.save() if post else post_create(post=form.save(commit=False), author=researcher)
        post_tag(post=saved, names=form.cleaned_data["tag_list"])
        messages.success(request, _saved(saved))
        return redirect("me:post_edit", pk=saved.pk)

    return _form_page(request, "me/post_form.html", context, save)


@login_required
def post_delete(request, pk):
    researcher = get_own_researcher_or_404(request)
    post = get_editable_post_or_404(request, pk)
    if request.method != "POST":
        context = {"researcher": researcher, "noun": "blog post", "item": post.title, "keep_url": reverse("me:posts")}
        return _page(request, "me/delete.html", context)
    post.delete()
    messages.success(request, f"The post “{post.title}” is deleted.")
    return redirect("me:posts")


def _saved(post):
    if post.is_public:
        return f"The post “{post.title}” is saved and published."
    if post.status == Post.Status.PUBLISHED:
        return f"The post “{post.title}” is saved; it appears on the blog on {post.date:%-d %B %Y}."
    return f"The draft “{post.title}” is saved; only you and the lab admins can open it."
