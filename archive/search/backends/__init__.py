"""Search backends: one interface, one implementation per database."""

from .base import SearchBackend as SearchBackend
from .base import get_backend as get_backend
