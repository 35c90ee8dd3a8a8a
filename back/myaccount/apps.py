from django.apps import AppConfig


class MyAccountConfig(AppConfig):
    name = "back.myaccount"
    label = "myaccount"
    verbose_name = "MyAccount"
