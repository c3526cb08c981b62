from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from news.models import NewsItem
from publications.models import Publication, ResearchTheme
from researchers.models import ROLE_GROUPS, Researcher, Role

HOME_NEWS = 5
HOME_FEATURED = 6


def home(request):
    """The lab's front door: what it works on, who works there, its news and featured work."""
    members = list(Researcher.objects.listed().current().order_by("order", "name"))
    groups = [(label, sum(member.role in roles for member in members)) for label, roles in ROLE_GROUPS]
    context = {
        "leaders": [member for member in members if member.role in {Role.PI, Role.FACULTY}],
        "member_count": len(members),
        "groups": [(label, count) for label, count in groups if count],
        "news": NewsItem.objects.newest_first()
        .select_related("owner")
        .prefetch_related("mentioned_publications")[:HOME_NEWS],
        "featured": Publication.objects.public().filter(featured=True).newest_first().with_authors()[:HOME_FEATURED],
        "themes": theme_tree(None),
    }
    return render(request, "portal/home.html", context)


def member(request, slug):
    """A member's homepage: their profile, selected publications and research themes."""
    researcher = get_object_or_404(Researcher.objects.public().with_profile(), slug=slug)
    selected = Publication.objects.public().selected_by(researcher).with_authors()
    return render(
        request,
        "portal/member.html",
        {
            "researcher": researcher,
            "selected": list(selected),
            "publication_count": Publication.objects.public().for_member(researcher).count(),
            "themes": theme_tree(researcher),
        },
    )


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


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
