from django.apps import AppConfig


class MyAccountConfig(AppConfig):
    name = "sites.myaccount"
    label = "site_myaccount"
    verbose_name = "MyAccount"
