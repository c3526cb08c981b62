"""The admin side of the bulk import: the bounds of researchers.common.spreadsheets, with their messages.

Apart from spreadsheets.py because settings import that module before the admin can load.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class StoredSheet:
    """An uploaded sheet kept in django-import-export's temporary storage, as its confirm step keeps it."""

    storage_name: str
    format: int  # index into the admin's import formats
    resource: int  # index into the admin's import resources
    file_name: str
    rows: int


# The site's job queue, when it has one: `starter(model_admin, request, sheet)` answers with the job's page.
# Registered by the site (this app cannot import it); without one every sheet is imported in the request.
_background_starter = None


def use_background_import(starter):
    global _background_starter
    _background_starter = starter


class BoundedImportExportMixin(ImportExportMixin):
    """django-import-export's admin mixin with the bounds above and their messages shown as written.

    A sheet of more than SPREADSHEET_BACKGROUND_ROWS rows is previewed, and then imported, by the
    site's job queue instead of inside the request.
    """

    import_form_class = BoundedImportForm

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, SpreadsheetRefused):
            form.add_error("import_file", str(error))
        else:
            super().add_data_read_fail_error_to_form(form, error)

    def import_action(self, request, **kwargs):
        if request.method == "POST" and _background_starter is not None and self.has_import_permission(request):
            started = self.import_sheet_in_background(request)
            if started is not None:
                return started
        return super().import_action(request, **kwargs)

    def import_sheet_in_background(self, request):
        """Store a large valid sheet and hand it to the job queue; None leaves it to the usual flow
        (a small sheet, or one the usual flow refuses with its own messages)."""
        form = self.create_import_form(request)
        if not form.is_valid() or self.is_skip_import_confirm_enabled():
            return None
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        if not input_format.is_binary():
            input_format.encoding = self.from_encoding
        upload = form.cleaned_data["import_file"]
        try:
            dataset = input_format.create_dataset(b"".join(upload.chunks()))
        except Exception:  # noqa: BLE001 -- the usual flow reads it again and shows why it failed
            return None
        if len(dataset) <= settings.SPREADSHEET_BACKGROUND_ROWS:
            return None
        storage = self.write_to_tmp_storage(upload, input_format)
        sheet = StoredSheet(
            storage_name=storage.name,
            format=int(form.cleaned_data["format"]),
            resource=self.get_resource_index(form),
            file_name=upload.name,
            rows=len(dataset),
        )
        return _background_starter(self, request, sheet)
