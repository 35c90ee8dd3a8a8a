"""FRONT URLs: the portal stand-in, the language switch, staff login, and each site under its prefix.

No language in the path: the language comes from the cookie set by /i18n/setlang/, else the
browser's Accept-Language, so a URL stays the same in French and English.
"""

from django.urls import include, path

from weblys import views

urlpatterns = [
    path("", views.portal, name="portal"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/login/", views.staff_login, name="staff-login"),
    path("staff/logout/", views.staff_logout, name="staff-logout"),
    path("selfshop/", include("sites.selfshop.urls")),
    path("myaccount/", include("sites.myaccount.urls")),
    path("myshop/", include("sites.myshop.urls")),
    path("weshop/", include("sites.weshop.urls")),
    path("wecare/", include("sites.wecare.urls")),
    path("wecrm/", include("sites.wecrm.urls")),
    path("wediag/", include("sites.wediag.urls")),
    path("weconfig/", include("sites.weconfig.urls")),
]

handler400 = "weblys.views.bad_request"
handler403 = "weblys.views.permission_denied"
handler404 = "weblys.views.page_not_found"
handler500 = "weblys.views.server_error"
