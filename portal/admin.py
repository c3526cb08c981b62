"""The portal's admin pages live with their concern; Django's autodiscovery finds them here."""

from .accounts import admin  # noqa: F401
from .importers.sources import admin as sources_admin  # noqa: F401
from .jobs import admin as jobs_admin  # noqa: F401
