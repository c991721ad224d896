from django.contrib.auth.views import redirect_to_login

from .roles import can_read

# Paths that stay reachable when anonymous reading is turned off. The API checks reading rights
# itself (archive/api/permissions.py) and answers 401 with JSON instead of a login redirect.
OPEN_PREFIXES = ("/accounts/", "/admin/", "/static/", "/api/")


class ReaderAccessMiddleware:
    """Send anonymous visitors to the login page when ARCHIVE_ANONYMOUS_READ is off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not can_read(request.user) and not request.path.startswith(OPEN_PREFIXES):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
