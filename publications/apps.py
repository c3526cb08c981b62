from django.apps import AppConfig
from django.db.models.signals import post_save


class PublicationsConfig(AppConfig):
    name = "publications"

    def ready(self):
        from researchers.models import NameVariant, Researcher

        post_save.connect(_relink_member, sender=Researcher, dispatch_uid="relink_researcher")
        post_save.connect(_relink_member, sender=NameVariant, dispatch_uid="relink_name_variant")


def _relink_member(sender, instance, raw=False, **kwargs):
    """A new member or a new spelling of their name may claim papers that are already stored."""
    if raw:  # loading fixtures
        return
    from .services import authorships_relink

    authorships_relink(researcher=getattr(instance, "researcher", instance))
