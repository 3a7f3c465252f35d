"""API tokens, one or more per agency. The token is shown once; only its SHA-256 is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.catalog.models import AgencyToken
from ttdn.catalog.permissions import require_manage_tokens
from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc

PREFIX = "ttdn_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, agency, name: str) -> tuple[AgencyToken, str]:
    """A new token for `agency`; returns the row and the secret, which is never shown again."""
    require_manage_tokens(actor, agency)
    name = nfc(name or "")
    if not name:
        raise ApplicationError(
            _(
                "Give the token a name that says which system uses it, "
                "e.g. “Portal of the department”."
            )
        )
    raw = PREFIX + secrets.token_urlsafe(32)
    token = AgencyToken.objects.create(
        agency=agency,
        name=name[:120],
        prefix=raw[:12],
        token_hash=token_hash(raw),
        created_by=actor,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: AgencyToken) -> AgencyToken:
    require_manage_tokens(actor, token.agency)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> AgencyToken | None:
    """The active token with this secret, or None; records when it was last used."""
    if not raw or not raw.startswith(PREFIX):
        return None
    token = (
        AgencyToken.objects.select_related("agency", "created_by")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            AgencyToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return token
