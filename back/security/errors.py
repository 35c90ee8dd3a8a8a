from django.utils.translation import gettext_lazy as _

from back.api.errors import DomainError


class InvalidCredentialsError(DomainError):
    status = 401
    code = "invalid_credentials"
    title = _("The login code or the password is wrong.")


class AccountLockedError(DomainError):
    status = 423
    code = "account_locked"
    title = _("Too many failed attempts: the account is locked for a while.")
