"""Model fields that every app's records share."""

from django.db import models


class Timestamped(models.Model):
    """A record that keeps when it was created and when it was last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
