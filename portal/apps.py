from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# The apps whose rows make up the public pages.
CONTENT_APPS = ("researchers", "publications", "news")


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Lab portal"

    def ready(self):
        from .middleware import content_changed

        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
                post_delete.connect(
                    content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}"
                )
        # m2m_changed is sent by the through model; any of them touches a content page.
        m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")
