"""The admin side of the bulk import: the bounds of researchers.common.spreadsheets, with their messages.

Apart from spreadsheets.py because settings import that module before the admin can load.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from .spreadsheets import SpreadsheetRefused


class BoundedImportForm(ImportForm):
    """The admin's import form, refusing a file past the size limit before it is read at all."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.SPREADSHEET_MAX_BYTES
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}. "
                "Split it into smaller files."
            )
        return upload


class BoundedImportExportMixin(ImportExportMixin):
    """django-import-export's admin mixin with the bounds above and their messages shown as written."""

    import_form_class = BoundedImportForm

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, SpreadsheetRefused):
            form.add_error("import_file", str(error))
        else:
            super().add_data_read_fail_error_to_form(form, error)
