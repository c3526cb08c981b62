from django.apps import AppConfig, apps
from django.db.models.signals import pre_save


class ResearchersConfig(AppConfig):
    name = "researchers"
    verbose_name = "People"

    def ready(self):
        from markdownx.models import MarkdownxField

        from .common.text import strip_control_on_save
        from .models import validate_markdown

        # Every model of every app: no control character is stored in any text column.
        pre_save.connect(strip_control_on_save, dispatch_uid="strip-control-characters")
        # Every markdown field of every app is held to the renderer's bounds in forms and the admin.
        # Added to the field's validator list at start-up rather than declared on each field, so
        # that it covers fields this app does not know of and changes no migration.
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, MarkdownxField) and validate_markdown not in field.validators:
                    field.validators.append(validate_markdown)
