"""Helpers shared by the page views."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from archive.roles import is_editor


def editor_required(view):
    """Editors (and superusers) only: others are sent to log in or refused."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("Only editors can do this.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
