from django.utils.translation import gettext_lazy as _

from back.api.errors import DomainError, NotFoundError, UnavailableError, ValidationFailedError


class RuleSetInvalidError(DomainError):
    """A file was refused: `row_errors` lists {sheet, row, column, message}; nothing was loaded."""

    status = 400
    code = "rules_invalid"
    title = _("The rules file has errors; nothing was loaded.")


class RuleSetVersionNotFoundError(NotFoundError):
    code = "rules_version_not_found"
    title = _("This rules version does not exist.")


class RulesNotLoadedError(UnavailableError):
    code = "rules_not_loaded"
    title = _("No rules version is active yet.")


class RuleContextInvalidError(ValidationFailedError):
    code = "rules_context_invalid"
    title = _("The sale context has values the active rules do not know.")


class RuleOutcomeMissingError(DomainError):
    """Never expected: load-time validation guarantees one winning row per table for known contexts."""

    status = 500
    code = "rules_outcome_missing"
    title = _("The active rules give no single answer for this context.")
