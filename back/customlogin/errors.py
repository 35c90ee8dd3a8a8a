"""Refusals of CUSTOM LOGIN, each with a stable `code` the front maps to a message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from back.api.errors import ConflictError, DomainError, ValidationFailedError


class InvalidCredentialsError(DomainError):
    """Unknown login id or wrong password: one answer for both (no account enumeration)."""

    status = 401
    code = "invalid_credentials"
    title = _("The login id or the password is wrong.")


class AccountLockedError(DomainError):
    """Too many failures in a row; also answered for unknown ids, so it reveals nothing."""

    status = 423
    code = "account_locked"
    title = _("Too many failed attempts: logging in is blocked for a while.")


class CurrentPasswordWrongError(DomainError):
    status = 403
    code = "current_password_wrong"
    title = _("The current password is wrong.")


class PasswordTooWeakError(ValidationFailedError):
    code = "password_too_weak"
    title = _("The new password is not strong enough.")


class PersonalLoginIdInvalidError(ValidationFailedError):
    code = "personal_login_id_invalid"
    title = _("This personal login id is not valid.")


class PersonalLoginIdTakenError(ConflictError):
    code = "personal_login_id_taken"
    title = _("This personal login id is already used by someone else.")


class ResetLinkInvalidError(DomainError):
    """Unknown, expired or already used reset link: one answer for all three."""

    status = 400
    code = "reset_link_invalid"
    title = _("This link is no longer valid: ask for a new one.")


class CredentialNotFoundError(DomainError):
    status = 404
    code = "credential_not_found"
    title = _("This customer has no login yet.")
