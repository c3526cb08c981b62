"""Member pages kept rendered until something they show changes.

The page cache (``portal.caching.pages``) drops every page whenever anything in the lab
changes, so on a lab where people edit, most visits find it cold. A member's page is the
costliest to build: papers with their authors, themes with their works, news. Most edits
touch a handful of members, so the head and body of each member page are also cached as
template fragments (``portal/member.html``), keyed on a *version* per member: a token
replaced after each committed change to anything that page shows, for visitors and
signed-in members alike.

Signal receivers (connected in ``portal.apps``) note what changed during a transaction,
as *seeds* such as ("publication", 7). On commit the seeds become the members whose pages
show them (a paper: its linked authors, the themes listing it, the news mentioning it)
and those members get new versions. Seeds of a deletion are resolved before the row goes.
Writes that send no signals (``bulk_create``, ``bulk_update``, ``update()``) call
`members_changed` themselves. A change to the lab record, or to a model this module does
not know, replaces every member's version. ``MEMBER_CACHE_SECONDS`` bounds what a
missed change could cost; 0 turns the cache off.
"""

import functools
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import ForeignKey
from django.utils import timezone

from news.models import NewsItem, Post, Tag
from portal.apps import CONTENT_APPS
from publications.models import Authorship, Publication, ResearchTheme, Venue
from researchers.common.sources import sources_digest
from researchers.models import Researcher, Supervisor

from .transactions import on_commit_once

MEMBER_KEY = "portal:member:{pk}"
ROOT = Path(settings.BASE_DIR)
# What renders a member page: when any of these files changes, every member page is rendered anew.
SOURCES = ("*/templates/**/*.html", "*/templatetags/*.py", "portal/pages/views.py")
SOURCE_FILES = frozenset(path for pattern in SOURCES for path in ROOT.glob(pattern))


def fragment_key(researcher):
    """What the member page's cached fragments are stored under: anything it shows changes it."""
    key = MEMBER_KEY.format(pk=researcher.pk)
    version = cache.get(key)
    if version is None:  # first visit, or evicted: any new token is a fresh start
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    # The day: posts dated today appear at midnight, with nothing saved to announce them.
    sources = sources_digest(*SOURCE_FILES)
    return ":".join(map(str, [researcher.pk, version, timezone.localdate(), settings.SITE_URL, sources]))


def members_changed(*seeds, using=None):
    """Give new versions, once the transaction commits, to the members whose pages show `seeds`.

    A seed is (kind, primary key); kinds are those of `resolve`. Within one transaction the
    seeds are gathered and resolved together on commit, so an import saving thousands of
    rows costs a few queries, not thousands.
    """
    if settings.MEMBER_CACHE_SECONDS and seeds:
        on_commit_once(_bump_resolved, seeds, using=using, robust=True)


def _bump_resolved(seeds):
    bump(resolve(seeds))


def bump(members):
    """New versions for these members' pages; None for every member's page."""
    if members is None:
        members = Researcher.objects.values_list("pk", flat=True)
    cache.set_many({MEMBER_KEY.format(pk=pk): uuid.uuid4().hex for pk in members}, timeout=None)


def resolve(seeds):
    """The primary keys of the members whose pages show `seeds`, or None for every member."""
    by_kind = {}
    for kind, pk in seeds:
        by_kind.setdefault(kind, set()).add(pk)
    if "lab" in by_kind:
        return None
    members = set(by_kind.get("member", ()))
    if ids := by_kind.get("researcher"):
        members |= ids | _neighbours(ids)
    if ids := by_kind.get("venue"):
        by_kind.setdefault("publication", set()).update(
            Publication.objects.filter(venue__in=ids).values_list("pk", flat=True)
        )
    if ids := by_kind.get("publication"):
        members |= _readers_of_papers(ids)
    if ids := by_kind.get("news"):
        members |= _members_of_news(NewsItem.objects.filter(pk__in=ids))
    if ids := by_kind.get("post"):
        members |= set(Post.authors.through.objects.filter(post__in=ids).values_list("researcher_id", flat=True))
    if ids := by_kind.get("theme"):
        members |= set(ResearchTheme.objects.filter(pk__in=ids).values_list("researcher_id", flat=True))
    members.discard(None)
    return members


def _readers_of_papers(ids):
    """Members whose pages show these papers: linked authors, owners of themes listing them, news mentioning them."""
    authors = Authorship.objects.filter(publication__in=ids).values_list("researcher_id", flat=True)
    themes = ResearchTheme.objects.filter(publications__in=ids).values_list("researcher_id", flat=True)
    return {*authors, *themes, *_members_of_news(NewsItem.objects.filter(mentioned_publications__in=ids))}


def _members_of_news(items):
    owners = items.values_list("owner_id", flat=True)
    mentioned = NewsItem.mentioned_members.through.objects.filter(newsitem__in=items.values("pk"))
    return {*owners, *mentioned.values_list("researcher_id", flat=True)}


def _neighbours(ids):
    """Members whose pages show these researchers: those showing their papers (with their names
    linked), supervisees, and members their news mentions (news shows while its owner's page does)."""
    papers = Authorship.objects.filter(researcher__in=ids).values("publication_id")
    supervisees = Supervisor.objects.filter(member__in=ids).values_list("researcher_id", flat=True)
    return {*_readers_of_papers(papers), *supervisees, *_members_of_news(NewsItem.objects.filter(owner__in=ids))}


# The kind of seed a row of each model is, by primary key: what its change could show on.
KINDS = {
    Researcher: "researcher",
    Publication: "publication",
    Venue: "venue",
    NewsItem: "news",
    Post: "post",
    ResearchTheme: "theme",
}
SILENT = {Tag}  # shown on no member page (member pages list posts without their tags)


def seeds_of(instance):
    """The seeds of one changed row: its own kind, and the member each of its researcher keys names."""
    model = type(instance)
    if model in SILENT:
        return set()
    kind = KINDS.get(model)
    researcher_keys = _researcher_keys(model)
    if kind is None and not researcher_keys:
        return {("lab", None)}  # the lab record, or a model added since: every page may show it
    seeds = {("member", getattr(instance, name)) for name in researcher_keys}
    if kind is not None:
        seeds.add((kind, instance.pk))
    if model is Authorship:
        seeds.add(("publication", instance.publication_id))
    return seeds


@functools.cache
def _researcher_keys(model):
    """The attribute names of the model's foreign keys to researchers ("researcher_id", "owner_id")."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.related_model is Researcher
    )


# Signal receivers, connected in portal.apps to the models of the content apps.


def before_save(sender, instance, raw=False, using=None, **kwargs):
    """A row moving from one member to another (an author unlinked, a news item handed over) leaves
    the old member's page: note the member it belonged to before the save."""
    names = _researcher_keys(sender)
    if raw or not names or instance._state.adding or not settings.MEMBER_CACHE_SECONDS:
        return
    fields = kwargs.get("update_fields")
    if fields is not None and not {sender._meta.get_field(name).attname for name in fields} & set(names):
        return
    before = sender._default_manager.using(using).filter(pk=instance.pk).values_list(*names).first() or ()
    members_changed(*(("member", pk) for pk in before if pk is not None), using=using)


def after_save(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        members_changed(*seeds_of(instance), using=using)


def before_delete(sender, instance, using=None, **kwargs):
    """The row's own seed is resolved now: once it is deleted, the rows that say whose pages showed it
    are gone too. Its other seeds name rows that outlive it, or that resolve themselves as they go."""
    if not settings.MEMBER_CACHE_SECONDS:
        return
    seeds = seeds_of(instance)
    own = {(KINDS.get(sender), instance.pk)} & seeds
    members_changed(*(seeds - own), *(("member", pk) for pk in resolve(own)), using=using)


def relation_changed(sender, instance, action, model, pk_set, using=None, **kwargs):
    """A many-to-many link added or removed: the seeds of both ends. A clear names its ends before it happens."""
    if not settings.MEMBER_CACHE_SECONDS or action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if instance._meta.app_label not in CONTENT_APPS:  # a user's groups or permissions, say
        return
    if action == "pre_clear":
        pk_set = _linked(sender, instance, model)
    seeds = seeds_of(instance)
    kind = "member" if model is Researcher else KINDS.get(model)
    if kind is not None:
        seeds |= {(kind, pk) for pk in pk_set}
    elif model not in SILENT:
        seeds.add(("lab", None))
    members_changed(*seeds, using=using)


def _linked(through, instance, model):
    """The primary keys of the `model` rows that `through` links `instance` to."""
    keys = {field.related_model: field for field in through._meta.concrete_fields if isinstance(field, ForeignKey)}
    rows = through._default_manager.filter(**{keys[type(instance)].name: instance.pk})
    return set(rows.values_list(keys[model].attname, flat=True))


def authorships_written(sender, researchers, publications, **kwargs):
    members_changed(*(("member", pk) for pk in researchers), *(("publication", pk) for pk in publications))
