"""Spreadsheets through a django-import-export resource, in each format the admin offers."""

import pytest

from researchers.common.spreadsheets import CSV, JSON, XLSX

FORMATS = [CSV, XLSX, JSON]
each_format = pytest.mark.parametrize("file_format", FORMATS, ids=["csv", "xlsx", "json"])


def export(resource, file_format):
    """Everything `resource` exports, written as a `file_format` file."""
    return file_format().export_data(resource.export())


def load(resource, file_format, data, **kwargs):
    """Import a `file_format` file through `resource`; the import's result."""
    return resource.import_data(file_format().create_dataset(data), **kwargs)


def records(file_format, data):
    """A `file_format` file's rows, as dicts, for comparing two files."""
    return file_format().create_dataset(data).dict
