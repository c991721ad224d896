"""The editors group and its model permissions, kept in step after every migrate."""

from django.conf import settings

EDITOR_MODELS = ("article", "source", "entity", "alias", "mention", "tag")
EDITOR_ACTIONS = ("add", "change", "delete", "view")


def ensure_editors_group(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=settings.ARCHIVE_EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in EDITOR_ACTIONS]
    perms = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    group.permissions.add(*perms)
