from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Answers every method on paths the API does not have, in JSON like every other error."""

    permission_classes: list = []
    throttle_classes: list = []

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound("There is no such API endpoint.")

    def get(self, request, *args, **kwargs):
        raise NotFound("There is no such API endpoint.")
