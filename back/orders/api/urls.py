from django.urls import path

from . import views

urlpatterns = [
    path("carts/", views.CartCreateApi.as_view(), name="orders-cart-create"),
    path("carts/<uuid:cart_id>/", views.CartDetailApi.as_view(), name="orders-cart-detail"),
    path("carts/<uuid:cart_id>/address/", views.CartAddressSetApi.as_view(), name="orders-cart-address"),
    path("carts/<uuid:cart_id>/offers/", views.CartOfferListApi.as_view(), name="orders-cart-offer-list"),
    path("carts/<uuid:cart_id>/offer/", views.CartOfferSetApi.as_view(), name="orders-cart-offer"),
    path("carts/<uuid:cart_id>/equipment/", views.CartEquipmentApi.as_view(), name="orders-cart-equipment"),
    path("carts/<uuid:cart_id>/options/", views.CartOptionsApi.as_view(), name="orders-cart-options"),
    path("carts/<uuid:cart_id>/quote/", views.CartQuoteApi.as_view(), name="orders-cart-quote"),
    path("carts/<uuid:cart_id>/contact/", views.CartContactApi.as_view(), name="orders-cart-contact"),
    path("carts/<uuid:cart_id>/slots/", views.CartSlotListApi.as_view(), name="orders-cart-slot-list"),
    path(
        "carts/<uuid:cart_id>/appointment/",
        views.CartAppointmentApi.as_view(),
        name="orders-cart-appointment",
    ),
    path("carts/<uuid:cart_id>/payment/", views.CartPaymentApi.as_view(), name="orders-cart-payment"),
    path(
        "carts/<uuid:cart_id>/payment/challenge/",
        views.CartPaymentChallengeApi.as_view(),
        name="orders-cart-payment-challenge",
    ),
    path("carts/<uuid:cart_id>/confirm/", views.CartConfirmApi.as_view(), name="orders-cart-confirm"),
    path("carts/<uuid:cart_id>/order/", views.CartOrderDetailApi.as_view(), name="orders-cart-order"),
    path("orders/", views.OrderListApi.as_view(), name="orders-order-list"),
    path("events/export/", views.CaseFileEventExportApi.as_view(), name="orders-event-export"),
]
