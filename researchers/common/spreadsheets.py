"""The file formats of the admin's bulk import and export: CSV, XLSX and JSON.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab or carriage
return) must not run when a spreadsheet program opens an export. XLSX stores
such cells as text, marked so that Excel keeps them text when edited; CSV has
no types, so the cell gets the usual leading apostrophe, which the import takes
off again. Either way an export re-imports to the same records, which
django-import-export's own switch (it deletes a leading ``=`` and turns every
cell, empty ones included, into text) would not allow.
"""

import io
import re

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


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        escaped = dataset.__class__(headers=dataset.headers)
        for row in dataset:
            escaped.append([escape_formula(cell) for cell in row])
        return escaped.export("csv", **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        unescaped = dataset.__class__(headers=dataset.headers)
        for row in dataset:
            unescaped.append([unescape_formula(cell) for cell in row])
        return unescaped


class XLSX(base_formats.XLSX):
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


FORMATS = [CSV, XLSX, JSON]
