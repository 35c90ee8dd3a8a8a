"""Writes of CUSTOM LOGIN: credentials from Pro-Cable, customer login with lockout, personal login id,
password changes and single-use reset links.

No account enumeration: an unknown login id costs the same password check as a known one, counts
failures the same way (so it gets locked too) and gets the same answers; a reset request always
gets the same answer whether it matched a customer or not.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import unicodedata
from collections.abc import Iterable
from datetime import timedelta
from functools import cache as memoize
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from back.security.services import IssuedToken, customer_token_issue, customer_tokens_revoke

from .errors import (
    AccountLockedError,
    CurrentPasswordWrongError,
    InvalidCredentialsError,
    PasswordTooWeakError,
    PersonalLoginIdInvalidError,
    PersonalLoginIdTakenError,
    ResetLinkInvalidError,
)
from .models import Credential, PasswordReset

logger = logging.getLogger(__name__)

DB = "customlogin"
PERSONAL_LOGIN_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{3,59}$")
LANGUAGES = ("fr", "en")


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


@memoize
def _dummy_hash(hasher_path: str) -> str:
    """A hash made with the current default hasher, checked when there is nothing real to check."""
    return make_password(secrets.token_urlsafe(16))


def _spend_a_password_check(password: str) -> None:
    """Cost the same time as a real check (unknown id, locked or passwordless account)."""
    check_password(password, _dummy_hash(settings.PASSWORD_HASHERS[0]))


def normalize_login_id(login_id: str) -> str:
    """Customer numbers are digits; personal ids are compared lower-case, without surrounding spaces."""
    return (login_id or "").strip().lower()


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def _phones(phones: Iterable[str] | None) -> list[str]:
    return [digits for digits in (_digits(p) for p in phones or ()) if digits]


def _fold(text: str) -> str:
    """Compare names without case or accents: "Côté" == "cote"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _valid_email(value: str) -> str:
    """Recovery data must never make Pro-Cable's customer creation fail: an invalid e-mail is dropped."""
    value = value.strip()
    try:
        validate_email(value)
    except ValidationError:
        if value:
            logger.warning("An invalid recovery e-mail was dropped.")
        return ""
    return value


def _language(value: str | None) -> str:
    return value if value in LANGUAGES else settings.LANGUAGE_CODE[:2]


def password_validate(*, password: str, login_ids: Iterable[str] = ()) -> None:
    """Raise PasswordTooWeakError unless the password is long enough, not only digits, not a login id."""
    minimum = int(_setting("CUSTOMLOGIN_PASSWORD_MIN_LENGTH", 10))
    problems: list[str] = []
    if len(password) < minimum:
        problems.append(_("Use at least %(count)d characters.") % {"count": minimum})
    if password.isdigit():
        problems.append(_("Use letters or symbols, not only digits."))
    if normalize_login_id(password) in {normalize_login_id(i) for i in login_ids if i}:
        problems.append(_("The password must differ from the login id."))
    if problems:
        raise PasswordTooWeakError(errors={"password": problems})


# --- Credentials from Pro-Cable --------------------------------------------------------------------------


def credentials_create_for_new_customer(
    customer_number: str, password_plain: str, recovery: dict[str, Any]
) -> None:
    """Pro-Cable hook (`PROCABLE_ON_CUSTOMER_CREATED`): store a new customer's credentials.

    Positional arguments, as `back.procable.hooks.on_customer_created` calls it. Idempotent: the same
    customer number again updates the password and recovery data, never a second row.
    """
    credential_upsert_from_procable(
        customer_number=customer_number, password_plain=password_plain, recovery=recovery
    )


def credential_upsert_from_procable(
    *, customer_number: str, password_plain: str | None, recovery: dict[str, Any]
) -> Credential:
    """Create or update the credential of a customer with Pro-Cable's password and recovery data.

    A None password makes the customer-number password unusable (the customer uses "forgotten password").
    """
    with transaction.atomic(using=DB):
        credential = Credential.objects.select_for_update().filter(
            customer_number=customer_number
        ).first() or Credential(customer_number=customer_number)
        credential.set_password(password_plain)
        credential.password_changed_at = timezone.now()
        credential.failed_logins = 0
        credential.locked_until = None
        _apply_recovery(credential, recovery)
        credential.full_clean(exclude=["password", "personal_password"])
        credential.save()
    return credential


def password_change_from_procable(*, customer_number: str, password_plain: str) -> Credential:
    """Pro-Cable changed the customer's password (CAB-21010): replace the customer-number password.

    Creates the credential (without recovery data) if Pro-Cable never sent it. The personal id and
    personal password, chosen by the customer, are kept.
    """
    with transaction.atomic(using=DB):
        credential = Credential.objects.select_for_update().filter(
            customer_number=customer_number
        ).first() or Credential(customer_number=customer_number)
        credential.set_password(password_plain)
        credential.password_changed_at = timezone.now()
        credential.failed_logins = 0
        credential.locked_until = None
        credential.save()
    return credential


def _apply_recovery(credential: Credential, recovery: dict[str, Any]) -> None:
    if "first_name" in recovery:
        credential.first_name = str(recovery["first_name"] or "")[:80]
    if "last_name" in recovery:
        credential.last_name = str(recovery["last_name"] or "")[:80]
    if "email" in recovery:
        credential.email = _valid_email(str(recovery["email"] or ""))
    if "phones" in recovery:
        credential.phones = _phones(recovery["phones"])
    if recovery.get("language"):
        credential.language = _language(recovery["language"])


def recovery_update(
    *,
    customer_number: str,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    phones: Iterable[str] | None = None,
    language: str | None = None,
) -> bool:
    """Keep recovery data in step with the customer file (None leaves a field). False if no credential."""
    recovery: dict[str, Any] = {}
    for name, value in (
        ("first_name", first_name),
        ("last_name", last_name),
        ("email", email),
        ("language", language),
    ):
        if value is not None:
            recovery[name] = value
    if phones is not None:
        recovery["phones"] = list(phones)
    with transaction.atomic(using=DB):
        credential = Credential.objects.select_for_update().filter(customer_number=customer_number).first()
        if credential is None:
            return False
        _apply_recovery(credential, recovery)
        credential.full_clean(exclude=["password", "personal_password"])
        credential.save()
    return True


# --- Login ------------------------------------------------------------------------------------------------


def _unknown_key(login_id: str) -> str:
    return "customlogin:unknown:" + hashlib.sha256(login_id.encode()).hexdigest()


def _unknown_id_failure(login_id: str, now) -> Exception:
    """Count failures of an id that matches no credential exactly as for a real one (in the cache)."""
    key = _unknown_key(login_id)
    state = cache.get(key) or {"failures": 0, "locked_until": None}
    if state["locked_until"] and state["locked_until"] > now:
        return AccountLockedError(locked_until=state["locked_until"].isoformat())
    state["failures"] += 1
    error: Exception = InvalidCredentialsError()
    if state["failures"] >= settings.LOGIN_MAX_FAILURES:
        state = {"failures": 0, "locked_until": now + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)}
        error = AccountLockedError(locked_until=state["locked_until"].isoformat())
    cache.set(key, state, settings.LOGIN_LOCKOUT_SECONDS + 3600)
    return error


def customer_login(*, login_id: str, password: str) -> tuple[Credential, IssuedToken]:
    """Check a customer number (with its password) or a personal id (with the personal password).

    Returns the credential and a customer token from SECURITY. Raises InvalidCredentialsError (same
    answer for an unknown id, a wrong password or an account without a usable password) and
    AccountLockedError once LOGIN_MAX_FAILURES failures in a row happened, for LOGIN_LOCKOUT_SECONDS.
    The failure count is committed before the refusal is raised.
    """
    key = normalize_login_id(login_id)
    by_number = key.isdigit()
    now = timezone.now()
    failure: Exception
    with transaction.atomic(using=DB):
        query = Credential.objects.select_for_update()
        credential = (
            (
                query.filter(customer_number=key).first()
                if by_number
                else query.filter(personal_login_id=key).first()
            )
            if key
            else None
        )
        if credential is None:
            _spend_a_password_check(password)
            failure = _unknown_id_failure(key, now)
        elif credential.locked_until and credential.locked_until > now:
            _spend_a_password_check(password)
            failure = AccountLockedError(locked_until=credential.locked_until.isoformat())
        else:
            stored = credential.password if by_number else credential.personal_password
            if stored and not stored.startswith("!"):
                is_valid = check_password(password, stored)
            else:
                _spend_a_password_check(password)
                is_valid = False
            if is_valid:
                credential.failed_logins = 0
                credential.locked_until = None
                credential.last_login_at = now
                credential.save(
                    update_fields=["failed_logins", "locked_until", "last_login_at", "updated_at"]
                )
                return credential, customer_token_issue(customer_number=credential.customer_number)
            credential.failed_logins += 1
            failure = InvalidCredentialsError()
            if credential.failed_logins >= settings.LOGIN_MAX_FAILURES:
                credential.locked_until = now + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
                credential.failed_logins = 0
                failure = AccountLockedError(locked_until=credential.locked_until.isoformat())
            credential.save(update_fields=["failed_logins", "locked_until", "updated_at"])
    raise failure


# --- Personal id and passwords (logged-in customer) ------------------------------------------------------


def _credential_for_update(customer_number: str) -> Credential:
    credential = Credential.objects.select_for_update().filter(customer_number=customer_number).first()
    if credential is None:
        from .errors import CredentialNotFoundError

        raise CredentialNotFoundError()
    return credential


def personal_login_set(
    *, customer_number: str, personal_login_id: str, password: str, current_password: str
) -> Credential:
    """Define or change the personal login id and its password (the current password of either login).

    Raises CurrentPasswordWrongError, PersonalLoginIdInvalidError (4-60 of a-z 0-9 . _ @ -, not only
    digits so it never looks like a customer number), PersonalLoginIdTakenError, PasswordTooWeakError.
    """
    login_id = normalize_login_id(personal_login_id)
    if not PERSONAL_LOGIN_ID_PATTERN.match(login_id) or login_id.isdigit():
        raise PersonalLoginIdInvalidError(
            errors={"personal_login_id": [_("Use 4 to 60 letters, digits or . _ @ -, not only digits.")]}
        )
    password_validate(password=password, login_ids=[login_id, customer_number])
    try:
        with transaction.atomic(using=DB):
            credential = _credential_for_update(customer_number)
            if not (
                credential.check_password(current_password)
                or credential.check_personal_password(current_password)
            ):
                raise CurrentPasswordWrongError(
                    errors={"current_password": [_("The current password is wrong.")]}
                )
            if Credential.objects.filter(personal_login_id=login_id).exclude(pk=credential.pk).exists():
                raise PersonalLoginIdTakenError(
                    errors={"personal_login_id": [_("This id is already taken.")]}
                )
            credential.personal_login_id = login_id
            credential.set_personal_password(password)
            credential.password_changed_at = timezone.now()
            credential.save()
    except IntegrityError as exc:  # two customers claiming the same id at the same instant
        raise PersonalLoginIdTakenError(
            errors={"personal_login_id": [_("This id is already taken.")]}
        ) from exc
    return credential


def password_change(
    *, customer_number: str, current_password: str, new_password: str, keep_token: str | None = None
) -> Credential:
    """Change the password the customer proves to know (customer-number one, personal one, or both if equal).

    Every other session of the customer is logged out; `keep_token` (the caller's own) stays valid.
    Raises CurrentPasswordWrongError, PasswordTooWeakError.
    """
    with transaction.atomic(using=DB):
        credential = _credential_for_update(customer_number)
        password_validate(
            password=new_password, login_ids=[customer_number, credential.personal_login_id or ""]
        )
        number_matches = credential.check_password(current_password)
        personal_matches = credential.check_personal_password(current_password)
        if not (number_matches or personal_matches):
            raise CurrentPasswordWrongError(
                errors={"current_password": [_("The current password is wrong.")]}
            )
        if number_matches:
            credential.set_password(new_password)
        if personal_matches:
            credential.set_personal_password(new_password)
        credential.password_changed_at = timezone.now()
        credential.save()
    customer_tokens_revoke(customer_number=customer_number, except_raw=keep_token)
    return credential


# --- Forgotten password -----------------------------------------------------------------------------------


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _recovery_matches(credential: Credential, *, last_name: str, email: str, phone: str) -> bool:
    if not credential.last_name or _fold(credential.last_name) != _fold(last_name):
        return False
    email_matches = bool(email.strip()) and credential.email.strip().casefold() == email.strip().casefold()
    phone_digits = _digits(phone)
    phone_matches = len(phone_digits) >= 7 and any(
        stored[-10:] == phone_digits[-10:] for stored in credential.phones or []
    )
    return email_matches or phone_matches


def password_reset_request(*, login_id: str, last_name: str, email: str = "", phone: str = "") -> None:
    """Send a single-use reset link if login id, last name and e-mail or phone match a credential.

    Always returns None: the caller answers the same whatever happened. The link goes to the e-mail of
    the credential (never to an address typed in the request) in the customer's language.
    """
    key = normalize_login_id(login_id)
    credential = None
    if key:
        lookup = {"customer_number": key} if key.isdigit() else {"personal_login_id": key}
        credential = Credential.objects.filter(**lookup).first()
    if (
        credential is None
        or not credential.email
        or not _recovery_matches(credential, last_name=last_name, email=email, phone=phone)
    ):
        logger.info("Password reset requested without a match.")
        return
    raw = secrets.token_urlsafe(32)
    ttl = int(_setting("CUSTOMLOGIN_RESET_TTL_SECONDS", 3600))
    with transaction.atomic(using=DB):
        PasswordReset.objects.create(
            credential=credential,
            token_hash=_token_hash(raw),
            expires_at=timezone.now() + timedelta(seconds=ttl),
        )
    _reset_mail_send(credential=credential, raw_token=raw, ttl_minutes=ttl // 60)


def _reset_mail_send(*, credential: Credential, raw_token: str, ttl_minutes: int) -> None:
    link = f"{settings.FRONT_BASE_URL.rstrip('/')}/myaccount/reset/{raw_token}/"
    with translation.override(credential.language):
        subject = _("Your %(operator)s account: choose a new password") % {"operator": settings.OPERATOR_NAME}
        body = _(
            "Hello %(name)s,\n\nSomeone (hopefully you) asked to reset the password of customer account "
            "%(number)s.\nTo choose a new password, open this link within %(minutes)d minutes; "
            "it works once:\n\n"
            "%(link)s\n\nIf you did not ask for it, ignore this message: your password does not change.\n\n"
            "%(operator)s"
        ) % {
            "name": credential.first_name or credential.last_name,
            "number": credential.customer_number,
            "minutes": ttl_minutes,
            "link": link,
            "operator": settings.OPERATOR_NAME,
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [credential.email])
    except OSError:
        # The caller's answer must not change (no enumeration); the failure is for the operators.
        logger.exception("The password-reset e-mail could not be sent.")


def password_reset_confirm(*, token: str, new_password: str) -> Credential:
    """Set a new password with a reset link; the link (and every other pending one) is then used up.

    The new password replaces the customer-number password and, if the customer defined a personal
    id, the personal password too (the customer forgot "the password"; both now work). Also clears
    a lockout. Raises ResetLinkInvalidError (unknown, expired or used: one answer) and
    PasswordTooWeakError (the link stays valid then, so the customer can try another password).
    """
    now = timezone.now()
    with transaction.atomic(using=DB):
        reset = (
            PasswordReset.objects.select_for_update()
            .select_related("credential")
            .filter(token_hash=_token_hash(token or ""), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if reset is None:
            raise ResetLinkInvalidError()
        credential = reset.credential
        password_validate(
            password=new_password, login_ids=[credential.customer_number, credential.personal_login_id or ""]
        )
        credential.set_password(new_password)
        if credential.personal_login_id:
            credential.set_personal_password(new_password)
        credential.failed_logins = 0
        credential.locked_until = None
        credential.password_changed_at = now
        credential.save()
        PasswordReset.objects.filter(credential=credential, used_at__isnull=True).update(used_at=now)
    # Whoever knew the old password is logged out everywhere.
    customer_tokens_revoke(customer_number=credential.customer_number)
    return credential
