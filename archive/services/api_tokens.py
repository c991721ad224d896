"""API tokens: issued once, stored as a digest, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from archive.api.models import ApiToken

PREFIX_LENGTH = 8
# Recording every use would turn each read into a write; once a minute is enough to see activity.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(key: str) -> str:
    # The key is 256 random bits, so a plain hash cannot be brute-forced; no salt or slow hash is needed.
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_issue(*, user, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the key, which is never stored in clear."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=key[:PREFIX_LENGTH], key_digest=_digest(key)
    )
    return token, key


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The active token with this key (with its user), or None."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_digest=_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_token_revoke(*, prefix: str = "", username: str = "") -> int:
    """Revoke the tokens starting with ``prefix``, or all tokens of ``username``; returns how many."""
    if not prefix and not username:
        raise ValueError("name a token prefix or a username")
    tokens = ApiToken.objects.filter(revoked_at__isnull=True)
    condition = Q()
    if prefix:
        condition &= Q(prefix=prefix[:PREFIX_LENGTH])
    if username:
        condition &= Q(user__username=username)
    return tokens.filter(condition).update(revoked_at=timezone.now())
