"""OpenAPI: every operation documents the errors it can answer with."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in a sentence."},
        "errors": {
            "type": "object",
            "additionalProperties": {},
            "description": "For invalid input: messages by field name (non_field_errors for the request).",
        },
        "existing_id": {"type": "integer", "description": "For a duplicate: the article already stored."},
    },
    "required": ["detail"],
}
READ_ERRORS = {
    "400": "Invalid query parameters.",
    "401": "The token is invalid or revoked, or reading needs a login here.",
    "403": "Not allowed.",
    "406": "The Accept header asks for a type this endpoint cannot give.",
    "429": "Too many requests: wait for Retry-After seconds.",
}
DETAIL_ERRORS = {"404": "Not found."}
WRITE_ERRORS = {
    "400": "Invalid input: see errors.",
    "403": "Only editors can change the archive (also sent for a missing CSRF token with a session login).",
    "413": "The request body is too large.",
    "415": "The body must be JSON (or a form).",
}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "archive.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-based authentication: `Authorization: Token <key>` "
            "(keys come from `manage.py issue_token USERNAME`).",
        }


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: add the Error component and the error responses to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            errors = dict(READ_ERRORS)
            if "{" in path:
                errors.update(DETAIL_ERRORS)
            if any(parameter.get("name") == "page" for parameter in operation.get("parameters", [])):
                errors["404"] = "No such page (past the last one)."
            if method != "get":
                errors.update(WRITE_ERRORS)
            responses = operation.setdefault("responses", {})
            for code, description in errors.items():
                response = responses.setdefault(code, {"description": description})
                response.setdefault("content", {"application/json": {"schema": ERROR_REF}})
                if code == "429":
                    response.setdefault("headers", RETRY_AFTER)
    return result
