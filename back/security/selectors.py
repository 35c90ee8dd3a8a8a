"""Reads of SECURITY: resolve tokens into principals, list users and rights."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from back.api.principal import LazyRights, Principal

from .models import PersonToken, StaffUser
from .rights import DEFAULT_WEB_RIGHTS

_PRINCIPAL_CACHE_SECONDS = 30


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def principal_cache_key(key_hash: str) -> str:
    return f"security:principal:{key_hash}"


def staff_user_rights(*, user: StaffUser) -> frozenset[str]:
    """Return the union of the rights of the user's profiles."""
    from .models import Right

    return frozenset(Right.objects.filter(profiles__users=user).values_list("code", flat=True).distinct())


def principal_from_token(*, raw: str, site: str = "") -> Principal | None:
    """Return the principal a valid, unexpired, unrevoked token stands for; None otherwise.

    Cached for a few seconds (per token hash) to keep the per-call cost at one cache read; revoking
    a token deletes its cache entry.
    """
    key_hash = token_hash(raw)
    cached = cache.get(principal_cache_key(key_hash))
    if cached is not None:
        principal, expires_at = cached
        if expires_at > timezone.now():
            return _with_site(principal, site)
    token = (
        PersonToken.objects.select_related("staff_user")
        .filter(key_hash=key_hash, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None:
        return None
    if token.kind == PersonToken.Kind.CUSTOMER:
        principal = Principal(kind="customer", customer_number=token.customer_number, token_id=token.pk)
    else:
        user = token.staff_user
        if user is None or not user.is_active:
            return None
        principal = Principal(
            kind="staff",
            rights=staff_user_rights(user=user),
            staff_code=user.code,
            channel=user.channel,
            store_code=user.store_code,
            token_id=token.pk,
        )
    cache.set(principal_cache_key(key_hash), (principal, token.expires_at), _PRINCIPAL_CACHE_SECONDS)
    return _with_site(principal, site)


def _with_site(principal: Principal, site: str) -> Principal:
    if principal.site == site:
        return principal
    from dataclasses import replace

    return replace(principal, site=site)


def default_web_principal(*, site: str = "") -> Principal:
    """The automatic default user the public sites act as (rights from SECURITY, else `selfshop`).

    Its rights are read (from the shared cache, else SECURITY) only when a right is checked.
    """
    return Principal(
        kind="default",
        rights=LazyRights(default_web_rights),
        staff_code=settings.DEFAULT_WEB_USER,
        site=site,
        channel="web",
    )


DEFAULT_WEB_RIGHTS_CACHE_KEY = "security:default-web-principal"


def default_web_rights() -> frozenset[str]:
    """The rights of the automatic default web user (cached; `staff_user_upsert` forgets them)."""
    rights = cache.get(DEFAULT_WEB_RIGHTS_CACHE_KEY)
    if rights is None:
        user = StaffUser.objects.filter(code=settings.DEFAULT_WEB_USER, is_default_web_user=True).first()
        rights = staff_user_rights(user=user) if user else DEFAULT_WEB_RIGHTS
        cache.set(DEFAULT_WEB_RIGHTS_CACHE_KEY, rights, 60)
    return frozenset(rights)
