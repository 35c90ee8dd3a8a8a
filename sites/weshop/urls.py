from django.urls import path

from . import views

app_name = "weshop"
urlpatterns = [
    path("", views.home, name="home"),
    path("customers/", views.CustomerSearchView.as_view(), name="customer-search"),
    path("customers/<str:number>/", views.CustomerFileView.as_view(), name="customer-file"),
    path("new/", views.NewCustomerView.as_view(), name="new"),
    path("new/offers/", views.NewOfferView.as_view(), name="new-offers"),
    path("new/equipment/", views.NewEquipmentView.as_view(), name="new-equipment"),
    path("new/options/", views.NewOptionsView.as_view(), name="new-options"),
    path("new/contact/", views.NewContactView.as_view(), name="new-contact"),
    path("change/", views.ChangeOfferView.as_view(), name="change-offer"),
    path("change/equipment/", views.ChangeEquipmentView.as_view(), name="change-equipment"),
    path("change/options/", views.ChangeOptionsView.as_view(), name="change-options"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("appointment/", views.AppointmentView.as_view(), name="appointment"),
    path("payment/", views.PaymentView.as_view(), name="payment"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("order/", views.OrderView.as_view(), name="order"),
    path("cancel/", views.CancelView.as_view(), name="cancel"),
    path("orders/", views.OrderListView.as_view(), name="orders"),
]
