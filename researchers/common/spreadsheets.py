"""The file formats of the admin's bulk import and export: CSV, XLSX and JSON.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab or carriage
return) must not run when a spreadsheet program opens an export. XLSX stores
such cells as text, marked so that Excel keeps them text when edited; CSV has
no types, so the cell gets the usual leading apostrophe, which the import takes
off again. Either way an export re-imports to the same records, which
django-import-export's own switch (it deletes a leading ``=`` and turns every
cell, empty ones included, into text) would not allow.

An import is bounded before it is read: a file over ``SPREADSHEET_MAX_BYTES`` is refused by the
form, an XLSX whose sheet declares more than ``SPREADSHEET_MAX_ROWS`` rows or
``SPREADSHEET_MAX_COLUMNS`` columns is refused from its declared dimension, before a row is read,
and reading stops at the first row past the limits (blank rows are skipped, but counted towards a
scan limit, so a sheet of a million empty rows stops early too).
"""

import io
import re

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from import_export.formats import base_formats

# A formula start, possibly behind apostrophes that an earlier escape added:
# escaping adds one apostrophe to every such cell and unescaping removes one, so
# a value that really starts with an apostrophe survives the round trip too.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def escape_formula(value):
    """'=1+1' → "'=1+1"; anything else unchanged."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return f"'{value}"
    return value


def unescape_formula(value):
    """The inverse of escape_formula."""
    if isinstance(value, str) and ESCAPED.match(value):
        return value[1:]
    return value


def _storable(cell, illegal):
    # Control characters other than tab and newlines cannot be stored in XLSX at all.
    return illegal.sub("\N{REPLACEMENT CHARACTER}", cell) if isinstance(cell, str) else cell


class SpreadsheetRefused(ValueError):
    """A file beyond the import's bounds; its message says which and what to do."""


def _check_bytes(data):
    limit = settings.SPREADSHEET_MAX_BYTES
    if len(data) > limit:
        raise SpreadsheetRefused(
            f"The file is {filesizeformat(len(data))}; the limit is {filesizeformat(limit)}. "
            "Split it into smaller files."
        )


def _too_many_rows():
    return SpreadsheetRefused(
        f"The sheet has more than {settings.SPREADSHEET_MAX_ROWS:,} rows; split it into smaller files."
    )


def _too_many_columns(count):
    return SpreadsheetRefused(
        f"The sheet has {count:,} columns; the limit is {settings.SPREADSHEET_MAX_COLUMNS:,}. "
        "Remove the columns that are not part of the import."
    )


def _blank(row):
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def bounded(dataset):
    """The dataset without blank rows, refused when past the row or column limits."""
    if len(dataset.headers or ()) > settings.SPREADSHEET_MAX_COLUMNS:
        raise _too_many_columns(len(dataset.headers))
    kept = dataset.__class__(headers=dataset.headers)
    for row in dataset:
        if not _blank(row):
            if len(kept) >= settings.SPREADSHEET_MAX_ROWS:
                raise _too_many_rows()
            kept.append(row)
    return kept


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        escaped = dataset.__class__(headers=dataset.headers)
        for row in dataset:
            escaped.append([escape_formula(cell) for cell in row])
        return escaped.export("csv", **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        _check_bytes(in_stream)
        dataset = bounded(super().create_dataset(in_stream, **kwargs))
        unescaped = dataset.__class__(headers=dataset.headers)
        for row in dataset:
            unescaped.append([unescape_formula(cell) for cell in row])
        return unescaped


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        """The first sheet, read row by row in openpyxl's read-only mode, within the bounds."""
        import tablib
        from openpyxl import load_workbook

        _check_bytes(in_stream)
        book = load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            sheet = book.active
            max_rows, max_columns = settings.SPREADSHEET_MAX_ROWS, settings.SPREADSHEET_MAX_COLUMNS
            # The sheet's declared grid, read from its <dimension> before any row.
            if (sheet.max_column or 0) > max_columns:
                raise _too_many_columns(sheet.max_column)
            if (sheet.max_row or 0) > max_rows * 4:
                raise _too_many_rows()
            dataset = tablib.Dataset()
            rows = sheet.iter_rows(values_only=True)
            for scanned, row in enumerate(rows):
                if scanned > max_rows * 4:
                    raise _too_many_rows()
                if len(row) > max_columns and not _blank(row[max_columns:]):
                    raise _too_many_columns(len(row))
                row = list(row[:max_columns])
                if scanned == 0:
                    width = max((index + 1 for index, cell in enumerate(row) if cell is not None), default=0)
                    dataset.headers = row[:width]
                elif not _blank(row):
                    if len(dataset) >= max_rows:
                        raise _too_many_rows()
                    dataset.append((row + [None] * width)[:width])
            return dataset
        finally:
            book.close()

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = (dataset.title or "Export")[:31]
        sheet.append(dataset.headers)
        for row in dataset:
            sheet.append([_storable(cell, ILLEGAL_CHARACTERS_RE) for cell in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and FORMULA_START.match(cell.value):
                    cell.data_type = "s"  # openpyxl made '=…' a formula; store it as text
                    cell.quotePrefix = True  # and keep it text when someone edits it in Excel
        sheet.freeze_panes = "A2"
        stream = io.BytesIO()
        workbook.save(stream)
        return stream.getvalue()


class JSON(base_formats.JSON):
    """JSON as django-import-export writes it: no spreadsheet program evaluates it."""

    def create_dataset(self, in_stream, **kwargs):
        _check_bytes(in_stream)
        return bounded(super().create_dataset(in_stream, **kwargs))


FORMATS = [CSV, XLSX, JSON]
