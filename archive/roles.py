"""Who may do what: readers read, editors write, superusers administer."""

from django.conf import settings


def is_editor(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_archive_is_editor", None)
    if cached is None:
        cached = user.groups.filter(name=settings.ARCHIVE_EDITORS_GROUP).exists()
        user._archive_is_editor = cached
    return cached


def can_read(user) -> bool:
    return settings.ARCHIVE_ANONYMOUS_READ or user.is_authenticated
