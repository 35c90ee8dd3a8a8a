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
    path("carts/<uuid:cart_id>/change/", views.CartChangeApi.as_view(), name="orders-cart-change"),
    path(
        "carts/<uuid:cart_id>/change/offer/",
        views.CartChangeOfferApi.as_view(),
        name="orders-cart-change-offer",
    ),
    path(
        "carts/<uuid:cart_id>/change/equipment/",
        views.CartChangeEquipmentApi.as_view(),
        name="orders-cart-change-equipment",
    ),
    path(
        "carts/<uuid:cart_id>/change/options/",
        views.CartChangeOptionsApi.as_view(),
        name="orders-cart-change-options",
    ),
    path(
        "carts/<uuid:cart_id>/change/directory/",
        views.CartChangeDirectoryApi.as_view(),
        name="orders-cart-change-directory",
    ),
    path(
        "carts/<uuid:cart_id>/serial-numbers/",
        views.CartSerialNumberApi.as_view(),
        name="orders-cart-serial-numbers",
    ),
    path("carts/<uuid:cart_id>/discount/", views.CartDiscountApi.as_view(), name="orders-cart-discount"),
    path(
        "customers/<str:customer_number>/change-eligibility/",
        views.CustomerChangeEligibilityApi.as_view(),
        name="orders-customer-change-eligibility",
    ),
    path(
        "customers/<str:customer_number>/orders/",
        views.CustomerOrderListApi.as_view(),
        name="orders-customer-order-list",
    ),
    path("orders/", views.OrderListApi.as_view(), name="orders-order-list"),
    path("events/export/", views.CaseFileEventExportApi.as_view(), name="orders-event-export"),
]
