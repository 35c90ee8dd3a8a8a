"""Payment-gateway port of Weblys and its built-in sandbox gateway.

Use `get_payment_gateway()` (chosen by `settings.PAYMENT_GATEWAY`, default "sandbox") and only the
types of `back.payments.port`. Card numbers and CVCs never leave the gateway: callers keep tokens only.
"""
