"""Back settings with MyAccount installed, for running these tests before back/settings.py lists the app.

    WEBLYS_FAST_HASHER=1 .venv/bin/pytest -p back.testing.plugin \
        --ds=back.myaccount.tests.settings back/myaccount

Once `back.myaccount` is in INSTALLED_APPS and its URLs are in back/urls.py, `--ds=back.settings`
runs them too and this module changes nothing.
"""

from back.settings import *  # noqa: F403
from back.settings import INSTALLED_APPS

if "back.myaccount" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "back.myaccount"]
    ROOT_URLCONF = "back.myaccount.tests.urls"
