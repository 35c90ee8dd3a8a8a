"""Orders API: the cart steps of SelfShop (and WeShop / MyShop), confirm, order status, staff lists, events.

Every cart call needs the header `X-Cart-Secret` (returned once by cart creation) and the same acting
identity as the creator; anyone else gets 404 `cart_not_found`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from back.api.idempotency import idempotent
from back.api.permissions import ensure_customer_access, requires_right
from back.api.serializers import FastInputSerializer
from back.orders import selectors, services, services_change
from back.orders.errors import CartInputError
from back.orders.models import Cart, Order

SECRET_HEADER = "X-Cart-Secret"
STAFF_RIGHTS = ("weshop.sell", "wecare.customers")

# --- OpenAPI documentation of the answers (the views build plain dicts: cart_output, order_output) -------

CART_SECRET_PARAMETER = OpenApiParameter(
    SECRET_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The cart secret returned once by cart creation.",
)
IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=True, description="One key per creating call."
)


def cart_schema(**kwargs: Any) -> Any:
    """`extend_schema` for a cart call: always documents the `X-Cart-Secret` header."""
    return extend_schema(parameters=[CART_SECRET_PARAMETER, *kwargs.pop("parameters", [])], **kwargs)


class CartOutputSerializer(serializers.Serializer):
    """The cart as the front sees it (never the card token)."""

    id = serializers.UUIDField()
    status = serializers.CharField()
    step = serializers.CharField()
    channel = serializers.CharField()
    sale_type = serializers.CharField()
    language = serializers.CharField()
    customer_number = serializers.CharField()
    address_id = serializers.IntegerField(allow_null=True)
    offer_code = serializers.CharField()
    offer_domains = serializers.ListField(child=serializers.CharField())
    equipment = serializers.ListField(child=serializers.DictField())
    options = serializers.ListField(child=serializers.CharField())
    quote = serializers.DictField(allow_null=True, help_text="The last quote, with totals after a discount.")
    contact = serializers.DictField()
    contact_draft = serializers.DictField()
    contact_errors = serializers.DictField()
    ask_date_of_birth = serializers.BooleanField()
    install_mode = serializers.CharField()
    appointment = serializers.DictField(allow_null=True, help_text="`day` and `period`.")
    payment = serializers.DictField(allow_null=True)
    step_times = serializers.DictField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    is_change = serializers.BooleanField()
    taken_by = serializers.DictField(
        allow_null=True, help_text="Staff code, store and channel of a staff sale."
    )
    override = serializers.DictField(allow_null=True)
    discount = serializers.DictField(allow_null=True)
    change = serializers.DictField(allow_null=True, help_text="The change selection (change carts only).")
    comparison = serializers.DictField(allow_null=True, help_text="Current against new (change carts only).")


class CartCreatedSerializer(CartOutputSerializer):
    cart_secret = serializers.CharField(help_text="Send it back in `X-Cart-Secret` on every cart call.")
    offers = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text="With `address_id`: the offers sold at the address (as PUT address/).",
    )


class CartEnvelopeSerializer(serializers.Serializer):
    cart = CartOutputSerializer()


class CartChangeEnvelopeSerializer(serializers.Serializer):
    cart = CartOutputSerializer()
    change = serializers.DictField(help_text="The change page (as GET change/).")


class OrderOutputSerializer(serializers.Serializer):
    """An order and its progress, with a message for the customer."""

    id = serializers.UUIDField()
    cart_id = serializers.UUIDField()
    status = serializers.CharField()
    status_reason = serializers.CharField()
    customer_number = serializers.CharField()
    channel = serializers.CharField()
    offer_code = serializers.CharField()
    monthly_price = serializers.CharField(allow_null=True)
    one_time_total = serializers.CharField(allow_null=True)
    install_mode = serializers.CharField()
    appointment = serializers.DictField(allow_null=True)
    work_orders = serializers.DictField()
    letters = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    sale_type = serializers.CharField()
    is_change = serializers.BooleanField()
    taken_by = serializers.DictField(allow_null=True)
    override = serializers.DictField(allow_null=True)
    discount = serializers.DictField(allow_null=True)
    comparison = serializers.DictField(allow_null=True)
    expected_on = serializers.DateField()
    is_pending = serializers.BooleanField()


class OrderWithMessageSerializer(OrderOutputSerializer):
    message = serializers.CharField()


class StaffOrderSerializer(OrderOutputSerializer):
    attempts = serializers.IntegerField()
    last_error = serializers.CharField()
    contact = serializers.DictField()


class StaffOrderListSerializer(serializers.Serializer):
    results = StaffOrderSerializer(many=True)


class CustomerOrderSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()
    sale_type = serializers.CharField()
    channel = serializers.CharField()
    offer_code = serializers.CharField()
    is_change = serializers.BooleanField()
    is_pending = serializers.BooleanField()
    expected_on = serializers.DateField()
    monthly_price = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    message = serializers.CharField()


class CustomerOrderListSerializer(serializers.Serializer):
    results = CustomerOrderSerializer(many=True)


class CartQuoteSerializer(serializers.Serializer):
    quote_id = serializers.CharField(allow_null=True)
    quote = serializers.DictField(allow_null=True, help_text="The frozen quote snapshot.")


class CartOptionsSetSerializer(serializers.Serializer):
    cart = CartOutputSerializer()
    quote_id = serializers.CharField(required=False, help_text="With `price`: the new stored quote.")
    quote = serializers.DictField(required=False, help_text="With `price`: the frozen quote snapshot.")


class CartQuotedSerializer(CartQuoteSerializer):
    cart = CartOutputSerializer(help_text="The cart as priced (the summary needs no other read).")


def _object(description: str) -> OpenApiResponse:
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


def _cart(request: Request, cart_id: Any) -> Cart:
    return selectors.cart_get(
        cart_id=cart_id, principal=request.user, secret=request.headers.get(SECRET_HEADER, "")
    )


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        from back.api.exceptions import _flatten_errors

        raise CartInputError(errors=_flatten_errors(serializer.errors))
    return serializer.validated_data


def taken_by(record: Cart | Order) -> dict[str, str] | None:
    """Who took a staff sale: staff code, store and channel (None for customers and visitors)."""
    if not record.staff_code:
        return None
    return {"staff_code": record.staff_code, "store_code": record.store_code, "channel": record.channel}


def quote_output(cart: Cart) -> dict[str, Any] | None:
    """The last quote, with the totals after a discount when there is one."""
    if not cart.quote:
        return None
    quote = dict(cart.quote)
    if cart.discount:
        from decimal import Decimal

        value = services_change.discount_value(cart) or Decimal("0")
        monthly = Decimal(quote["monthly_price"])
        if cart.discount["kind"] == "monthly":
            monthly = max(monthly - value, Decimal("0"))
        quote["monthly_price_after_discount"] = str(monthly.quantize(Decimal("0.01")))
        quote["one_time_total_after_discount"] = str(services_change.payable_one_time(cart))
    return quote


def comparison_output(cart: Cart) -> dict[str, Any] | None:
    comparison = cart.change.get("comparison") if cart.is_change else None
    if not comparison:
        return None
    return comparison | {
        "discount": services_change.discount_output(cart),
        "one_time_total_after_discount": str(services_change.payable_one_time(cart)),
    }


def cart_output(cart: Cart) -> dict[str, Any]:
    """The cart as the front sees it (never the card token)."""
    payment = {k: v for k, v in cart.payment.items() if k not in ("token", "charge_id")}
    return {
        "id": str(cart.id),
        "status": cart.status,
        "step": cart.step,
        "channel": cart.channel,
        "sale_type": cart.sale_type,
        "language": cart.language,
        "customer_number": cart.customer_number,
        "address_id": cart.address_id,
        "offer_code": cart.offer_code,
        "offer_domains": cart.offer_domains,
        "equipment": cart.equipment,
        "options": cart.options,
        "quote": quote_output(cart),
        "contact": cart.contact,
        "contact_draft": cart.contact_draft,
        "contact_errors": cart.contact_errors,
        "ask_date_of_birth": services.ask_date_of_birth(),
        "install_mode": cart.install_mode,
        "appointment": (
            {"day": cart.appointment_day.isoformat(), "period": cart.appointment_period}
            if cart.appointment_day
            else None
        ),
        "payment": payment or None,
        "step_times": cart.step_times,
        "created_at": cart.created_at.isoformat(),
        "updated_at": cart.updated_at.isoformat(),
        "is_change": cart.is_change,
        "taken_by": taken_by(cart),
        "override": cart.override or None,
        "discount": services_change.discount_output(cart),
        "change": selectors.change_selection(cart) if cart.is_change else None,
        "comparison": comparison_output(cart),
    }


STATUS_MESSAGES = {
    "received": gettext_lazy("Your order is received; it will be sent to our systems shortly."),
    "submitted": gettext_lazy("Your order is confirmed."),
    "rejected": gettext_lazy("Your order needs attention; an agent will contact you."),
}


def order_output(order: Order, *, staff: bool = False) -> dict[str, Any]:
    sub = order.submission
    body = {
        "id": str(order.id),
        "cart_id": str(order.cart_id),
        "status": order.status,
        "status_reason": order.status_reason if staff else "",
        "customer_number": order.customer_number,
        "channel": order.channel,
        "offer_code": order.offer_code,
        "monthly_price": order.quote.get("monthly_price"),
        "one_time_total": order.quote.get("one_time_total"),
        "install_mode": order.install_mode,
        "appointment": sub.get("appointment")
        or (
            {"day": order.appointment_day.isoformat(), "period": order.appointment_period, "moved": False}
            if order.appointment_day
            else None
        ),
        "work_orders": sub.get("work_orders", {}),
        "letters": sorted(sub.get("letters", {})),
        "created_at": order.created_at.isoformat(),
        "submitted_at": order.submitted_at.isoformat() if order.submitted_at else None,
        "sale_type": order.sale_type,
        "is_change": order.is_change,
        "taken_by": taken_by(order),
        "override": order.override or None,
        "discount": order.discount or None,
        "comparison": order.change.get("comparison") if order.is_change else None,
        "expected_on": selectors.order_expected_on(order).isoformat(),
        "is_pending": selectors.order_is_pending(order),
    }
    if staff:
        body |= {"attempts": order.attempts, "last_error": order.last_error, "contact": order.contact}
    return body


class CartCreateApi(APIView):
    """POST opens a cart: a new customer's (default) or, with sale_type "change", an existing customer's."""

    class OverrideSerializer(FastInputSerializer):
        reason = serializers.CharField(max_length=300, allow_blank=True, default="")

    class InputSerializer(FastInputSerializer):
        channel = serializers.ChoiceField(
            choices=["selfshop", "myshop", "store", "distributor", "door_to_door", "call_center", "partner"],
            default="selfshop",
        )
        sale_type = serializers.ChoiceField(choices=["new", "change"], default="new")
        language = serializers.ChoiceField(choices=["fr", "en"], default="fr")
        customer_number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
        override = serializers.DictField(required=False, allow_null=True, default=None)
        # A new customer's cart may open at its address (the address step in the same call).
        address_id = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
        offer_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)

    @extend_schema(
        request=InputSerializer,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={201: CartCreatedSerializer},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request.data)
        principal = request.user
        if data["sale_type"] == "change":
            number = data["customer_number"].strip()
            if not number:
                raise CartInputError(errors={"customer_number": [_("Give the customer number.")]})
            reason = None
            if data["override"] is not None:
                reason = str(data["override"].get("reason") or "")
            cart, secret = services_change.change_cart_create(
                principal=principal, customer_number=number, language=data["language"], override_reason=reason
            )
            return Response(cart_output(cart) | {"cart_secret": secret}, status=status.HTTP_201_CREATED)
        channel = principal.channel if principal.is_staff and principal.channel else data["channel"]
        if data["address_id"] is not None:
            cart, secret, offers = services.cart_create_at_address(
                principal=principal,
                channel=channel,
                language=data["language"],
                address_id=data["address_id"],
                offer_code=data["offer_code"],
            )
            answer = cart_output(cart) | {"cart_secret": secret, "offers": offers}
            return Response(answer, status=status.HTTP_201_CREATED)
        cart, secret = services.cart_create(
            principal=principal, channel=channel, sale_type=data["sale_type"], language=data["language"]
        )
        return Response(cart_output(cart) | {"cart_secret": secret}, status=status.HTTP_201_CREATED)


class CartDetailApi(APIView):
    """GET the cart; DELETE cancels it (releases its slot hold and customer-file lock)."""

    @cart_schema(responses={200: CartOutputSerializer})
    def get(self, request: Request, cart_id: str) -> Response:
        return Response(cart_output(_cart(request, cart_id)))

    @cart_schema(responses={200: CartOutputSerializer})
    def delete(self, request: Request, cart_id: str) -> Response:
        cart = services_change.cart_cancel(cart=_cart(request, cart_id))
        return Response(cart_output(cart))


class CartChangeApi(APIView):
    """GET the change page: current offer and services, the catalog's targets, the selection."""

    @cart_schema(
        responses={200: _object("Current offer and services, the catalog's targets, the selection.")}
    )
    def get(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        if not cart.is_change:
            from back.orders.errors import NotChangeCartError

            raise NotChangeCartError()
        return Response(selectors.change_view(cart))


class CartChangeOfferApi(APIView):
    class InputSerializer(FastInputSerializer):
        offer_code = serializers.CharField(max_length=40)

    @cart_schema(request=InputSerializer, responses={200: CartChangeEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services_change.change_offer_set(cart=cart, offer_code=data["offer_code"])
        return Response({"cart": cart_output(cart), "change": selectors.change_view(cart)})


class CartChangeEquipmentApi(APIView):
    class ItemSerializer(FastInputSerializer):
        code = serializers.CharField(max_length=20)
        acquisition = serializers.ChoiceField(choices=["rent", "buy"], default="rent")
        quantity = serializers.IntegerField(min_value=1, max_value=10, default=1)
        serial_numbers = serializers.ListField(child=serializers.CharField(max_length=30), default=list)

    class InputSerializer(FastInputSerializer):
        returned = serializers.ListField(
            child=serializers.CharField(max_length=30), allow_empty=True, default=list, max_length=20
        )
        added = serializers.ListField(
            child=serializers.DictField(), allow_empty=True, default=list, max_length=20
        )

    @cart_schema(
        responses={
            200: _object("`held` equipment of the customer and `available` equipment of the new offer.")
        }
    )
    def get(self, request: Request, cart_id: str) -> Response:
        from catalog import selectors as catalog_selectors

        cart = _cart(request, cart_id)
        return Response(
            {
                "held": selectors.held_equipment(cart),
                "available": catalog_selectors.offer_equipment_list(code=cart.offer_code)
                if cart.offer_code
                else [],
            }
        )

    @cart_schema(request=InputSerializer, responses={200: CartChangeEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        items = []
        for index, item in enumerate(data["added"]):
            try:
                items.append(_valid(self.ItemSerializer, item))
            except CartInputError as exc:
                raise CartInputError(errors={f"added.{index}.{k}": v for k, v in exc.errors.items()}) from exc
        services_change.change_equipment_set(cart=cart, returned=data["returned"], added=items)
        return Response({"cart": cart_output(cart), "change": selectors.change_view(cart)})


class CartChangeOptionsApi(APIView):
    class InputSerializer(FastInputSerializer):
        options = serializers.ListField(
            child=serializers.CharField(max_length=20), allow_empty=True, max_length=30
        )

    @cart_schema(
        responses={200: _object("Options available with the equipment after the change, and `chosen`.")}
    )
    def get(self, request: Request, cart_id: str) -> Response:
        from catalog import selectors as catalog_selectors

        cart = _cart(request, cart_id)
        return Response(
            catalog_selectors.offer_option_list(
                code=cart.offer_code, equipment_codes=selectors.equipment_codes_after(cart)
            )
            | {"chosen": list(cart.options)}
        )

    @cart_schema(request=InputSerializer, responses={200: CartChangeEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services_change.change_options_set(cart=cart, options=data["options"])
        return Response({"cart": cart_output(cart), "change": selectors.change_view(cart)})


class CartChangeDirectoryApi(APIView):
    class ListingSerializer(serializers.Serializer):
        number = serializers.CharField(max_length=30)
        listing = serializers.CharField(max_length=20)

    class InputSerializer(FastInputSerializer):
        listings = serializers.ListField(child=serializers.DictField(), allow_empty=True, max_length=10)

    @cart_schema(request=InputSerializer, responses={200: CartChangeEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services_change.change_directory_set(cart=cart, listings=data["listings"])
        return Response({"cart": cart_output(cart), "change": selectors.change_view(cart)})


class CartSerialNumberApi(APIView):
    @cart_schema(
        responses={
            200: _object("Whether serial numbers are required (per install mode) and the rows to fill.")
        }
    )
    def get(self, request: Request, cart_id: str) -> Response:
        return Response(services_change.serial_numbers_view(_cart(request, cart_id)))


class CartDiscountApi(APIView):
    class InputSerializer(FastInputSerializer):
        kind = serializers.CharField(max_length=10)
        amount = serializers.CharField(
            max_length=12, required=False, allow_blank=True, allow_null=True, default=None
        )
        percent = serializers.CharField(
            max_length=6, required=False, allow_blank=True, allow_null=True, default=None
        )
        reason = serializers.CharField(max_length=200, allow_blank=True, default="")

    @cart_schema(request=InputSerializer, responses={200: CartEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services_change.cart_discount_set(
            cart=cart,
            principal=request.user,
            kind=data["kind"],
            amount=data["amount"] or None,
            percent=data["percent"] or None,
            reason=data["reason"],
        )
        return Response({"cart": cart_output(cart)})

    @cart_schema(responses={200: CartEnvelopeSerializer})
    def delete(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        services_change.cart_discount_remove(cart=cart, principal=request.user)
        return Response({"cart": cart_output(cart)})


class CustomerChangeEligibilityApi(APIView):
    """GET whether the customer's offer may be changed now, with every blocking reason."""

    @extend_schema(
        responses={200: _object("Whether the offer may be changed now, with every blocking reason.")}
    )
    def get(self, request: Request, customer_number: str) -> Response:
        ensure_customer_access(request.user, customer_number)
        return Response(selectors.customer_change_eligibility(customer_number=customer_number))


class CustomerOrderListApi(APIView):
    """GET a customer's orders (newest first), so MyAccount shows a pending change."""

    @extend_schema(responses={200: CustomerOrderListSerializer})
    def get(self, request: Request, customer_number: str) -> Response:
        ensure_customer_access(request.user, customer_number)
        orders = list(selectors.customer_order_list(customer_number=customer_number))
        return Response(
            {
                "results": [
                    {
                        key: body[key]
                        for key in (
                            "id",
                            "status",
                            "sale_type",
                            "channel",
                            "offer_code",
                            "is_change",
                            "is_pending",
                            "expected_on",
                            "monthly_price",
                            "created_at",
                            "submitted_at",
                        )
                    }
                    | {"message": str(STATUS_MESSAGES[order.status])}
                    for order, body in ((order, order_output(order)) for order in orders)
                ]
            }
        )


class CartAddressSetApi(APIView):
    class InputSerializer(FastInputSerializer):
        address_id = serializers.IntegerField(min_value=1)
        offer_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)

    @cart_schema(
        request=InputSerializer,
        responses={
            200: inline_serializer(
                "CartAddressSetOutput",
                {
                    "cart": CartOutputSerializer(),
                    "offers": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
    )
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        result = services.cart_address_set(
            cart=cart, address_id=data["address_id"], offer_code=data["offer_code"]
        )
        return Response({"cart": cart_output(cart), "offers": result["offers"]})


class CartOfferListApi(APIView):
    @cart_schema(
        responses={
            200: inline_serializer(
                "CartOfferListOutput", {"offers": serializers.ListField(child=serializers.DictField())}
            )
        }
    )
    def get(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        return Response({"offers": selectors.cart_eligible_offers(cart=cart, address_id=cart.address_id)})


class CartOfferSetApi(APIView):
    class InputSerializer(FastInputSerializer):
        offer_code = serializers.CharField(max_length=40)

    @cart_schema(request=InputSerializer, responses={200: CartEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services.cart_offer_set(cart=cart, offer_code=data["offer_code"])
        return Response({"cart": cart_output(cart)})


class CartEquipmentApi(APIView):
    class ItemSerializer(FastInputSerializer):
        code = serializers.CharField(max_length=20)
        acquisition = serializers.ChoiceField(choices=["rent", "buy"], default="rent")
        quantity = serializers.IntegerField(min_value=1, max_value=10, default=1)
        serial_numbers = serializers.ListField(child=serializers.CharField(max_length=30), default=list)

    class InputSerializer(FastInputSerializer):
        equipment = serializers.ListField(child=serializers.DictField(), allow_empty=True, max_length=20)

    @cart_schema(
        responses={
            200: inline_serializer(
                "CartEquipmentListOutput", {"equipment": serializers.ListField(child=serializers.DictField())}
            )
        }
    )
    def get(self, request: Request, cart_id: str) -> Response:
        from catalog import selectors as catalog_selectors

        cart = _cart(request, cart_id)
        if not cart.offer_code:
            return Response({"equipment": []})
        return Response({"equipment": catalog_selectors.offer_equipment_list(code=cart.offer_code)})

    @cart_schema(request=InputSerializer, responses={200: CartEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        items = [_valid(self.ItemSerializer, item) for item in data["equipment"]]
        services.cart_equipment_set(cart=cart, equipment=items)
        return Response({"cart": cart_output(cart)})


class CartOptionsApi(APIView):
    class InputSerializer(FastInputSerializer):
        options = serializers.ListField(
            child=serializers.CharField(max_length=20), allow_empty=True, max_length=30
        )
        price = serializers.BooleanField(
            default=False,
            help_text="Also price the cart (as PUT quote/), all or nothing: the step before the summary.",
        )

    @cart_schema(
        responses={200: _object("`options` available with the chosen equipment and `unavailable` ones.")}
    )
    def get(self, request: Request, cart_id: str) -> Response:
        from catalog import selectors as catalog_selectors

        cart = _cart(request, cart_id)
        if not cart.offer_code:
            return Response({"options": [], "unavailable": []})
        return Response(
            catalog_selectors.offer_option_list(
                code=cart.offer_code, equipment_codes=[e["code"] for e in cart.equipment]
            )
        )

    @cart_schema(request=InputSerializer, responses={200: CartOptionsSetSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        if data["price"]:
            snapshot = services.cart_options_set_and_price(cart=cart, options=data["options"])
            return Response({"cart": cart_output(cart), "quote_id": cart.quote_id, "quote": snapshot})
        services.cart_options_set(cart=cart, options=data["options"])
        return Response({"cart": cart_output(cart)})


class CartQuoteApi(APIView):
    """PUT prices the selection now (a new stored quote); GET returns the last one."""

    @cart_schema(responses={200: CartQuoteSerializer})
    def get(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        return Response({"quote_id": cart.quote_id or None, "quote": cart.quote or None})

    @cart_schema(request=None, responses={200: CartQuotedSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        snapshot = services.cart_quote_refresh(cart=cart)
        return Response({"quote_id": cart.quote_id, "quote": snapshot, "cart": cart_output(cart)})


class CartContactApi(APIView):
    @cart_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: CartEnvelopeSerializer},
        description="The contact form fields; errors are kept on the cart (`contact_errors`).",
    )
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = request.data if isinstance(request.data, dict) else {}
        services.cart_contact_set(cart=cart, data=data)
        return Response({"cart": cart_output(cart)})


class CartSlotListApi(APIView):
    @cart_schema(
        responses={
            200: inline_serializer(
                "CartSlotListOutput",
                {
                    "install_modes": serializers.ListField(child=serializers.CharField()),
                    "slots": serializers.ListField(child=serializers.DictField()),
                },
            )
        }
    )
    def get(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        slots = (
            selectors.slot_list(zone_code=cart.zone_code, exclude_cart_id=cart.pk) if cart.zone_code else []
        )
        return Response(
            {"install_modes": selectors.install_modes(cart) if cart.offer_code else [], "slots": slots}
        )


class CartAppointmentApi(APIView):
    class InputSerializer(FastInputSerializer):
        install_mode = serializers.CharField(max_length=12)
        day = serializers.DateField(required=False, allow_null=True, default=None)
        period = serializers.CharField(required=False, allow_blank=True, default="", max_length=2)

    @cart_schema(request=InputSerializer, responses={200: CartEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services.cart_appointment_set(
            cart=cart, install_mode=data["install_mode"], day=data["day"], period=data["period"]
        )
        return Response({"cart": cart_output(cart)})


class CartPaymentApi(APIView):
    class CardSerializer(FastInputSerializer):
        number = serializers.CharField(max_length=30, allow_blank=True)
        expiry_month = serializers.IntegerField()
        expiry_year = serializers.IntegerField()
        cvc = serializers.CharField(max_length=4, allow_blank=True)
        holder_name = serializers.CharField(max_length=100, allow_blank=True)

    class InputSerializer(FastInputSerializer):
        method = serializers.CharField(max_length=10)
        card = serializers.DictField(required=False, allow_null=True, default=None)

    @cart_schema(
        responses={
            200: inline_serializer(
                "CartPaymentRequirementOutput",
                {
                    "requirement_by_method": serializers.DictField(),
                    "amount": serializers.CharField(),
                    "currency": serializers.CharField(),
                },
            )
        }
    )
    def get(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        services._require(cart, "payment")
        return Response(
            {
                "requirement_by_method": {
                    method: selectors.payment_requirement(cart=cart, method=method)
                    for method in services.PAYMENT_METHODS
                },
                "amount": cart.quote.get("one_time_total", "0.00"),
                "currency": services.currency(),
            }
        )

    @cart_schema(request=InputSerializer, responses={200: CartEnvelopeSerializer})
    def put(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        card = None
        if data["method"] == "card":
            try:
                card = _valid(self.CardSerializer, data["card"] or {})
            except CartInputError as exc:
                raise CartInputError(errors={f"card.{k}": v for k, v in exc.errors.items()}) from exc
        services.cart_payment_set(cart=cart, method=data["method"], card=card)
        return Response({"cart": cart_output(cart)})


class CartPaymentChallengeApi(APIView):
    class InputSerializer(FastInputSerializer):
        code = serializers.CharField(max_length=20)

    @cart_schema(request=InputSerializer, responses={200: CartEnvelopeSerializer})
    def post(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        data = _valid(self.InputSerializer, request.data)
        services.cart_payment_challenge(cart=cart, code=data["code"])
        return Response({"cart": cart_output(cart)})


class CartConfirmApi(APIView):
    @cart_schema(
        request=None,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={
            201: OpenApiResponse(OrderOutputSerializer, description="The order, just created."),
            200: OpenApiResponse(OrderOutputSerializer, description="The order, already confirmed."),
        },
    )
    @idempotent
    def post(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        order, created = services.cart_confirm(cart=cart)
        if created and settings.CELERY_TASK_ALWAYS_EAGER:
            order.refresh_from_db()  # its submission ran in this process (eager tasks): show where it got
        return Response(
            order_output(order), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class CartOrderDetailApi(APIView):
    @cart_schema(responses={200: OrderWithMessageSerializer})
    def get(self, request: Request, cart_id: str) -> Response:
        cart = _cart(request, cart_id)
        order = selectors.order_get_for_cart(cart=cart)
        body = order_output(order)
        body["message"] = str(STATUS_MESSAGES[order.status])
        return Response(body)


class OrderListApi(APIView):
    permission_classes = [requires_right(*STAFF_RIGHTS)]
    LIMIT = 100

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str),
            OpenApiParameter("channel", str),
            OpenApiParameter("store_code", str),
            OpenApiParameter("staff_code", str),
        ],
        responses={200: StaffOrderListSerializer},
        description="The newest 100 orders matching the filters.",
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        orders = list(
            selectors.order_list(
                status=params.get("status") or None,
                channel=params.get("channel") or None,
                store_code=params.get("store_code") or None,
                staff_code=params.get("staff_code") or None,
            )[: self.LIMIT]
        )
        return Response({"results": [order_output(order, staff=True) for order in orders]})


class CaseFileEventExportApi(APIView):
    """GET ?format=csv|jsonl[&kind=abandoned] → the case-file events as a file."""

    permission_classes = [requires_right(*STAFF_RIGHTS)]

    @extend_schema(
        parameters=[
            OpenApiParameter("as", str, enum=["csv", "jsonl"], default="jsonl", description="File format."),
            OpenApiParameter("kind", str, description="Only this kind of event (e.g. `abandoned`)."),
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/x-ndjson"): OpenApiTypes.BINARY,
        },
    )
    def get(self, request: Request) -> HttpResponse:
        kind = request.query_params.get("kind") or None
        fmt = request.query_params.get("as", "jsonl")
        if fmt not in ("csv", "jsonl"):
            raise CartInputError(errors={"as": ["Choose csv or jsonl."]})
        rows = [selectors.event_row(event) for event in selectors.event_list(kind=kind).iterator()]
        if fmt == "csv":
            return HttpResponse(events_csv(rows), content_type="text/csv; charset=utf-8")
        return HttpResponse(events_jsonl(rows), content_type="application/x-ndjson")


def events_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(selectors.EVENT_FIELDS), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row | {"steps_reached": " ".join(row["steps_reached"])})
    return out.getvalue()


def events_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, sort_keys=True) + "\n" for row in rows)
