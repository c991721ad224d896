"""Readers read (anonymous visitors too, when the archive allows it); editors write."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from archive.roles import can_read, is_editor


class ReadOrEditorWrite(BasePermission):
    message = "Only editors can change the archive."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return can_read(request.user)
        return is_editor(request.user)


class CanRead(BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_read(request.user)
