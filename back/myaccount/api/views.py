"""MyAccount API: a logged-in customer's own file. The customer number always comes from the token,
never from the request, so customer A cannot name customer B's file; invoices, payments and
appointments of another customer look unknown (404).
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from back.api.idempotency import idempotent
from back.api.pagination import StandardPagination
from back.api.permissions import IsCustomer, ensure_customer_access, requires_right
from back.myaccount import selectors, services
from back.myaccount.models import ConsentEvent, ContactMessage, EasySwitchRequest, ErasureRequest
from back.myaccount.records import plain


class CustomerApi(APIView):
    """Base of every MyAccount view: a customer token only, acting on its own customer number."""

    permission_classes = [IsCustomer]

    def customer_number(self, request: Request) -> str:
        number = request.user.customer_number
        ensure_customer_access(request.user, number)
        return number


class AccountSummaryApi(CustomerApi):
    """Customer file, services, equipment, commitments, balance, open work orders, appointments."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(selectors.account_summary(customer_number=self.customer_number(request)))


class InvoiceListApi(CustomerApi):
    """The last 24 invoices, newest first."""

    @extend_schema(operation_id="myaccount_invoice_list", responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response({"results": selectors.invoice_list(customer_number=self.customer_number(request))})


class InvoiceDetailApi(CustomerApi):
    """One invoice with its lines (404 for an invoice of another customer)."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request, invoice_id: int) -> Response:
        return Response(
            selectors.invoice_detail(customer_number=self.customer_number(request), invoice_id=invoice_id)
        )


class InvoicePdfApi(CustomerApi):
    """The invoice as a PDF (application/pdf), generated from Pro-Cable's invoice data."""

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, invoice_id: int) -> HttpResponse:
        from back.myaccount.documents import invoice_pdf

        filename, content = invoice_pdf(customer_number=self.customer_number(request), invoice_id=invoice_id)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class UsageApi(CustomerApi):
    """Usage per kind and month between `since` and `until` (default: the last 90 days)."""

    class InputSerializer(serializers.Serializer):
        since = serializers.DateField(required=False)
        until = serializers.DateField(required=False)

        def validate(self, attrs: dict) -> dict:
            today = timezone.localdate()
            attrs.setdefault("until", today)
            attrs.setdefault("since", attrs["until"] - timedelta(days=90))
            if attrs["since"] > attrs["until"]:
                raise serializers.ValidationError({"since": [_("The start must not be after the end.")]})
            if attrs["until"] - attrs["since"] > timedelta(days=400):
                raise serializers.ValidationError({"since": [_("Ask for at most 400 days at a time.")]})
            return attrs

    @extend_schema(
        parameters=[OpenApiParameter("since", str), OpenApiParameter("until", str)], responses={200: dict}
    )
    def get(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        return Response(
            selectors.usage_summary(customer_number=self.customer_number(request), **data.validated_data)
        )


class PaymentListCreateApi(CustomerApi):
    """GET: payment history. POST: pay the balance or an invoice with a card token (Idempotency-Key)."""

    class InputSerializer(serializers.Serializer):
        amount = serializers.CharField(max_length=20)
        card_token = serializers.CharField(max_length=100)
        invoice_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(selectors.payment_history(customer_number=self.customer_number(request)))

    @extend_schema(request=InputSerializer, responses={201: dict})
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = services.payment_make(customer_number=self.customer_number(request), **data.validated_data)
        return Response(selectors.online_payment_payload(payment), status=status.HTTP_201_CREATED)


class PaymentChallengeCompleteApi(CustomerApi):
    """Send the card-verification code of a payment waiting for it."""

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(max_length=20)

    @extend_schema(request=InputSerializer, responses={200: dict})
    def post(self, request: Request, payment_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = services.payment_challenge_complete(
            customer_number=self.customer_number(request),
            payment_id=payment_id,
            code=data.validated_data["code"],
        )
        return Response(selectors.online_payment_payload(payment))


class CardSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=30)
    expiry_month = serializers.IntegerField(min_value=1, max_value=12)
    expiry_year = serializers.IntegerField(min_value=2000, max_value=2100)
    cvc = serializers.CharField(max_length=4)
    holder_name = serializers.CharField(max_length=120)


class CardTokenCreateApi(CustomerApi):
    """Exchange card data for a payment token (the card number is never stored)."""

    InputSerializer = CardSerializer

    @extend_schema(request=CardSerializer, responses={201: dict})
    @idempotent
    def post(self, request: Request) -> Response:
        self.customer_number(request)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(plain(services.card_tokenize(**data.validated_data)), status=status.HTTP_201_CREATED)


class PaymentMethodApi(CustomerApi):
    """GET: how the customer pays (masked). PUT: bill, pre-authorised debit or card."""

    class InputSerializer(serializers.Serializer):
        method = serializers.ChoiceField(choices=["bill", "pad", "card"])
        bank_institution = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
        bank_transit = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
        bank_account = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
        card = CardSerializer(required=False, allow_null=True)

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        from back.procable.gateway import get_gateway

        return Response(plain(get_gateway().payment_method_get(self.customer_number(request))))

    @extend_schema(request=InputSerializer, responses={200: dict})
    def put(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.payment_method_change(
            customer_number=self.customer_number(request), **data.validated_data
        )
        return Response(plain(record))


class ContactDetailsUpdateApi(CustomerApi):
    """Change e-mail, phones or language (in Pro-Cable and in the recovery data of CUSTOM LOGIN)."""

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField(required=False)
        phones = serializers.ListField(
            child=serializers.RegexField(r"^\+?[0-9 ().-]{7,20}$", max_length=20),
            required=False,
            max_length=3,
        )
        language = serializers.ChoiceField(choices=["fr", "en"], required=False)

    @extend_schema(request=InputSerializer, responses={200: dict})
    def put(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        customer = services.contact_details_change(
            customer_number=self.customer_number(request), **data.validated_data
        )
        return Response(plain(customer))


class ConsentApi(CustomerApi):
    """GET: current consents. PUT: {topic: true|false, ...} for any of the topics."""

    class InputSerializer(serializers.Serializer):
        consents = serializers.DictField(child=serializers.BooleanField())

        def validate_consents(self, value: dict) -> dict:
            unknown = sorted(set(value) - set(ConsentEvent.Topic.values))
            if unknown:
                raise serializers.ValidationError(
                    _("Unknown topics: %(topics)s.") % {"topics": ", ".join(unknown)}
                )
            return value

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(selectors.consent_state(customer_number=self.customer_number(request)))

    @extend_schema(request=InputSerializer, responses={200: dict})
    def put(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        number = self.customer_number(request)
        services.consents_set(customer_number=number, choices=data.validated_data["consents"])
        return Response(selectors.consent_state(customer_number=number))


class DataExportApi(CustomerApi):
    """Download everything the customer file holds, as a JSON file."""

    @extend_schema(responses={(200, "application/json"): dict})
    def get(self, request: Request) -> HttpResponse:
        number = self.customer_number(request)
        content = json.dumps(selectors.data_export(customer_number=number), ensure_ascii=False, indent=2)
        response = HttpResponse(content.encode(), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="my-data-{number}.json"'
        return response


def _erasure_payload(row: ErasureRequest) -> dict:
    return {
        "id": row.pk,
        "customer_number": row.customer_number,
        "status": row.status,
        "reason": row.reason,
        "retained": row.retained,
        "created_at": row.created_at.isoformat(),
    }


class ErasureRequestListCreateApi(CustomerApi):
    """GET: my erasure requests. POST: ask to erase my data (what the law keeps is listed)."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        rows = ErasureRequest.objects.filter(customer_number=self.customer_number(request))[:20]
        return Response({"results": [_erasure_payload(row) for row in rows]})

    @extend_schema(request=InputSerializer, responses={201: dict})
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.erasure_request(customer_number=self.customer_number(request), **data.validated_data)
        return Response(_erasure_payload(row), status=status.HTTP_201_CREATED)


class AppointmentListApi(CustomerApi):
    """My appointments, with whether each can still be changed online."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(
            {"results": selectors.appointment_list(customer_number=self.customer_number(request))}
        )


class AppointmentRescheduleApi(CustomerApi):
    """Move a booked appointment (not within 24 hours of the old or the new slot)."""

    class InputSerializer(serializers.Serializer):
        day = serializers.DateField()
        period = serializers.ChoiceField(choices=["AM", "PM"])

    @extend_schema(request=InputSerializer, responses={200: dict})
    def post(self, request: Request, appointment_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.appointment_reschedule(
            customer_number=self.customer_number(request),
            appointment_id=appointment_id,
            **data.validated_data,
        )
        return Response(selectors.appointment_payload(record))


class AppointmentCancelApi(CustomerApi):
    """Cancel a booked appointment (not within 24 hours of the slot)."""

    @extend_schema(request=None, responses={200: dict})
    def post(self, request: Request, appointment_id: int) -> Response:
        record = services.appointment_cancel(
            customer_number=self.customer_number(request), appointment_id=appointment_id
        )
        return Response(selectors.appointment_payload(record))


def _easyswitch_payload(row: EasySwitchRequest) -> dict:
    return {
        "id": row.pk,
        "customer_number": row.customer_number,
        "switch_code": row.switch_code,
        "receiving_operator": row.receiving_operator,
        "status": row.status,
        "summary": row.summary,
        "created_at": row.created_at.isoformat(),
    }


class EasySwitchApi(CustomerApi):
    """GET: what a transfer would end and cost. POST: request it and get the switch code."""

    class InputSerializer(serializers.Serializer):
        receiving_operator = serializers.CharField(max_length=120)

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        number = self.customer_number(request)
        requests = EasySwitchRequest.objects.filter(customer_number=number)[:10]
        return Response(
            {
                "summary": services.easyswitch_summary(customer_number=number),
                "requests": [_easyswitch_payload(row) for row in requests],
            }
        )

    @extend_schema(request=InputSerializer, responses={201: dict})
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.easyswitch_request(
            customer_number=self.customer_number(request), **data.validated_data
        )
        return Response(_easyswitch_payload(row), status=status.HTTP_201_CREATED)


def _message_payload(row: ContactMessage) -> dict:
    return {
        "id": row.pk,
        "customer_number": row.customer_number,
        "subject": row.subject,
        "message": row.message,
        "is_handled": row.is_handled,
        "created_at": row.created_at.isoformat(),
    }


class ContactMessageListCreateApi(CustomerApi):
    """GET: my messages to customer service. POST: send one (subject + message)."""

    class InputSerializer(serializers.Serializer):
        subject = serializers.CharField(max_length=150)
        message = serializers.CharField(max_length=5000)

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        rows = ContactMessage.objects.filter(customer_number=self.customer_number(request))[:50]
        return Response({"results": [_message_payload(row) for row in rows]})

    @extend_schema(request=InputSerializer, responses={201: dict})
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.contact_message_create(
            customer_number=self.customer_number(request), **data.validated_data
        )
        return Response(_message_payload(row), status=status.HTTP_201_CREATED)


class ChangeOfferEligibilityApi(CustomerApi):
    """Whether "Change my offer" may open MyShop, with every reason why not."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(selectors.change_offer_eligibility(customer_number=self.customer_number(request)))


# --- Staff lists (WeCare) -------------------------------------------------------------------------------


class _StaffListApi(APIView):
    permission_classes = [requires_right("wecare.customers")]
    model: type = ContactMessage

    def payload(self, row: object) -> dict:
        raise NotImplementedError

    @extend_schema(parameters=[OpenApiParameter("customer_number", str)], responses={200: dict})
    def get(self, request: Request) -> Response:
        queryset = self.model.objects.all()
        number = request.query_params.get("customer_number")
        if number:
            queryset = queryset.filter(customer_number=number)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response([self.payload(row) for row in page])


class StaffContactMessageListApi(_StaffListApi):
    """Messages of customers to customer service, newest first (right wecare.customers)."""

    model = ContactMessage

    def payload(self, row: ContactMessage) -> dict:
        return _message_payload(row)


class StaffErasureRequestListApi(_StaffListApi):
    """Erasure requests to process, newest first (right wecare.customers)."""

    model = ErasureRequest

    def payload(self, row: ErasureRequest) -> dict:
        return _erasure_payload(row)


class StaffEasySwitchRequestListApi(_StaffListApi):
    """EasySwitch requests for receiving operators, newest first (right wecare.customers)."""

    model = EasySwitchRequest

    def payload(self, row: EasySwitchRequest) -> dict:
        return _easyswitch_payload(row)


def _name_schema_components(namespace: dict) -> None:
    """Give each nested Input/OutputSerializer a unique OpenAPI component name (e.g. `PaymentMethodInput`)."""
    from drf_spectacular.utils import extend_schema_serializer

    for name, view in list(namespace.items()):
        if isinstance(view, type) and name.endswith("Api"):
            for attribute in ("InputSerializer", "OutputSerializer"):
                serializer = view.__dict__.get(attribute)
                if serializer is not None:
                    component = name.removesuffix("Api") + attribute.removesuffix("Serializer")
                    extend_schema_serializer(component_name=component)(serializer)


_name_schema_components(globals())
