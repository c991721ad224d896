"""A list of ids stored the way each database searches it best."""

from __future__ import annotations

import json

from django.db import models


class IdListField(models.Field):
    """``bigint[]`` on PostgreSQL (GIN-indexed containment, ``unnest`` for facets), JSON text elsewhere.

    The migration state is the same on every database; only the column type differs.
    """

    description = "List of integer ids"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection) -> list[int]:
        if value is None:
            return []
        return list(value) if isinstance(value, list) else json.loads(value)

    def to_python(self, value) -> list[int]:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = json.loads(value)
        return [int(item) for item in value]

    def get_db_prep_value(self, value, connection, prepared=False):
        ids = self.to_python(value)
        return ids if connection.vendor == "postgresql" else json.dumps(ids)
