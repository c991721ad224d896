"""Page-number pagination for the lists (``{count, next, previous, results}``)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class ArchivePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        value = request.query_params.get(self.page_size_query_param, "")
        if value == "":
            return self.page_size
        # A page size that is not understood is an error, not silently the default.
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError({"page_size": [f"Give a number from 1 to {self.max_page_size}."]})
        return int(value)
