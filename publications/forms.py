import re

from django import forms

from researchers.models import Researcher

from .bibtex import decode_file

MAX_BIBTEX_BYTES = 10 * 1024 * 1024
# One import may hold this many entries; a larger file is refused before it is parsed.
MAX_IMPORT_ENTRIES = 5000
# From this many entries, or this much text, an import runs as a background job instead of inside the request.
BACKGROUND_IMPORT_ENTRIES = 200
BACKGROUND_IMPORT_CHARACTERS = 256 * 1024
# An entry starts with @type{ or @type( anywhere, as bibtexparser reads it; @string, @comment and
# @preamble are not entries. Counted on the raw text: an upper bound found without parsing.
ENTRY_START = re.compile(r"@[ \t]*(?!(?:string|comment|preamble)\b)[A-Za-z]+[ \t\r\n]*[{(]", re.IGNORECASE)


def count_entries(text):
    """How many BibTeX entries the text holds, at most, without parsing it."""
    return sum(1 for _ in ENTRY_START.finditer(text))


class BibtexImportForm(forms.Form):
    file = forms.FileField(label="BibTeX file", required=False, help_text="A .bib file, up to 10 MB.")
    text = forms.CharField(
        label="or paste BibTeX", required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 80})
    )
    member = forms.ModelChoiceField(
        queryset=Researcher.objects.all(),
        required=False,
        help_text="The member whose papers these are: they are linked as an author and 'selected' papers count.",
    )
    dry_run = forms.BooleanField(label="Dry run: show what would happen, write nothing", required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_BIBTEX_BYTES:
                raise forms.ValidationError("The file is larger than 10 MB.")
            cleaned["bibtex"] = decode_file(upload.read())
        else:
            cleaned["bibtex"] = cleaned.get("text", "")
        if not cleaned["bibtex"].strip():
            raise forms.ValidationError("Choose a .bib file or paste BibTeX entries.")
        cleaned["entries"] = count_entries(cleaned["bibtex"])
        if not cleaned["entries"]:
            raise forms.ValidationError(
                "Nothing was imported: no BibTeX entry was found. Entries start like @article{key, title = {…}, …}."
            )
        if cleaned["entries"] > MAX_IMPORT_ENTRIES:
            raise forms.ValidationError(
                f"This holds {cleaned['entries']:,} entries; one import takes at most {MAX_IMPORT_ENTRIES:,}. "
                "Split the file and import the parts one after another."
            )
        return cleaned

    @property
    def in_background(self):
        """Whether the valid import is large enough to run as a background job."""
        return (
            self.cleaned_data["entries"] >= BACKGROUND_IMPORT_ENTRIES
            or len(self.cleaned_data["bibtex"]) >= BACKGROUND_IMPORT_CHARACTERS
        )

    def job_title(self):
        dry_run = " (dry run)" if self.cleaned_data["dry_run"] else ""
        entries = self.cleaned_data["entries"]
        return f"Import of {entries:,} BibTeX entr{'y' if entries == 1 else 'ies'}{dry_run}"
