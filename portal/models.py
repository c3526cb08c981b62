"""The portal's models live with their concern; Django finds them here."""

from .accounts.models import Invitation

__all__ = ["Invitation"]
