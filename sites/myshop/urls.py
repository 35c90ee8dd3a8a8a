from django.urls import path

from . import views

app_name = "myshop"
urlpatterns = [
    path("", views.ChangeStartView.as_view(), name="home"),
    path("offer/", views.OfferChooseView.as_view(), name="offer"),
    path("equipment/", views.EquipmentChangeView.as_view(), name="equipment"),
    path("options/", views.OptionsChangeView.as_view(), name="options"),
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("appointment/", views.AppointmentView.as_view(), name="appointment"),
    path("payment/", views.PaymentView.as_view(), name="payment"),
    path("payment/verification/", views.ChallengeView.as_view(), name="challenge"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("done/", views.DoneView.as_view(), name="done"),
    path("cancel/", views.CancelView.as_view(), name="cancel"),
]
