"""Every API error is JSON: ``{"detail": message}`` plus ``"errors": {field: [messages]}`` for bad input."""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import ProtectedError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the archive's current state."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def _translate(exc: Exception) -> Exception:
    """Django and service exceptions as the API exceptions they mean."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, ObjectDoesNotExist):
        return exceptions.NotFound(str(exc) or None)
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        return PayloadTooLarge()
    if isinstance(exc, ProtectedError):
        return Conflict("Other records still refer to this one.")
    if isinstance(exc, DataError):
        # A value the database refuses (out of range, a NUL character) that validation let through.
        logger.warning("database refused a request value: %s", exc.__class__.__name__)
        return exceptions.ValidationError({"non_field_errors": ["A value in the request cannot be stored."]})
    return exc


def api_exception_handler(exc: Exception, context) -> Response | None:
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real server error: Django logs it and answers 500
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": _summary(errors), "errors": errors}
    elif isinstance(data, dict) and "detail" in data:
        response.data = {**data, "detail": str(data["detail"])}
    else:
        response.data = {"detail": str(data)}
    return response


def _summary(errors: dict) -> str:
    fields = [field for field in errors if field != "non_field_errors"]
    if not fields:
        messages = errors.get("non_field_errors") or ["Invalid input."]
        return str(messages[0]) if isinstance(messages, list) else str(messages)
    return f"Invalid input in: {', '.join(fields)}."
