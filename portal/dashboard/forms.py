"""The forms members fill in on /me/; each keeps to the fields a member may change."""

from django import forms
from markdownx.widgets import MarkdownxWidget

from news.models import NewsItem, Post
from news.services import tag_names
from publications.forms import BibtexImportForm
from publications.models import Authorship, Publication, ResearchTheme
from researchers import cv_dates
from researchers.common.text import name_key, repair_text
from researchers.forms import PartialDateField
from researchers.models import CVEntry, Link, NameVariant, Researcher, ResearchInterest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def autofocus(form):
    """Put the cursor where typing starts: the first field with an error, else the first field."""
    visible = [name for name, field in form.fields.items() if not field.widget.is_hidden]
    wrong = [name for name in visible if name in form.errors]
    if wrong or visible:
        form.fields[(wrong or visible)[0]].widget.attrs["autofocus"] = True
    return form


def markdown(rows=6):
    return MarkdownxWidget(attrs={"rows": rows})


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Researcher
        fields = [
            "name",
            "native_name",
            "position",
            "affiliation",
            "focus",
            "bio",
            "availability",
            "emails",
            "address",
            "orcid",
            "cv_file",
            "cv_publications",
            "news_limit",
            "visibility",
        ]
        widgets = {
            "bio": markdown(12),
            "availability": markdown(3),
            "emails": forms.Textarea(attrs={"rows": 2}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form sent without the choice (an older page still open) keeps the member's current one.
        self.fields["cv_publications"].required = False

    def clean_cv_publications(self):
        return self.cleaned_data["cv_publications"] or self.instance.cv_publications

    def clean_orcid(self):
        # A member's own change of ORCID iD is theirs to claim, not a lab admin's check: it waits for one again.
        if "orcid" in self.changed_data:
            self.instance.orcid_verified = False
        return self.cleaned_data["orcid"]


IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp"


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Researcher
        fields = ["photo"]
        # Django's ImageField would answer every refusal with one vague message; the model's
        # validator says what is wrong (format, size, pixels) and refuses decompression bombs.
        field_classes = {"photo": forms.FileField}
        widgets = {"photo": forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES})}


class CVEntryForm(forms.ModelForm):
    # People know when they started a job to the month, an award to the year: the form asks no more.
    start_date = PartialDateField(label="Start", required=False)
    end_date = PartialDateField(label="End", required=False, help_text="Empty while it goes on.")

    class Meta:
        model = CVEntry
        fields = [
            "section",
            "title",
            "organisation",
            "place",
            "start_date",
            "end_date",
            "date_text",
            "description",
            "url",
        ]
        widgets = {"description": markdown()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.instance
        self.initial["start_date"] = cv_dates.format_date(entry.start_date, entry.start_precision)
        self.initial["end_date"] = cv_dates.format_date(entry.end_date, entry.end_precision)

    def clean(self):
        cleaned = super().clean()
        # The model keeps a date and the precision it was typed with; the model's clean() then
        # compares start and end at that precision.
        for name, precision in (("start_date", "start_precision"), ("end_date", "end_precision")):
            value = cleaned.get(name)
            if isinstance(value, tuple):
                cleaned[name] = value[0]
                setattr(self.instance, precision, value[1])
        return cleaned


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ["kind", "url", "label"]


class NameVariantForm(forms.ModelForm):
    class Meta:
        model = NameVariant
        fields = ["name", "kind"]

    def __init__(self, *args, researcher, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.researcher = researcher
        # A spelling the member types waits for a lab admin before it confirms anything.
        self.instance.verified = False

    def clean_name(self):
        # The (researcher, key) constraint involves fields the form leaves out, so Django skips it.
        name = self.cleaned_data["name"]
        spellings = NameVariant.objects.filter(researcher=self.instance.researcher, key=name_key(repair_text(name)))
        if spellings.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You have registered this spelling already.")
        return name


class InterestForm(forms.ModelForm):
    class Meta:
        model = ResearchInterest
        fields = ["title", "description"]
        widgets = {"description": markdown(4)}


class ThemeForm(forms.ModelForm):
    class Meta:
        model = ResearchTheme
        fields = ["title", "description", "parent", "publications"]
        widgets = {"description": markdown(), "publications": forms.CheckboxSelectMultiple}

    def __init__(self, *args, researcher, **kwargs):
        super().__init__(*args, **kwargs)
        themes = ResearchTheme.objects.filter(researcher=researcher)
        if self.instance.pk:
            themes = themes.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = themes
        self.fields["publications"].queryset = Publication.objects.for_member(researcher).order_by("-year", "title")
        self.fields["publications"].label = "Representative works"


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["date", "body", "draft"]
        widgets = {"date": DATE, "body": markdown(3)}


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = [
            "title",
            "kind",
            "venue_text",
            "year",
            "month",
            "status",
            "note",
            "abstract",
            "doi",
            "arxiv_id",
            "pdf_url",
            "code_url",
            "project_url",
            "video_url",
            "slides_url",
            "poster_url",
            "code_repository",
            "preview",
            "preview_alt",
        ]
        field_classes = {"preview": forms.FileField}  # the model's validator says what is wrong, as for photos
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 6}),
            "preview": forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
        }


class MemberBibtexForm(BibtexImportForm):
    """BibTeX import for the signed-in member: the papers are always theirs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["member"]


class AuthorForm(forms.ModelForm):
    """One author of a paper in the paper's form: name as printed, marks, and the lab member it is."""

    class Meta:
        model = Authorship
        fields = ["position", "name", "equal_contribution", "corresponding", "researcher"]
        labels = {
            "equal_contribution": "* equal contribution",
            "corresponding": "# corresponding",
            "researcher": "Lab member",
        }
        widgets = {"position": forms.NumberInput(attrs={"class": "order-input", "min": 1})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.fields["name"].required = False  # an empty extra row is skipped
        self.fields["researcher"].queryset = Researcher.objects.order_by("name")
        self.fields["researcher"].required = False
        for field in self.fields.values():  # the table's headings show the labels once, for every row
            field.widget.attrs["aria-label"] = f"{field.label} of author {self.prefix.rsplit('-', 1)[-1]}"


AuthorFormSet = forms.inlineformset_factory(
    Publication, Authorship, form=AuthorForm, extra=2, can_delete=True, max_num=500, validate_max=True
)


class PostForm(forms.ModelForm):
    tag_list = forms.CharField(
        label="Tags", required=False, max_length=300, help_text="Separated by commas, e.g. robotics, ICRA 2026."
    )

    class Meta:
        model = Post
        fields = ["title", "date", "summary", "body", "tag_list", "status"]
        widgets = {"date": DATE, "body": markdown(16)}
        labels = {"status": "Publish"}
        help_texts = {
            "status": "A draft is seen only by you and the lab admins; preview it on its page before publishing.",
            "date": "A published post with a date in the future appears on that day.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tag_list"] = ", ".join(tag.name for tag in self.instance.tags.all())

    def clean_tag_list(self):
        return tag_names(self.cleaned_data["tag_list"])
