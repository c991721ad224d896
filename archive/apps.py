from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Defense news archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .permissions import ensure_editors_group

        # Permissions exist only after migrate has run, so the group is kept in step then.
        post_migrate.connect(ensure_editors_group, sender=self, dispatch_uid="archive-editors-group")
