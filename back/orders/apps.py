from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "back.orders"
    label = "orders"
    verbose_name = "Orders"
