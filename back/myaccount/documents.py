"""Invoice PDF, drawn with reportlab from Pro-Cable's invoice data in the customer's language."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from back.procable.gateway import get_gateway
from back.procable.port import InvoiceDocumentRecord


def _money(value: Decimal, language: str) -> str:
    text = f"{value:,.2f}"
    if language == "fr":
        return text.replace(",", "\u202f").replace(".", ",") + " $"
    return "$" + text


def invoice_pdf(*, customer_number: str, invoice_id: int) -> tuple[str, bytes]:
    """Return (file name, PDF bytes) of one of the customer's invoices. Raises ProCableNotFoundError."""
    document = get_gateway().invoice_document(customer_number, invoice_id)
    with translation.override(document.customer.language or settings.LANGUAGE_CODE):
        return f"invoice-{document.invoice.number}.pdf", _render(document)


def _render(document: InvoiceDocumentRecord) -> bytes:
    invoice, customer = document.invoice, document.customer
    language = customer.language
    buffer = BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Invoice %(number)s") % {"number": invoice.number},
        author=settings.OPERATOR_NAME,
        lang=language,
    )
    styles = getSampleStyleSheet()
    name = customer.company_name or f"{customer.first_name} {customer.last_name}"
    number_label = _("Customer number")
    story = [
        Paragraph(settings.OPERATOR_NAME, styles["Title"]),
        Paragraph(_("Invoice %(number)s") % {"number": invoice.number}, styles["Heading2"]),
        Paragraph(f"{name} — {number_label} {customer.number}", styles["Normal"]),
    ]
    if document.address is not None:
        story.append(Paragraph(document.address.label, styles["Normal"]))
    story.append(Spacer(1, 6 * mm))
    facts = [
        [_("Issued on"), invoice.issued_on.isoformat()],
        [_("Period"), f"{invoice.period_start.isoformat()} – {invoice.period_end.isoformat()}"],
        [_("Due on"), invoice.due_on.isoformat()],
        [_("Status"), _("Paid") if invoice.is_paid else _("To pay")],
    ]
    story.append(Table(facts, colWidths=[45 * mm, 90 * mm], hAlign="LEFT"))
    story.append(Spacer(1, 6 * mm))
    rows = [[_("Description"), _("Quantity"), _("Unit price"), _("Amount")]]
    rows += [
        [line.label, str(line.quantity), _money(line.unit_price, language), _money(line.amount, language)]
        for line in invoice.lines
    ]
    rows += [
        ["", "", _("Subtotal"), _money(invoice.subtotal, language)],
        ["", "", _("Taxes"), _money(invoice.taxes, language)],
        ["", "", _("Total"), _money(invoice.total, language)],
    ]
    table = Table(rows, colWidths=[85 * mm, 20 * mm, 35 * mm, 35 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEABOVE", (2, -3), (-1, -3), 0.5, colors.grey),
                ("FONTNAME", (2, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    story += [table, Spacer(1, 8 * mm)]
    story.append(
        Paragraph(
            _("Account balance: %(amount)s") % {"amount": _money(document.balance, language)},
            styles["Normal"],
        )
    )
    pdf.build(story)
    return buffer.getvalue()
