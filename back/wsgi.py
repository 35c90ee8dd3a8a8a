import os

from django.core.wsgi import get_wsgi_application

from weblys.workers import load_and_freeze

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "back.settings")
application = get_wsgi_application()
load_and_freeze()
