"""The limit of the stack: a bare Django page and a bare DRF endpoint, served like Weblys (gunicorn)."""
