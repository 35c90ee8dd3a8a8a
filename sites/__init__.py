"""One Django app per Weblys site (views, forms, templates; no models)."""
