from back.api.errors import DomainError


class InvalidCredentialsError(DomainError):
    status = 401
    code = "invalid_credentials"
    title = "The login code or the password is wrong."


class AccountLockedError(DomainError):
    status = 423
    code = "account_locked"
    title = "Too many failed attempts: the account is locked for a while."
