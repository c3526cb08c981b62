"""factory-boy factories, one for every model: tests build their rows here rather than with objects.create."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import NewsItem, Post, Tag
from news.services import news_item_save
from portal.accounts.models import Invitation, new_token, token_hash
from researchers.models import CVEntry, Lab, Link, NameVariant, Researcher, ResearchInterest, Role, Supervisor
from researchers.services import researcher_unique_slug


def related(name):
    """A many-to-many field a factory fills from a list: `PostFactory(tags=[robots])`."""

    def add(instance, create, values, **kwargs):
        if create and values:
            getattr(instance, name).add(*values)

    return factory.PostGeneration(add)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@lab.example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def permissions(user, create, codenames, **kwargs):
        """`permissions=["view_newsitem"]` grants those permissions by codename; staff also need `is_staff=True`."""
        if create and codenames:
            granted = Permission.objects.filter(codename__in=codenames)
            assert sorted(granted.values_list("codename", flat=True)) == sorted(codenames), codenames
            user.user_permissions.add(*granted)


class ResearcherFactory(factory.django.DjangoModelFactory):
    """A member; their page address is made from their name, as the site makes it ("Yi Liu" → yi-liu)."""

    class Meta:
        model = Researcher

    name = factory.Sequence(lambda n: f"Member Number{n}")
    slug = factory.LazyAttribute(lambda researcher: researcher_unique_slug(researcher.name))
    role = Role.PHD
    position = "PhD student"
    affiliation = "Example University"
    focus = "Robust machine learning"


class YiLiuFactory(ResearcherFactory):
    """Yi Liu, a PhD student: a name with a native spelling, two e-mail addresses and an office."""

    name = "Yi Liu"
    native_name = "刘毅"
    focus = "Robust and verifiable machine learning"
    emails = "yi.liu@lab.example.org\nyliu@cs.example.edu"
    address = "Room 3.05, Computer Science Building"


class ProfileRowFactory(factory.django.DjangoModelFactory):
    """A row of a member's profile: it belongs to a researcher, a new one unless `researcher=` names one."""

    class Meta:
        abstract = True

    researcher = factory.SubFactory(ResearcherFactory)


class LinkFactory(ProfileRowFactory):
    class Meta:
        model = Link

    kind = Link.Kind.GITHUB
    url = factory.Sequence(lambda n: f"https://github.com/member{n}")


class ResearchInterestFactory(ProfileRowFactory):
    class Meta:
        model = ResearchInterest

    title = factory.Sequence(lambda n: f"Interest {n}")


class CVEntryFactory(ProfileRowFactory):
    class Meta:
        model = CVEntry

    section = CVEntry.Section.AWARD
    title = factory.Sequence(lambda n: f"Award {n}")
    date_text = "2024"


class SupervisorFactory(ProfileRowFactory):
    class Meta:
        model = Supervisor

    name = "Prof. External Advisor"
    url = "https://advisor.example.org/"


class NameVariantFactory(ProfileRowFactory):
    class Meta:
        model = NameVariant

    name = factory.Sequence(lambda n: f"Number{n}, M.")


def image_upload(name="photo.png", size=(64, 48), image_format="PNG", mode="RGB", color=(30, 120, 200), **save_options):
    """An in-memory image upload made with Pillow."""
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "publications.Venue"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Conference on Examples {n}")
    short_name = factory.Sequence(lambda n: f"CoE{n}")
    kind = "conference"


PAPER_LINKS = ("pdf", "code", "project", "video", "slides", "poster")


class PublicationFactory(factory.django.DjangoModelFactory):
    """A conference paper; give it authors with AuthorshipFactory or `authors=[...]` names.

    `every_link=True` gives it a PDF, code, project page, video, slides and poster; `complete=True`
    fills every field a paper can show or export besides.
    """

    class Meta:
        model = "publications.Publication"
        skip_postgeneration_save = True

    class Params:
        every_link = factory.Trait(**{f"{link}_url": f"https://example.org/{link}" for link in PAPER_LINKS})
        complete = factory.Trait(
            every_link=True,
            status="accepted",
            note="Oral",
            abstract="We study *robustness* under shift.",
            month=6,
            volume="3",
            issue="7",
            pages="12–23",
            publisher="Example Press",
            doi=factory.Sequence(lambda n: f"10.5555/labfolio.{n}"),
            arxiv_id=factory.Sequence(lambda n: f"2404.{n:05d}"),
            stars=42,
            citation_count=120,
            citation_source="Google Scholar",
            citation_date=datetime.date(2026, 11, 1),
        )

    title = factory.Sequence(lambda n: f"Learning robust representations, part {n}")
    kind = "inproceedings"
    venue = factory.SubFactory(VenueFactory)
    year = 2024

    @factory.post_generation
    def authors(publication, create, names, **kwargs):
        """`authors=["Alice Moreau", "Wei Zhang"]` adds unlinked authors in that order."""
        for position, name in enumerate(names or [], start=1):
            given, _, family = name.rpartition(" ")
            AuthorshipFactory(publication=publication, position=position, name=name, family=family, given=given)
        if names and create:
            publication.update_authors_text()


class AuthorshipFactory(factory.django.DjangoModelFactory):
    """An author; `researcher=member, confirmed=True` makes a lab member a confirmed author, under their name
    unless `name=` says how the paper prints it."""

    class Meta:
        model = "publications.Authorship"

    class Params:
        confirmed = factory.Trait(link_state="confirmed")

    publication = factory.SubFactory(PublicationFactory)
    researcher = None
    position = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttributeSequence(
        lambda authorship, n: authorship.researcher.name if authorship.researcher else f"Author Number{n}"
    )
    family = factory.LazyAttribute(lambda authorship: authorship.name.rpartition(" ")[2])
    given = factory.LazyAttribute(lambda authorship: authorship.name.rpartition(" ")[0])


class ResearchThemeFactory(factory.django.DjangoModelFactory):
    """A theme of the whole lab; pass `researcher=` for a member's own."""

    class Meta:
        model = "publications.ResearchTheme"

    researcher = None
    title = factory.Sequence(lambda n: f"Theme {n}")


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab

    name = "Example Learning Lab"


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A news item saved the way the site saves one: members written as @slug are linked and mentioned."""

    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    body = factory.Sequence(lambda n: f"News number {n}")
    owner = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return news_item_save(item=model_class(*args, **kwargs))

    mentioned_members = related("mentioned_members")
    mentioned_publications = related("mentioned_publications")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.LazyAttribute(lambda tag: tag.name.lower().replace(" ", "-"))


class PostFactory(factory.django.DjangoModelFactory):
    """A published blog post; `authors=[...]` and `tags=[...]` link them."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post number {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    body = "What we learned."
    status = Post.Status.PUBLISHED

    authors = related("authors")
    tags = related("tags")


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation; its link is unknown (only the hash is stored): use invitation_create for one."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@lab.example.org")
    name = factory.Sequence(lambda n: f"Invitee Number{n}")
    token_hash = factory.LazyFunction(lambda: token_hash(new_token()))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


def pdf_bytes(pages=1):
    """A real, tiny PDF that pypdf opens: `pages` blank pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
