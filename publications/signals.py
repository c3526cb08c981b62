"""Signals for writes that Django's model signals do not announce."""

from django.dispatch import Signal

# Sent after bulk_create or bulk_update wrote authorships: `researchers` are the linked
# members, `publications` the papers whose author lists changed for others to see.
authorships_written = Signal()
