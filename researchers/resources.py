"""Bulk import and export of researchers and CV entries (django-import-export), and what every
Labfolio resource shares.

Every import is all or nothing: one invalid row and nothing is written, and the
error names the row and the column. Rows go through the models' own validation
and save(), so text is repaired and markdown sanitised as in the admin forms.
Records are found by natural keys (a researcher's slug, a paper's DOI …), never
by database ids, so a file exported from one Labfolio imports into another.
"""

import datetime
import json
import re
from urllib.parse import urlsplit

from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from import_export import fields, resources, widgets

from .models import CVEntry, Link, NameVariant, Researcher
from .validators import normalize_orcid

# Entries of a list column: one per line, or separated by semicolons.
LIST_SEPARATOR = re.compile(r"\s*(?:\n|;\s+|;$)\s*")


def split_list(value):
    return [entry for entry in LIST_SEPARATOR.split(str(value or "").strip()) if entry]


class ChoiceWidget(widgets.CharWidget):
    """A choice by its stored value or its label, in any case: 'phd' or 'PhD student'."""

    def __init__(self, choices, **kwargs):
        self.lookup = {}
        for value, label in choices:
            self.lookup[str(label).casefold()] = value
            self.lookup[str(value).casefold()] = value
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        # An unknown choice is left as typed so that model validation names it.
        return self.lookup.get(value.strip().casefold(), value) if value else value


class DateWidget(widgets.DateWidget):
    """Also takes the datetimes spreadsheets store for dates."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        return super().clean(value.strip() if isinstance(value, str) else value, row, **kwargs)


class BooleanWidget(widgets.BooleanWidget):
    """Yes or no, refusing what is neither; an empty cell is no."""

    TRUE = {"1", "true", "yes", "y", "x"}
    FALSE = {"0", "false", "no", "n", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().casefold()
        if text.endswith(".0"):  # 1.0 from a spreadsheet
            text = text[:-2]
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"“{value}” is neither yes nor no; write 1 or 0.")


class JSONWidget(widgets.JSONWidget):
    """A JSON object; an empty cell is an empty object."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return {}
        try:
            return json.loads(value)
        except (TypeError, ValueError) as error:
            raise ValueError(f"Not valid JSON: {error}.") from error

    def render(self, value, obj=None, **kwargs):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record by a field people can read (a slug, a name); an unknown one is an error of the column."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as error:
            name = self.model._meta.verbose_name
            raise ValueError(f"There is no {name} with the {self.field} “{value}”.") from error


class ManyLookupWidget(widgets.ManyToManyWidget):
    """Several related records by a readable field, comma-separated; unknown ones are an error of the column."""

    def __init__(self, model, field, **kwargs):
        super().__init__(model, separator=", ", field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        wanted = [part.strip() for part in str(value or "").split(",") if part.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        missing = sorted(set(wanted) - {str(getattr(record, self.field)) for record in found})
        if missing:
            name = self.model._meta.verbose_name_plural
            raise ValueError(f"There are no {name} with the {self.field} {', '.join(missing)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(str(getattr(record, self.field)) for record in value.all()))


class IntegerWidget(widgets.IntegerWidget):
    """A whole number; anything else is an error of the column."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ArithmeticError as error:  # decimal.InvalidOperation for text
            raise ValueError(f"“{value}” is not a whole number.") from error


class RelatedColumn(fields.Field):
    """A column that stands for related rows (a member's links, a paper's authors).

    `read` writes them as text, for exports and for the import preview; the
    resource's parse_related and save_related read and write them.
    """

    def __init__(self, column_name, read):
        super().__init__(column_name=column_name, widget=widgets.CharWidget())
        self.read = read

    def get_value(self, instance):
        return self.read(instance) if instance.pk else ""


def _collect_errors(errors, step, *args, **kwargs):
    """Run one step of reading a row, adding the ValidationError it raises to errors."""
    try:
        step(*args, **kwargs)
    except ValidationError as error:
        error.update_error_dict(errors)


class LabResource(resources.ModelResource):
    """What every Labfolio resource shares.

    - All or nothing: any invalid row rolls the whole import back.
    - Rows are validated as the admin form would (field validators, choices,
      unique constraints) before they are saved with the model's save().
    - Importing needs permission to add and to change the model.
    - Records are found by natural keys (``instance_lookups``); rows of one file
      never claim the same record twice, and among equal keys the record most
      like the row wins, so an export re-imports onto the records it came from.
    - Columns that stand for related rows (a researcher's links, a paper's
      authors) are parsed by ``parse_related`` and written by ``save_related``.
    """

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._claimed = set()

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.choices:
            return lambda **kwargs: ChoiceWidget(f.choices, **kwargs)
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DateWidget
        if isinstance(f, models.BooleanField):
            return BooleanWidget
        if isinstance(f, models.JSONField):
            return JSONWidget
        if isinstance(f, models.IntegerField):
            return IntegerWidget
        if isinstance(f, models.TextField):
            return widgets.CharWidget  # an empty spreadsheet cell is empty text, not None
        return super().widget_from_django_field(f, default)

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """Import in one transaction, rolled back on any invalid row as on any error."""
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True, **kwargs)

    def before_import(self, dataset, **kwargs):
        self._claimed = set()
        user = kwargs.get("user")
        if user is not None:
            opts = self._meta.model._meta
            needed = [f"{opts.app_label}.{get_permission_codename(action, opts)}" for action in ("add", "change")]
            if not user.has_perms(needed):
                raise PermissionDenied(f"Importing {opts.verbose_name_plural} needs permission to add and change them.")
        super().before_import(dataset, **kwargs)

    # Finding records

    def instance_lookups(self, row):
        """Q objects that find the row's record, strongest first; the default is the import_id_fields."""
        key = {self.fields[name].attribute: self.fields[name].clean(row) for name in self.get_import_id_fields()}
        return [Q(**key)]

    def get_instance(self, instance_loader, row):
        try:
            lookups = self.instance_lookups(row)
        except (ValueError, ValidationError):
            return None  # an unreadable key column: import_instance reports it against its column
        for lookup in lookups:
            candidates = [record for record in self.get_queryset().filter(lookup) if record.pk not in self._claimed]
            if candidates:
                record = min(candidates, key=lambda candidate: (self._differences(candidate, row), candidate.pk))
                self._claimed.add(record.pk)
                return record
        return None

    def _differences(self, record, row):
        """How many of the row's plain columns differ from the record."""
        count = 0
        for field in self.get_import_fields():
            if field.attribute and field.column_name in row and not isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    count += field.clean(row) != field.get_value(record)
                except (ValueError, ValidationError):
                    count += 1
        return count

    # Reading and checking a row

    def import_instance(self, instance, row, **kwargs):
        # Every step runs even after one fails, so that a row reports all its errors at once.
        errors = {}
        _collect_errors(errors, super().import_instance, instance, row, **kwargs)
        _collect_errors(errors, self.prepare_instance, instance)
        for field in self.get_import_fields():
            # Checked here, before anything is saved, so that the error names the column.
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.column_name] = [str(error)]
        _collect_errors(errors, self.read_related, instance, row)
        _collect_errors(errors, self.check_row, instance, row)
        if errors:
            raise ValidationError(errors)

    def read_related(self, instance, row):
        instance._related_rows = self.parse_related(row)

    def prepare_instance(self, instance):
        """Normalise identifiers before validation, as save() would; raise ValidationError({field: …})."""

    def parse_related(self, row):
        """{column: parsed value} for the row's related-row columns; raise ValidationError({column: …})."""
        return {}

    def check_row(self, instance, row):
        """Checks of a column that is not a field of the record; raise ValidationError({column: …})."""

    def current_related(self, instance, column):
        """The stored value of a related-row column, comparable with what parse_related returns."""
        return None

    def save_related(self, instance, column, value):
        """Write a related-row column that changed."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # Derived fields (rendered HTML, title keys) are filled in by save(), after validation.
        derived = {field.name for field in instance._meta.fields if not field.editable}
        try:
            instance.full_clean(exclude={*errors, *derived}, validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        related = getattr(instance, "_related_rows", {})
        return all(value == self.current_related(instance, column) for column, value in related.items())

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self._claimed.add(instance.pk)
        for column, value in getattr(instance, "_related_rows", {}).items():
            if value != self.current_related(instance, column):
                self.save_related(instance, column, value)


def _link_kind(url):
    """The kind of a profile link, from its address."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for domain, kind in LINK_HOSTS.items():
        if host == domain or host.endswith(f".{domain}"):
            return kind
    return Link.Kind.WEBSITE


LINK_HOSTS = {
    "scholar.google.com": Link.Kind.SCHOLAR,
    "dblp.org": Link.Kind.DBLP,
    "dblp.uni-trier.de": Link.Kind.DBLP,
    "semanticscholar.org": Link.Kind.SEMANTIC_SCHOLAR,
    "github.com": Link.Kind.GITHUB,
    "linkedin.com": Link.Kind.LINKEDIN,
    "x.com": Link.Kind.X,
    "twitter.com": Link.Kind.X,
    "bsky.app": Link.Kind.BLUESKY,
}
VARIANT_KIND = re.compile(rf"^(?P<name>.*?)\s*\((?P<kind>{'|'.join(NameVariant.Kind.values)})\)$")


def format_name_variant(variant):
    return variant.name if variant.kind == NameVariant.Kind.OTHER else f"{variant.name} ({variant.kind})"


def parse_name_variants(value):
    """'Liu, H. (initials); 刘毅 (native); Hao Liu' → [(name, kind)]; the kind defaults to other."""
    parsed, messages, keys = [], [], set()
    for entry in split_list(value):
        match = VARIANT_KIND.match(entry)
        name, kind = (match["name"], match["kind"]) if match else (entry, NameVariant.Kind.OTHER)
        variant = NameVariant(name=name, kind=kind)
        try:
            variant.full_clean(exclude=["researcher"])
        except ValidationError as error:
            messages.extend(f"“{entry}”: {message}" for message in error.messages)
            continue
        if variant.key in keys:
            messages.append(f"“{entry}” is listed twice.")
        keys.add(variant.key)
        parsed.append((variant.name, variant.kind))
    if messages:
        raise ValidationError(messages)
    return parsed


def format_link(link):
    return " ".join(part for part in (link.kind, link.url, link.label) if part)


def parse_links(value):
    """'github https://github.com/alice; https://alice.example.org My blog' → [(kind, url, label)].

    The kind may be left out when the address tells it (GitHub, Scholar, DBLP …); otherwise it is a website.
    """
    parsed, messages = [], []
    for entry in split_list(value):
        first, _, rest = entry.partition(" ")
        if first in Link.Kind.values:
            url, _, label = rest.strip().partition(" ")
            kind = first
        else:
            url, label, kind = first, rest, _link_kind(first)
        link = Link(kind=kind, url=url, label=label.strip())
        try:
            link.full_clean(exclude=["researcher", "order"])
        except ValidationError as error:
            messages.extend(f"“{entry}”: {message}" for message in error.messages)
            continue
        parsed.append((link.kind, link.url, link.label))
    if messages:
        raise ValidationError(messages)
    return parsed


class ResearcherResource(LabResource):
    """Researchers by slug: onboard a lab from one spreadsheet, one row a member.

    ``name_variants`` lists other spellings, ``Liu, H. (initials); 刘毅 (native)``;
    ``links`` lists profile links, one ``kind URL [label]`` per line or
    semicolon. Accounts, photos and CV files are not part of the file. Subclass
    it to do more with each imported member (after_save_instance).
    """

    name_variants = RelatedColumn(
        "name_variants",
        read=lambda researcher: "; ".join(
            format_name_variant(variant) for variant in sorted(researcher.name_variants.all(), key=lambda v: v.pk)
        ),
    )
    links = RelatedColumn(
        "links", read=lambda researcher: "\n".join(format_link(link) for link in researcher.links.all())
    )

    class Meta:
        model = Researcher
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "native_name", "role", "status", "joined_on", "left_on", "destination", "position",
            "affiliation", "focus", "bio", "availability", "emails", "address", "orcid", "visibility", "news_limit",
            "order", "name_variants", "links",
        ]  # fmt: skip

    def export(self, queryset=None, **kwargs):
        queryset = self.get_queryset() if queryset is None else queryset
        return super().export(queryset.prefetch_related("name_variants", "links"), **kwargs)

    def prepare_instance(self, researcher):
        researcher.orcid = normalize_orcid(researcher.orcid)
        # Spreadsheets are imported by lab admins only: an ORCID iD they bring is theirs to vouch for.
        researcher.orcid_verified = bool(researcher.orcid)

    def parse_related(self, row):
        parsed, errors = {}, {}
        for column, parse in (("name_variants", parse_name_variants), ("links", parse_links)):
            if column in row:
                try:
                    parsed[column] = parse(row[column])
                except ValidationError as error:
                    errors[column] = error.messages
        if errors:
            raise ValidationError(errors)
        return parsed

    def current_related(self, researcher, column):
        if researcher.pk is None:
            return []
        if column == "name_variants":
            return [(variant.name, variant.kind) for variant in researcher.name_variants.order_by("pk")]
        return [(link.kind, link.url, link.label) for link in researcher.links.all()]

    def save_related(self, researcher, column, value):
        if column == "name_variants":
            researcher.name_variants.all().delete()
            for name, kind in value:
                NameVariant(researcher=researcher, name=name, kind=kind).save()  # save() relinks their papers
        else:
            researcher.links.all().delete()
            for order, (kind, url, label) in enumerate(value):
                Link.objects.create(researcher=researcher, kind=kind, url=url, label=label, order=order)


class CVEntryResource(LabResource):
    """CV entries, each under its member's slug.

    An entry is found by its member, section, title, organisation and dates;
    changing any of these in the file adds an entry rather than editing one.
    """

    researcher = fields.Field(
        attribute="researcher", column_name="researcher", widget=LookupWidget(Researcher, field="slug")
    )

    class Meta:
        model = CVEntry
        import_id_fields = ["researcher", "section", "title", "organisation", "start_date", "date_text"]
        fields = [
            "researcher", "section", "title", "organisation", "place", "start_date", "end_date", "date_text",
            "description", "url", "order",
        ]  # fmt: skip

    def export(self, queryset=None, **kwargs):
        queryset = self.get_queryset() if queryset is None else queryset
        return super().export(queryset.select_related("researcher"), **kwargs)
