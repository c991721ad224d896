"""Request rates per client: a token, else a logged-in user, else the client's address."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class ClientRateThrottle(SimpleRateThrottle):
    """Scope ``client`` for authenticated requests, ``anon`` for the rest. Rates are read per request,
    so changing ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` takes effect without a restart."""

    def get_rate(self):
        return None  # chosen per request in allow_request

    def allow_request(self, request, view):
        self.scope = "client" if request.user and request.user.is_authenticated else "anon"
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
