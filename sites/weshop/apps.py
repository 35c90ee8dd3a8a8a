from django.apps import AppConfig


class WeShopConfig(AppConfig):
    name = "sites.weshop"
    label = "site_weshop"
    verbose_name = "WeShop"
