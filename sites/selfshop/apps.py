from django.apps import AppConfig


class SelfShopConfig(AppConfig):
    name = "sites.selfshop"
    label = "site_selfshop"
    verbose_name = "SelfShop"
