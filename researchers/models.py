import datetime
import html

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.text import Truncator
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from . import cv_dates
from .common.models import Timestamped, optional_researcher
from .common.text import fold_accents, name_key, plain_paragraphs, repair_text, strip_control
from .images import process_photo
from .uploads import ReplacedFilesMixin, check_quota, cv_upload_to, stored_size
from .validators import normalize_orcid, validate_image, validate_orcid, validate_pdf


def render_markdown(text):
    """Render through the project's one sanitiser, the function django-markdownx previews with.

    Not ``markdownx.utils.markdownify``: that is markdownx's raw default, which keeps HTML as typed.
    Raises ValidationError for text beyond the renderer's bounds (length, time); forms call it
    through :func:`validate_markdown`.
    """
    return import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION)(text)


def markdownify(text):
    """What a save stores: the rendered markdown, or, for text the renderer refuses (a save that
    skipped form validation: an import, a command), the text as escaped paragraphs."""
    try:
        return render_markdown(text)
    except ValidationError:
        return plain_paragraphs(text)


def validate_markdown(value):
    """Every markdown field's validator (researchers.apps adds it): refuse what would not render."""
    render_markdown(strip_control(value))


class CleanTextModel(models.Model):
    """Repairs pasted text and renders markdown to sanitised HTML on every save.

    ``text_fields`` are repaired in place (mojibake); each name in
    ``markdown_fields`` is repaired and rendered into its ``<name>_html`` sibling.
    """

    text_fields = ()
    markdown_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare_text()
        super().save(*args, **kwargs)

    def prepare_text(self):
        """What save() does to the text; bulk_create callers run it themselves."""
        for field in (*self.text_fields, *self.markdown_fields):
            setattr(self, field, strip_control(repair_text(getattr(self, field))))
        for field in self.markdown_fields:
            setattr(self, f"{field}_html", markdownify(getattr(self, field)))


class Role(models.TextChoices):
    PI = "pi", "Principal investigator"
    FACULTY = "faculty"
    POSTDOC = "postdoc"
    PHD = "phd", "PhD student"
    MASTER = "master", "Master's student"
    UNDERGRADUATE = "undergraduate"
    VISITING = "visiting", "Visitor"
    ENGINEER = "engineer"
    STAFF = "staff"


# Directory sections, in the order a visitor reads them.
ROLE_GROUPS = [
    ("Principal investigators", [Role.PI]),
    ("Faculty", [Role.FACULTY]),
    ("Postdocs", [Role.POSTDOC]),
    ("PhD students", [Role.PHD]),
    ("Master's students", [Role.MASTER]),
    ("Undergraduates", [Role.UNDERGRADUATE]),
    ("Visitors", [Role.VISITING]),
    ("Engineers and staff", [Role.ENGINEER, Role.STAFF]),
]


class Status(models.TextChoices):
    CURRENT = "current", "Current member"
    ALUMNI = "alumni"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: listed in the directory"
    UNLISTED = "unlisted", "Unlisted: page reachable by its address only"
    HIDDEN = "hidden", "Hidden: no public page"


class CVPublications(models.TextChoices):
    ALL = "all", "All my publications, newest first"
    SELECTED_FIRST = "selected_first", "My selected publications first, then the others"
    SELECTED = "selected", "Only my selected publications"


# The one visibility rule. Public: a page anyone may open, named and linked wherever their work
# shows (unlisted members too: their page is reachable by its address). Listed: also found without
# the address, in the directory, search, the member filter and the sitemap. Hidden members are
# neither: never linked, never a filter or a search result.
PUBLIC_VISIBILITIES = (Visibility.PUBLIC, Visibility.UNLISTED)
LISTED_VISIBILITIES = (Visibility.PUBLIC,)


class ResearcherQuerySet(models.QuerySet):
    def public(self):
        """Researchers whose page anyone may open (listed or unlisted), drafts aside."""
        return self.filter(visibility__in=PUBLIC_VISIBILITIES).published()

    def listed(self):
        """Researchers anyone may find: the directory, search, the member filter, the sitemap."""
        return self.filter(visibility__in=LISTED_VISIBILITIES).published()

    def published(self):
        """Not drafts: the one place that keeps a page still being written away from visitors,
        whatever else (directory, search, sitemaps, feeds, author links, static export) reads it."""
        return self.filter(published=True)

    def drafts(self):
        return self.filter(published=False)

    def current(self):
        return self.filter(status=Status.CURRENT)

    def alumni(self):
        return self.filter(status=Status.ALUMNI)

    def with_profile(self):
        """Everything a profile or CV page shows, in a fixed number of queries."""
        return self.prefetch_related(
            "links",
            "interests",
            "cv_entries",
            Prefetch("supervisors", queryset=Supervisor.objects.select_related("member")),
        )

    def with_cv(self):
        """Everything a CV shows of the profile: links, interests and entries, in three extra queries."""
        return self.prefetch_related("links", "interests", "cv_entries")


def folded_name(name):
    """'Dániel Szabó' → 'daniel szabo': what search compares a folded query word with."""
    return fold_accents(name).lower()


class Researcher(ReplacedFilesMixin, CleanTextModel, Timestamped):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="researcher"
    )
    slug = models.SlugField(
        unique=True, help_text="The page address, as in /people/yi-liu/: lower-case letters, digits and hyphens."
    )
    name = models.CharField(max_length=200, help_text="As it should appear on the page, e.g. Yi Liu.")
    # The name lower-cased without accents, for search: Daniel Szabo finds Dániel Szabó.
    name_folded = models.CharField(max_length=200, blank=True, editable=False)
    native_name = models.CharField(
        "native-script name", max_length=200, blank=True, help_text="The name in its own script, e.g. 刘毅."
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PHD)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)
    joined_on = models.DateField("joined", null=True, blank=True)
    left_on = models.DateField("left", null=True, blank=True)
    destination = models.CharField(
        "went on to", max_length=200, blank=True, help_text="For alumni: where they went, e.g. Scientist, Meta."
    )
    position = models.CharField(max_length=200, blank=True, help_text="Title, e.g. Associate Professor.")
    affiliation = models.CharField(max_length=300, blank=True)
    focus = models.CharField("research focus", max_length=200, blank=True, help_text="One line for the directory card.")
    photo = models.ImageField(upload_to="people/", blank=True, validators=[validate_image])
    photo_thumb = models.ImageField(upload_to="people/", blank=True, editable=False)
    bio = MarkdownxField(blank=True)
    bio_html = models.TextField(blank=True, editable=False)
    availability = MarkdownxField(
        "recruiting or availability note",
        blank=True,
        help_text="Shown highlighted, e.g. 'I am looking for interns for summer 2026.'",
    )
    availability_html = models.TextField(blank=True, editable=False)
    emails = models.TextField(
        "public emails", blank=True, help_text="One per line; shown in a form that scrapers cannot harvest."
    )
    address = models.TextField("office and address", blank=True)
    orcid = models.CharField(
        "ORCID iD", max_length=19, blank=True, validators=[validate_orcid], help_text="e.g. 0000-0002-1825-0097"
    )
    name_verified = models.BooleanField(
        "names approved",
        default=True,
        help_text="A lab admin entered or approved the name and native-script name; only then do they link papers.",
    )
    orcid_verified = models.BooleanField(
        "ORCID iD verified",
        default=False,
        help_text="A lab admin checked that this ORCID iD is the member's; only then are works found by it linked.",
    )
    openalex_id = models.CharField(
        "OpenAlex author id", max_length=20, blank=True, help_text="e.g. A5023888391, for works and citations."
    )
    cv_file = models.FileField("CV (PDF)", upload_to=cv_upload_to, blank=True, validators=[validate_pdf])
    cv_publications = models.CharField(
        "publications on the CV",
        max_length=20,
        choices=CVPublications.choices,
        default=CVPublications.ALL,
        help_text="Which of your papers the CV page and its PDF list.",
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    published = models.BooleanField(
        default=True,
        help_text="A draft page is seen only by its member and lab admins, until one of them publishes it.",
    )
    news_limit = models.PositiveSmallIntegerField(
        "news on the homepage", default=5, help_text="How many news items the homepage shows; 0 hides them."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower comes first within a role.")

    objects = ResearcherQuerySet.as_manager()
    history = HistoricalRecords()

    text_fields = ("name", "native_name", "position", "affiliation", "focus", "destination", "address")
    markdown_fields = ("bio", "availability")

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["orcid"], condition=~Q(orcid=""), name="unique_researcher_orcid"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.orcid = normalize_orcid(self.orcid)
        self.name_folded = folded_name(self.name)
        if self.photo and not self.photo._committed:
            photo, thumb = process_photo(self.photo)
            self.photo.save(photo.name, photo, save=False)
            self.photo_thumb.save(thumb.name, thumb, save=False)
        elif not self.photo:
            self.photo_thumb = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("researchers:profile", args=[self.slug])

    def clean(self):
        super().clean()
        if self.cv_file and not self.cv_file._committed:
            replacing = stored_size(getattr(self, "_stored_files", {}).get("cv_file"))
            try:
                check_quota(adding=self.cv_file.size, member=self, replacing=replacing)
            except ValidationError as error:
                raise ValidationError({"cv_file": error.messages}) from error

    @property
    def has_unverified_identity(self):
        return not self.name_verified or bool(self.orcid and not self.orcid_verified)

    @property
    def is_draft(self):
        return not self.published

    @property
    def has_public_page(self):
        """What Researcher.objects.public() decides, for a researcher already in hand."""
        return self.published and self.visibility in PUBLIC_VISIBILITIES

    @property
    def is_alumni(self):
        return self.status == Status.ALUMNI

    @property
    def email_list(self):
        return [email.strip() for email in self.emails.splitlines() if email.strip()]

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def summary(self):
        """One line for search results and link previews: 'Name, position, affiliation. Focus'."""
        who = ", ".join(part for part in (self.name, self.position, self.affiliation) if part)
        return f"{who}. {self.focus}" if self.focus else f"{who}."

    @property
    def years(self):
        """'2019–2024' for alumni, '2021–present' for members; empty without dates."""
        if not (self.joined_on or self.left_on):
            return ""
        start = self.joined_on.year if self.joined_on else "?"
        end = self.left_on.year if self.left_on else ("" if self.is_alumni else "present")
        return f"{start}–{end}"

    def cv_sections(self):
        """[(section label, entries)] in the CV's reading order, each newest first, from the prefetched entries."""
        by_section = {}
        for entry in sorted(self.cv_entries.all(), key=CVEntry.newest_first):
            by_section.setdefault(entry.section, []).append(entry)
        labels = dict(CVEntry.Section.choices)
        return [(labels[section], by_section[section]) for section in CVEntry.SECTION_ORDER if section in by_section]


class NameVariant(models.Model):
    class Kind(models.TextChoices):
        INITIALS = "initials"
        TRANSLITERATION = "transliteration"
        NATIVE = "native", "Native script"
        FORMER = "former", "Former or maiden name"
        OTHER = "other", "Other spelling"

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="name_variants")
    name = models.CharField(max_length=200, help_text="As it appears in author lists, e.g. Liu, H.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    key = models.CharField(max_length=200, editable=False, db_index=True)
    verified = models.BooleanField(
        "approved",
        default=True,
        help_text="Entered or approved by a lab admin. A member's own spellings only suggest papers until approved.",
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["researcher", "key"], name="unique_name_variant")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        # Set before validation so the (researcher, key) constraint is checked, not just enforced.
        self.name = repair_text(self.name)
        self.key = name_key(self.name)


class Link(models.Model):
    class Kind(models.TextChoices):
        SCHOLAR = "scholar", "Google Scholar"
        DBLP = "dblp", "DBLP"
        SEMANTIC_SCHOLAR = "semantic_scholar"
        GITHUB = "github", "GitHub"
        WEBSITE = "website", "Personal website"
        LINKEDIN = "linkedin", "LinkedIn"
        X = "x"
        BLUESKY = "bluesky"
        OTHER = "other"

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField("URL", max_length=500)
    label = models.CharField(max_length=100, blank=True, help_text="Defaults to the kind's name.")
    order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        return self.label or self.get_kind_display()


class Topic(CleanTextModel):
    """A titled, ordered piece of markdown: a research interest, a research theme."""

    title = models.CharField(max_length=200)
    description = MarkdownxField(blank=True)
    description_html = models.TextField(blank=True, editable=False)
    order = models.PositiveIntegerField(default=0)

    text_fields = ("title",)
    markdown_fields = ("description",)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class ResearchInterest(Topic):
    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="interests")

    history = HistoricalRecords()


class Supervisor(models.Model):
    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="supervisors")
    member = optional_researcher(
        on_delete=models.SET_NULL,
        related_name="supervisees",
        help_text="A lab member; leave empty for someone outside the lab.",
    )
    name = models.CharField(max_length=200, blank=True, help_text="For someone outside the lab.")
    url = models.URLField("URL", max_length=500, blank=True)
    note = models.CharField(max_length=100, blank=True, help_text="e.g. co-advisor")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(member=None) | ~Q(name=""), name="supervisor_has_member_or_name"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.member.name if self.member else self.name

    @property
    def href(self):
        if self.member:
            # A supervisor whose page is a draft or hidden is named, not linked.
            return self.member.get_absolute_url() if self.member.has_public_page else ""
        return self.url


class CVEntry(CleanTextModel):
    class Section(models.TextChoices):
        AWARD = "award", "Awards and honors"
        EDUCATION = "education"
        EXPERIENCE = "experience", "Research experience"
        SERVICE = "service"
        TALK = "talk", "Talks"
        TEACHING = "teaching"
        COMPETITION = "competition", "Competitions"
        GRANT = "grant", "Grants"
        OTHER = "other"

    # The order a reader of a CV expects: where one studied and worked, then what one won and did.
    SECTION_ORDER = [
        Section.EDUCATION,
        Section.EXPERIENCE,
        Section.AWARD,
        Section.GRANT,
        Section.COMPETITION,
        Section.TALK,
        Section.TEACHING,
        Section.SERVICE,
        Section.OTHER,
    ]
    # Sections whose entries without an end date are still going on.
    ONGOING_SECTIONS = {Section.EDUCATION, Section.EXPERIENCE}

    class Precision(models.TextChoices):
        YEAR = cv_dates.YEAR
        MONTH = cv_dates.MONTH, "Month and year"
        DAY = cv_dates.DAY, "Full date"

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="cv_entries")
    section = models.CharField(max_length=20, choices=Section.choices)
    title = models.CharField(max_length=300)
    organisation = models.CharField(max_length=300, blank=True)
    place = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        "start known to the", max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    end_date = models.DateField(null=True, blank=True)
    end_precision = models.CharField(
        "end known to the", max_length=5, choices=Precision.choices, default=Precision.MONTH
    )
    date_text = models.CharField(
        "dates as shown", max_length=100, blank=True, help_text="Overrides the dates, e.g. 'July 2024' or '2022, 2023'."
    )
    description = MarkdownxField(blank=True, help_text="Mentors, topics, highlights… Markdown.")
    description_html = models.TextField(blank=True, editable=False)
    url = models.URLField("URL", max_length=500, blank=True)
    order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    text_fields = ("title", "organisation", "place", "date_text")
    markdown_fields = ("description",)

    class Meta:
        verbose_name = "CV entry"
        verbose_name_plural = "CV entries"
        ordering = ["order", "-start_date", "id"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date:
            # Compared at what both dates know: "Sep 2016" may end in "2016".
            precision = cv_dates.coarser(self.start_precision, self.end_precision)
            if cv_dates.truncate(self.end_date, precision) < cv_dates.truncate(self.start_date, precision):
                raise ValidationError({"end_date": "The end cannot come before the start."})

    @property
    def dates(self):
        """The entry's dates in the CV's one style, to the precision they were entered with."""
        if self.date_text:
            return cv_dates.tidy_date_text(self.date_text)
        return cv_dates.format_span(
            self.start_date,
            self.end_date,
            start_precision=self.start_precision,
            end_precision=self.end_precision,
            ongoing=self.section in self.ONGOING_SECTIONS,
        )

    @property
    def latest_date(self):
        """When the entry last held: its end, now for an ongoing one, else its start; None if undated."""
        if self.date_text:
            return cv_dates.latest_year_month(self.date_text)
        if self.end_date:
            return self.end_date
        if self.start_date and self.section in self.ONGOING_SECTIONS:
            return datetime.date.max
        return self.start_date

    @staticmethod
    def newest_first(entry):
        """Sort key: newest first, the undated last in the member's order."""
        latest, start = entry.latest_date, entry.start_date
        return (
            latest is None,
            -(latest.toordinal() if latest else 0),
            -(start.toordinal() if start else 0),
            entry.order,
            entry.pk or 0,
        )


LAB_CACHE_KEY = "portal:lab"


class Lab(ReplacedFilesMixin, CleanTextModel):
    """The lab these researchers form, as its home page presents it. One row; lab admins edit it."""

    name = models.CharField(max_length=200)
    tagline = models.CharField(max_length=300, blank=True, help_text="One line under the name.")
    intro = MarkdownxField(blank=True, help_text="What the lab works on, for the home page.")
    intro_html = models.TextField(blank=True, editable=False)
    logo = models.ImageField(upload_to="lab/", blank=True, validators=[validate_image])
    recruiting = MarkdownxField(
        "recruiting call", blank=True, help_text="Shown highlighted on the home page, e.g. open PhD positions."
    )
    recruiting_html = models.TextField(blank=True, editable=False)
    email = models.EmailField("contact email", blank=True)
    address = models.TextField(blank=True)

    history = HistoricalRecords()

    text_fields = ("name", "tagline", "address")
    markdown_fields = ("intro", "recruiting")

    class Meta:
        verbose_name = "lab"
        verbose_name_plural = "lab"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        if self.logo and not self.logo._committed:
            logo, _ = process_photo(self.logo)
            self.logo.save(logo.name, logo, save=False)
        super().save(*args, **kwargs)
        cache.delete(LAB_CACHE_KEY)

    @property
    def summary(self):
        """One line for search results and link previews: the tagline, else the start of the intro."""
        if self.tagline:
            return self.tagline
        intro = " ".join(html.unescape(strip_tags(self.intro_html)).split())
        return Truncator(intro).words(40)

    @classmethod
    def load(cls):
        """The lab, from the cache when possible; an unsaved default before an admin edits it."""
        lab = cache.get(LAB_CACHE_KEY)
        if lab is None:
            lab = cls.objects.filter(pk=1).first() or cls(name=settings.LAB_NAME)
            cache.set(LAB_CACHE_KEY, lab, timeout=300)
        return lab
