from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.views.decorators.http import require_POST

from news.models import NewsItem, Post
from portal.caching import member_pages as member_cache
from portal.markdown import markdownify
from publications.models import MemberMetrics, Publication, ResearchTheme
from researchers.images import process_image
from researchers.models import ROLE_GROUPS, Researcher, Role
from researchers.permissions import can_edit_researcher, get_viewable_researcher_or_404
from researchers.uploads import check_quota, markdown_image_folder
from researchers.validators import validate_image

HOME_NEWS = 5
HOME_FEATURED = 6
MEMBER_POSTS = 3  # al-folio's latest_posts.limit
RECENT_PAPERS = 5


def home(request):
    """The lab's front door: what it works on, who works there, its news and featured work."""
    members = list(Researcher.objects.listed().current().order_by("order", "name"))
    groups = [(label, [member for member in members if member.role in roles]) for label, roles in ROLE_GROUPS]
    context = {
        "leaders": [member for member in members if member.role in {Role.PI, Role.FACULTY}],
        "member_count": len(members),
        # "1 Postdoc", not "1 Postdocs": a group of one is named by its member's role.
        "groups": [
            (label if len(group) > 1 else group[0].get_role_display(), len(group)) for label, group in groups if group
        ],
        "news": NewsItem.objects.public()
        .newest_first()
        .select_related("owner")
        .prefetch_related("mentioned_publications")[:HOME_NEWS],
        "featured": Publication.objects.public().filter(featured=True).newest_first().with_authors()[:HOME_FEATURED],
        "themes": theme_tree(None),
    }
    return render(request, "portal/home.html", context)


def member(request, slug):
    """A member's homepage: their profile, news, latest posts, selected publications and research themes.

    The page's head and body are cached until something they show changes (portal.caching.member_pages),
    so `MemberPage` reads the database only when the template renders them.
    """
    # What the page shows outside its cached parts: its title, link previews, photo and who may edit it.
    fields = ("slug", "name", "position", "affiliation", "focus", "photo", "user", "published", "visibility")
    # A draft is shown to its member and the lab admins only, under a banner saying so.
    researcher = get_viewable_researcher_or_404(request, slug, Researcher.objects.only(*fields))
    context = {
        "researcher": researcher,
        "page": MemberPage(researcher),
        "can_edit": can_edit_researcher(request.user, researcher),
    }
    return render(request, "portal/member.html", context)


class MemberPage:
    """What a member's page shows, each part read once, on first use."""

    def __init__(self, researcher):
        self.researcher = researcher

    @cached_property
    def cache_key(self):
        return member_cache.fragment_key(self.researcher)

    @property
    def cache_seconds(self):
        return settings.MEMBER_CACHE_SECONDS

    @cached_property
    def profile(self):
        """The researcher whole, with their links, interests, CV and supervisors."""
        return Researcher.objects.with_profile().get(pk=self.researcher.pk)

    @cached_property
    def selected_papers(self):
        return list(Publication.objects.public().selected_by(self.researcher).with_authors())

    @cached_property
    def papers(self):
        """The selected papers; until the member picks some, their latest stand in."""
        recent = Publication.objects.public().for_member(self.researcher).newest_first().with_authors()
        return self.selected_papers or list(recent[:RECENT_PAPERS])

    @cached_property
    def news(self):
        news = NewsItem.objects.public().for_member(self.researcher).newest_first()
        return list(news.select_related("owner").prefetch_related("mentioned_publications")[: self.profile.news_limit])

    @cached_property
    def posts(self):
        """Title, date and summary, as al-folio's latest_posts: one query."""
        return list(Post.objects.published().filter(authors=self.researcher)[:MEMBER_POSTS])

    @cached_property
    def publication_count(self):
        return Publication.objects.public().for_member(self.researcher).count()

    @cached_property
    def themes(self):
        return theme_tree(self.researcher)

    @cached_property
    def metrics(self):
        """Citation figures per source (OpenAlex), with the date they were fetched."""
        return list(MemberMetrics.objects.filter(researcher=self.researcher).order_by("source"))


def theme_tree(researcher):
    """Research themes of a member (of the lab, for None) as a tree, with their works, in three queries."""
    works = Prefetch("publications", queryset=Publication.objects.public().newest_first().with_authors())
    themes = list(ResearchTheme.objects.filter(researcher=researcher).prefetch_related(works))
    by_id = {theme.pk: theme for theme in themes}
    roots = []
    for theme in themes:
        theme.subthemes = []
    for theme in themes:
        parent = by_id.get(theme.parent_id)
        (parent.subthemes if parent else roots).append(theme)
    return roots


FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page's <link rel="icon"> says."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def robots_txt(request):
    """Crawlers may read every public page; the admin and the members' dashboard are not for them."""
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /me/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _signed_in(request):
    # An editor's background request, not a page: refuse it outright rather than redirect to sign-in.
    if not (request.user.is_authenticated and request.user.is_active):
        raise PermissionDenied


@require_POST
def markdown_preview(request):
    """The editor's live preview: the same sanitiser that renders the saved text."""
    _signed_in(request)
    try:
        return HttpResponse(markdownify(request.POST.get("content", "")))
    except ValidationError as error:
        # markdownx's editor shows whatever the preview answers: say why there is no preview.
        return HttpResponse(f'<p class="notice">{escape(" ".join(error.messages))}</p>', status=400)


@require_POST
def markdown_image_upload(request):
    """An image dropped into the editor: verified and re-encoded like photos, stored under a random name."""
    _signed_in(request)
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": ["Choose an image."]}, status=400)
    try:
        validate_image(upload)
    except ValidationError as error:
        return JsonResponse({"image": error.messages}, status=400)
    image = process_image(upload)
    try:
        check_quota(adding=image.size, user=request.user, member=getattr(request.user, "researcher", None))
    except ValidationError as error:
        return JsonResponse({"image": error.messages}, status=400)
    url = default_storage.url(default_storage.save(markdown_image_folder(request.user) + image.name, image))
    return JsonResponse({"image_code": f"![]({url})"})
