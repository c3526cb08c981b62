from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PublicationsConfig(AppConfig):
    name = "publications"

    def ready(self):
        from researchers.models import NameVariant, Researcher

        post_save.connect(_relink_member, sender=Researcher, dispatch_uid="relink_researcher")
        post_save.connect(_relink_member, sender=NameVariant, dispatch_uid="relink_name_variant")
        post_delete.connect(_relink_member, sender=NameVariant, dispatch_uid="unlink_name_variant")


def _relink_member(sender, instance, raw=False, **kwargs):
    """A new member, or a new, changed or deleted spelling of their name, changes which stored papers link to them."""
    if raw:  # loading fixtures
        return
    from researchers.models import Researcher

    from .services import authorships_relink

    researcher = instance
    if sender is not Researcher:  # a name variant; its member is gone when the member itself is deleted
        researcher = Researcher.objects.filter(pk=instance.researcher_id).first()
    if researcher is not None:
        authorships_relink(researcher=researcher)
