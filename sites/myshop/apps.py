from django.apps import AppConfig


class MyShopConfig(AppConfig):
    name = "sites.myshop"
    label = "site_myshop"
    verbose_name = "MyShop"
