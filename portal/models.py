"""The portal's models live with their concern; Django finds them here."""

from .accounts.models import Invitation
from .jobs.models import Job

__all__ = ["Invitation", "Job"]
