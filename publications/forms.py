from django import forms

from researchers.models import Researcher

from .bibtex import decode_file

MAX_BIBTEX_BYTES = 10 * 1024 * 1024


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
        return cleaned
