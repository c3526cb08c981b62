from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from researchers.common.models import Timestamped, optional_researcher
from researchers.common.text import fold_accents
from researchers.images import process_image
from researchers.models import CleanTextModel, Researcher, Topic
from researchers.uploads import ReplacedFilesMixin
from researchers.validators import validate_image

from .identifiers import normalize_arxiv, normalize_doi, title_key


class Venue(models.Model):
    class Kind(models.TextChoices):
        JOURNAL = "journal"
        CONFERENCE = "conference"
        WORKSHOP = "workshop"
        PREPRINT = "preprint", "Preprint server"
        THESIS = "thesis"
        BOOK = "book"
        REPORT = "report"
        OTHER = "other"

    name = models.CharField(max_length=500, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="The badge, e.g. NeurIPS or TPAMI.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    @property
    def badge(self):
        return self.short_name or self.name


class Kind(models.TextChoices):
    """What a publication is, as BibTeX would say it."""

    ARTICLE = "article", "Journal article"
    CONFERENCE = "inproceedings", "Conference paper"
    WORKSHOP = "workshop", "Workshop paper"
    PREPRINT = "preprint"
    BOOK = "book"
    CHAPTER = "incollection", "Book chapter"
    THESIS = "thesis"
    REPORT = "techreport", "Technical report"
    OTHER = "misc"


class Status(models.TextChoices):
    PUBLISHED = "published"
    ACCEPTED = "accepted"
    IN_PRESS = "in_press", "In press"
    UNDER_REVIEW = "under_review", "Under review"
    PREPRINT = "preprint"


class LinkState(models.TextChoices):
    UNLINKED = "unlinked", "Not linked"
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class LinkMethod(models.TextChoices):
    ORCID = "orcid", "Same ORCID"
    NAME = "name", "Registered name"
    LOOSE = "loose", "Similar name"
    MANUAL = "manual", "By hand"


IDENTIFIERS = [
    ("doi", normalize_doi, "This is not a DOI: a DOI starts with 10. and has a slash, like 10.1145/3219819.3220007."),
    ("arxiv_id", normalize_arxiv, "This is not an arXiv id, e.g. 2305.17066."),
]


class PublicationQuerySet(models.QuerySet):
    def public(self):
        """Papers any visitor may see: every stored paper is public; this is the one place to change that."""
        return self.all()

    def for_member(self, member):
        """Papers on which the member is a confirmed author; `member` is a Researcher or a slug."""
        # An uncorrelated IN: SQLite runs a correlated EXISTS through the (researcher, state)
        # index once per paper, which grows as papers x the member's papers.
        mine = Authorship.objects.confirmed()
        mine = mine.filter(researcher__slug=member) if isinstance(member, str) else mine.filter(researcher=member)
        return self.filter(pk__in=mine.values("publication_id"))

    def with_authors(self):
        """Venue and ordered authors with their linked members, in two extra queries."""
        return self.select_related("venue").prefetch_related(
            Prefetch("authorships", queryset=Authorship.objects.select_related("researcher").order_by("position"))
        )

    def newest_first(self):
        return self.order_by(models.F("year").desc(nulls_last=True), models.F("month").desc(nulls_last=True), "-id")

    def selected_by(self, member):
        """The member's selected publications, in the order they chose (confirmed authorships only)."""
        # One join, which the ordering reuses; a member has one confirmed authorship per paper.
        return self.filter(
            authorships__researcher=member, authorships__link_state=LinkState.CONFIRMED, authorships__selected=True
        ).order_by("authorships__selected_order", models.F("year").desc(nulls_last=True), "-id")


PREVIEW_SIZE = 720


class Publication(ReplacedFilesMixin, CleanTextModel, Timestamped):
    title = models.CharField(max_length=500)
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="publications")
    venue_text = models.CharField("venue as printed", max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    note = models.CharField("note or award", max_length=200, blank=True, help_text="e.g. Oral, Best Paper")
    abstract = models.TextField(blank=True)
    volume = models.CharField(max_length=50, blank=True)
    issue = models.CharField(max_length=50, blank=True)
    pages = models.CharField(max_length=50, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, help_text="e.g. 10.1145/3219819.3220007")
    arxiv_id = models.CharField("arXiv id", max_length=50, blank=True, help_text="e.g. 2305.17066")
    pdf_url = models.URLField("PDF", max_length=500, blank=True)
    code_url = models.URLField("code", max_length=500, blank=True)
    project_url = models.URLField("project page", max_length=500, blank=True)
    video_url = models.URLField("video", max_length=500, blank=True)
    slides_url = models.URLField("slides", max_length=500, blank=True)
    poster_url = models.URLField("poster", max_length=500, blank=True)
    code_repository = models.CharField(
        max_length=200, blank=True, help_text="owner/name on GitHub, for the stars badge."
    )
    stars = models.PositiveIntegerField(null=True, blank=True)
    citation_count = models.PositiveIntegerField(null=True, blank=True)
    citation_source = models.CharField(max_length=50, blank=True, help_text="e.g. Google Scholar")
    citation_date = models.DateField(null=True, blank=True)
    citation_url = models.URLField("citations link", max_length=500, blank=True, help_text="Where the count is from.")
    citations_by_year = models.JSONField(default=dict, blank=True, help_text="Year → citations that year.")
    featured = models.BooleanField(default=False, help_text="Shown on the lab's home page.")
    preview = models.ImageField(
        "preview image",
        upload_to="papers/",
        blank=True,
        validators=[validate_image],
        width_field="preview_width",
        height_field="preview_height",
        help_text="A teaser figure shown beside the paper, as al-folio's preview.",
    )
    preview_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    preview_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    preview_alt = models.CharField(
        "preview description",
        max_length=300,
        blank=True,
        help_text="What the image shows, for those who cannot see it.",
    )
    bibtex = models.TextField("original BibTeX", blank=True)
    bibtex_key = models.CharField(max_length=200, blank=True)
    extra = models.JSONField(default=dict, blank=True, help_text="Fields kept from the source, e.g. al-folio's.")
    authors_text = models.TextField(blank=True, editable=False, help_text="The author list as text, for search.")

    objects = PublicationQuerySet.as_manager()
    history = HistoricalRecords()

    text_fields = ("title", "venue_text", "abstract", "note", "publisher")

    class Meta:
        ordering = ["-year", "-month", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["doi"], condition=~Q(doi=""), name="unique_publication_doi"),
            models.UniqueConstraint(fields=["arxiv_id"], condition=~Q(arxiv_id=""), name="unique_publication_arxiv"),
        ]
        indexes = [models.Index(fields=["title_key", "year"], name="publication_title_year")]

    def __str__(self):
        return self.title

    def clean(self):
        if errors := self.normalize_identifiers():
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.title_key = title_key(self.title)
        self.normalize_identifiers()  # a value that is no identifier stays as typed; clean() refuses it in forms
        if self.preview and not self.preview._committed:
            # Re-encoded like photos: no metadata or hidden payload survives, and no figure is huge.
            image = process_image(self.preview, size=PREVIEW_SIZE)
            self.preview.save(image.name, image, save=False)
        super().save(*args, **kwargs)

    def normalize_identifiers(self):
        """Put the DOI and arXiv id in the normal form they are unique on; {field: message} for the unreadable.

        `https://doi.org/10.1/ABC` and `10.1/abc` are one DOI, and must be one paper.
        """
        errors = {}
        for name, normalize, message in IDENTIFIERS:
            value = (getattr(self, name) or "").strip()
            normal = normalize(value)
            if value and not normal:
                errors[name] = message
            setattr(self, name, normal or value)
        return errors

    def get_absolute_url(self):
        return reverse("publications:detail", args=[self.pk])

    @staticmethod
    def authors_text_for(names):
        """The searchable author list: the names as printed, then the accented ones without accents.

        'Dániel Szabó, Wei Zhang' also says 'Daniel Szabo', so a search for Szabo finds the paper
        on SQLite's LIKE and in PostgreSQL's full-text index alike. The one place it is derived.
        """
        names = list(names)
        printed = ", ".join(names)
        folded = [fold_accents(name) for name in names if fold_accents(name) != name]
        return f"{printed} ({', '.join(folded)})" if folded else printed

    def update_authors_text(self):
        """Refresh the searchable author list after authorships changed."""
        self.authors_text = self.authors_text_for(self.authorships.order_by("position").values_list("name", flat=True))
        Publication.objects.filter(pk=self.pk).update(authors_text=self.authors_text)

    @property
    def badge(self):
        return self.extra.get("abbr") or (self.venue.badge if self.venue else "")

    @property
    def venue_name(self):
        return self.venue_text or (self.venue.name if self.venue else "")

    @property
    def preview_name(self):
        """The file an al-folio entry named as its preview, kept until someone uploads the image."""
        return "" if self.preview else str(self.extra.get("preview", ""))

    @property
    def citations_age_days(self):
        """How many days old the citation figure is, when older than CITATIONS_STALE_DAYS; else None."""
        if self.citation_date is None:
            return None
        age = (date.today() - self.citation_date).days
        return age if age > getattr(settings, "CITATIONS_STALE_DAYS", 30) else None

    @property
    def status_label(self):
        return "" if self.status == Status.PUBLISHED else self.get_status_display()


class AuthorshipQuerySet(models.QuerySet):
    def suggested(self):
        """Links proposed to a member, waiting for their (or an admin's) decision."""
        return self.filter(link_state=LinkState.SUGGESTED)

    def confirmed(self):
        """Links that put the paper on the member's page."""
        return self.filter(link_state=LinkState.CONFIRMED)

    def of(self, member):
        """Author positions linked to the member, in any state."""
        return self.filter(researcher=member)

    def new_on_page(self):
        """Confirmed links someone else's import made, which the member has not kept or removed yet."""
        return self.confirmed().filter(new_on_page=True)


class Authorship(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authorships")
    position = models.PositiveSmallIntegerField()
    name = models.CharField("name as printed", max_length=300)
    family = models.CharField(max_length=200, blank=True)
    given = models.CharField(max_length=200, blank=True)
    researcher = optional_researcher(on_delete=models.SET_NULL, related_name="authorships")
    orcid = models.CharField("ORCID iD", max_length=19, blank=True)
    equal_contribution = models.BooleanField(default=False)
    corresponding = models.BooleanField(default=False)
    selected = models.BooleanField(default=False, help_text="Shown under the member's selected publications.")
    selected_order = models.PositiveSmallIntegerField(default=0)
    link_state = models.CharField(max_length=10, choices=LinkState.choices, default=LinkState.UNLINKED)
    link_method = models.CharField(max_length=10, choices=LinkMethod.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    new_on_page = models.BooleanField(
        default=False, help_text="Confirmed by someone else's import; the member has not looked at it yet."
    )

    objects = AuthorshipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "position"]
        constraints = [models.UniqueConstraint(fields=["publication", "position"], name="unique_author_position")]
        indexes = [models.Index(fields=["researcher", "link_state"], name="authorship_member_state")]

    def __str__(self):
        return self.name

    @property
    def member(self):
        """The lab member this author is, once confirmed; None otherwise."""
        return self.researcher if self.link_state == LinkState.CONFIRMED else None


class ResearchTheme(Topic):
    researcher = optional_researcher(
        on_delete=models.CASCADE, related_name="themes", help_text="Empty for a theme of the whole lab."
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    publications = models.ManyToManyField(Publication, blank=True, related_name="themes")

    history = HistoricalRecords()


class ProposalState(models.TextChoices):
    OPEN = "open", "To review"
    ACCEPTED = "accepted", "Mine"
    REJECTED = "rejected", "Not mine"


class WorkSource(models.TextChoices):
    CROSSREF = "crossref"
    ARXIV = "arxiv", "arXiv"
    ORCID = "orcid", "ORCID"
    OPENALEX = "openalex", "OpenAlex"
    SEMANTIC_SCHOLAR = "s2"


class WorkProposalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ProposalState.OPEN)


class WorkProposal(models.Model):
    """A work a scholarly source lists for a member that the lab does not show as theirs: "may be yours".

    Only the member or a lab admin decides; a rejected proposal stays, so the next
    sync knows not to propose the same paper again.
    """

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="work_proposals")
    key = models.CharField(max_length=600, help_text="doi:…, arxiv:… or title:…|year")
    doi = models.CharField("DOI", max_length=200, blank=True)
    arxiv_id = models.CharField("arXiv id", max_length=50, blank=True)
    title = models.CharField(max_length=500)
    title_key = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    venue = models.CharField(max_length=500, blank=True)
    authors_text = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=WorkSource.choices)
    source_url = models.URLField(max_length=500, blank=True)
    record = models.JSONField(default=dict, help_text="The work as the source described it.")
    state = models.CharField(max_length=10, choices=ProposalState.choices, default=ProposalState.OPEN)
    publication = models.ForeignKey(Publication, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorkProposalQuerySet.as_manager()

    class Meta:
        ordering = ["researcher", "-year", "title"]
        constraints = [models.UniqueConstraint(fields=["researcher", "key"], name="unique_work_proposal")]

    def __str__(self):
        return self.title


class MemberMetrics(models.Model):
    """A member's citation figures as one source counts them, and when they were fetched."""

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="metrics")
    source = models.CharField(max_length=50)
    url = models.URLField(max_length=500, blank=True)
    works_count = models.PositiveIntegerField(null=True, blank=True)
    cited_by_count = models.PositiveIntegerField(null=True, blank=True)
    h_index = models.PositiveIntegerField("h-index", null=True, blank=True)
    i10_index = models.PositiveIntegerField("i10-index", null=True, blank=True)
    counts_by_year = models.JSONField(default=dict, blank=True)
    fetched_on = models.DateField()

    class Meta:
        verbose_name_plural = "member metrics"
        constraints = [models.UniqueConstraint(fields=["researcher", "source"], name="unique_member_metrics")]

    def __str__(self):
        return f"{self.researcher} · {self.source}"


class SourceSync(models.Model):
    """One source's answer in one sync of a member's works: what it proposed, or why it failed."""

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="source_syncs")
    source = models.CharField(max_length=20, choices=WorkSource.choices)
    started_at = models.DateTimeField()
    ok = models.BooleanField(default=True)
    error = models.TextField(blank=True)
    works = models.PositiveIntegerField(default=0, help_text="Works the source listed.")
    proposed = models.PositiveIntegerField(default=0, help_text="New proposals made.")
    counts_updated = models.PositiveIntegerField(default=0, help_text="Papers whose citation count changed.")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["researcher", "-started_at"], name="source_sync_member")]

    def __str__(self):
        return f"{self.researcher} · {self.source} · {'ok' if self.ok else 'failed'}"
