from django.utils.translation import gettext_lazy as _

from back.api.errors import DomainError, NotFoundError


class CodeTableNotFoundError(NotFoundError):
    code = "code_table_not_found"
    title = _("This code table does not exist.")


class CodeTableImportError(DomainError):
    """The file was refused; `errors` maps "row N column" to messages and nothing was changed."""

    status = 400
    code = "code_table_import_invalid"
    title = _("The code table file has errors; nothing was imported.")
