"""CATALOG refusals, each with a stable `code` the front maps to a message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from back.api.errors import ConflictError, DomainError, NotFoundError, ValidationFailedError


class OfferNotFoundError(NotFoundError):
    code = "catalog_offer_not_found"
    title = _("This offer does not exist.")


class QuoteNotFoundError(NotFoundError):
    code = "catalog_quote_not_found"
    title = _("This quote does not exist.")


class AddressNotFoundError(NotFoundError):
    code = "catalog_address_not_found"
    title = _("This address is unknown.")


class CustomerNotFoundError(NotFoundError):
    code = "catalog_customer_not_found"
    title = _("This customer is unknown.")


class OfferNotEligibleError(DomainError):
    status = 409
    code = "catalog_offer_not_eligible"
    title = _("This offer is not available for this request.")


class SelectionInvalidError(ValidationFailedError):
    code = "catalog_selection_invalid"
    title = _("The selection does not fit the offer.")


class CatalogImportError(ValidationFailedError):
    """The file was refused; `rows` lists every error as {sheet, row, column, message}."""

    code = "catalog_import_invalid"
    title = _("The file was refused; nothing was changed.")

    def __init__(self, rows: list[dict], detail: str | None = None) -> None:
        self.rows = rows
        super().__init__(detail, rows=rows)


class CurrentOfferMissingError(ConflictError):
    code = "catalog_current_offer_missing"
    title = _("The customer's current services match no offer of the catalog.")
