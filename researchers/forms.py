"""Form fields shared by the member dashboard and the admin."""

from django import forms

from . import cv_dates


class PartialDateField(forms.CharField):
    """A date as far as a person knows it: '2021', 'Sep 2016' or '2016-09-12'.

    Cleans to (date, precision), or None when left empty.
    """

    default_error_messages = {
        "invalid": "Enter a year (2021), a month and year (Sep 2016) or a full date (2016-09-12)."
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "2021, Sep 2016 or 2016-09-12"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return cv_dates.parse_partial_date(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
