from django.urls import path

from . import views

app_name = "selfshop"
urlpatterns = [
    path("", views.AddressStartView.as_view(), name="home"),
    path("address-search/", views.AddressSearchView.as_view(), name="address-search"),
    path("offers/", views.OfferChooseView.as_view(), name="offers"),
    path("equipment/", views.EquipmentChooseView.as_view(), name="equipment"),
    path("options/", views.OptionsChooseView.as_view(), name="options"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("appointment/", views.AppointmentView.as_view(), name="appointment"),
    path("payment/", views.PaymentView.as_view(), name="payment"),
    path("payment/verification/", views.ChallengeView.as_view(), name="challenge"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("done/", views.DoneView.as_view(), name="done"),
]
