from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

# The apps whose rows make up the public pages.
CONTENT_APPS = ("researchers", "publications", "news")


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Lab portal"

    def ready(self):
        from publications.signals import authorships_written

        from .caching import member_pages as member_cache
        from .caching.pages import content_changed

        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                uid = model._meta.label
                post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{uid}")
                post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-delete-{uid}")
                if hasattr(model, "instance_type"):
                    continue  # a history record: its saves repeat those of the row it records
                pre_save.connect(member_cache.before_save, sender=model, dispatch_uid=f"member-before-save-{uid}")
                post_save.connect(member_cache.after_save, sender=model, dispatch_uid=f"member-save-{uid}")
                pre_delete.connect(member_cache.before_delete, sender=model, dispatch_uid=f"member-delete-{uid}")
        # m2m_changed is sent by the through model; any of them touches a content page.
        m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")
        m2m_changed.connect(member_cache.relation_changed, dispatch_uid="member-m2m")
        authorships_written.connect(member_cache.authorships_written, dispatch_uid="member-authorships")
        # Bulk writes (imports, relinking) send no model signals: they renew the page cache once, on commit.
        authorships_written.connect(content_changed, dispatch_uid="page-cache-authorships")
