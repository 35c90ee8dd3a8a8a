"""Writes of SECURITY: staff login with lockout, person tokens, users and profiles."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .errors import AccountLockedError, InvalidCredentialsError
from .models import PersonToken, Profile, Right, StaffUser
from .rights import RIGHTS
from .selectors import DEFAULT_WEB_RIGHTS_CACHE_KEY, principal_cache_key, token_hash

# Checked against when the login code is unknown, so that an unknown code costs the same time
# as a wrong password (no user enumeration by timing).
_DUMMY_PASSWORD_HASH = "pbkdf2_sha256$1000000$weblys$QdBrd0U+YGjYxpsQ1qT8Xr9X1p9uOcXb8jv6z7ZQm9E="


@dataclass(frozen=True)
class IssuedToken:
    raw: str
    expires_at: datetime


def person_token_issue(
    *, kind: str, staff_user: StaffUser | None = None, customer_number: str = ""
) -> IssuedToken:
    """Create a person token; only its hash is stored. Customer tokens carry one customer number."""
    raw = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(seconds=settings.PERSON_TOKEN_TTL_SECONDS)
    PersonToken.objects.create(
        key_hash=token_hash(raw),
        kind=kind,
        staff_user=staff_user,
        customer_number=customer_number,
        expires_at=expires_at,
    )
    return IssuedToken(raw=raw, expires_at=expires_at)


def customer_token_issue(*, customer_number: str) -> IssuedToken:
    """Issue the token a customer acts with after CUSTOM LOGIN authenticated them."""
    return person_token_issue(kind=PersonToken.Kind.CUSTOMER, customer_number=customer_number)


def person_token_revoke(*, raw: str) -> None:
    """Revoke a token (logout). Unknown tokens are ignored: logging out twice is harmless."""
    key_hash = token_hash(raw)
    PersonToken.objects.filter(key_hash=key_hash, revoked_at__isnull=True).update(revoked_at=timezone.now())
    cache.delete(principal_cache_key(key_hash))


def customer_tokens_revoke(*, customer_number: str, except_raw: str | None = None) -> int:
    """Revoke every live token of a customer (after a password reset or change); returns how many."""
    tokens = PersonToken.objects.filter(
        kind=PersonToken.Kind.CUSTOMER, customer_number=customer_number, revoked_at__isnull=True
    )
    if except_raw:
        tokens = tokens.exclude(key_hash=token_hash(except_raw))
    hashes = list(tokens.values_list("key_hash", flat=True))
    count = PersonToken.objects.filter(key_hash__in=hashes).update(revoked_at=timezone.now())
    cache.delete_many([principal_cache_key(key_hash) for key_hash in hashes])
    return count


def staff_login(*, code: str, password: str) -> tuple[StaffUser, IssuedToken]:
    """Check a staff user's code and password and issue a token.

    Raises InvalidCredentialsError (same answer for an unknown code and a wrong password) and
    AccountLockedError after LOGIN_MAX_FAILURES failures in a row, for LOGIN_LOCKOUT_SECONDS.
    The failure count is committed before the refusal is raised.
    """
    from django.contrib.auth.hashers import check_password

    now = timezone.now()
    failure: Exception
    with transaction.atomic(using="security"):
        user = (
            StaffUser.objects.select_for_update()
            .filter(code__iexact=code.strip(), is_active=True, is_default_web_user=False)
            .first()
        )
        if user is None:
            check_password(password, _DUMMY_PASSWORD_HASH)
            failure = InvalidCredentialsError()
        elif user.locked_until and user.locked_until > now:
            failure = AccountLockedError(locked_until=user.locked_until.isoformat())
        elif not user.check_password(password):
            user.failed_logins += 1
            failure = InvalidCredentialsError()
            if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
                user.locked_until = now + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
                user.failed_logins = 0
                failure = AccountLockedError(locked_until=user.locked_until.isoformat())
            user.save(update_fields=["failed_logins", "locked_until", "updated_at"])
        else:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now
            user.save(update_fields=["failed_logins", "locked_until", "last_login_at", "updated_at"])
            return user, person_token_issue(kind=PersonToken.Kind.STAFF, staff_user=user)
    raise failure


def rights_sync() -> int:
    """Make the Right table match `rights.py` (labels updated, codes added). Returns the count."""
    for right in RIGHTS:
        Right.objects.update_or_create(
            code=right.code, defaults={"label_en": right.label_en, "label_fr": right.label_fr}
        )
    return len(RIGHTS)


@transaction.atomic(using="security")
def profile_upsert(*, code: str, name: str, right_codes: list[str]) -> Profile:
    """Create or update a profile with exactly these rights."""
    rights_sync()
    profile, _ = Profile.objects.update_or_create(code=code, defaults={"name": name})
    profile.rights.set(Right.objects.filter(code__in=right_codes))
    return profile


@transaction.atomic(using="security")
def staff_user_upsert(
    *,
    code: str,
    display_name: str,
    password: str | None,
    profile_codes: list[str],
    channel: str = "store",
    store_code: str = "",
    email: str = "",
    language: str = "fr",
    is_default_web_user: bool = False,
) -> StaffUser:
    """Create or update a staff user; a None password keeps the current one (or makes it unusable)."""
    user = StaffUser.objects.filter(code=code).first() or StaffUser(code=code)
    user.display_name = display_name
    user.channel = channel
    user.store_code = store_code
    user.email = email
    user.language = language
    user.is_default_web_user = is_default_web_user
    if password is not None:
        user.set_password(password)
    elif not user.password:
        user.password = "!" + secrets.token_hex(16)  # unusable: no login possible
    user.full_clean(exclude=["password"])
    user.save()
    user.profiles.set(Profile.objects.filter(code__in=profile_codes))
    cache.delete(DEFAULT_WEB_RIGHTS_CACHE_KEY)
    return user
