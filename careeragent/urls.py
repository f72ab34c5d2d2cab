from django.contrib import admin
from django.urls import include, path

from careeragent import views

admin.site.site_header = "Career Agent administration"
admin.site.site_title = "Career Agent admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("resumes/", include("resumes.urls")),
    path("jobs/", include("jobs.urls")),
    path("optimize/", include("optimize.urls")),
    path("tracker/", include("tracker.urls")),
    path("billing/", include("billing.urls")),
    path("admin/", admin.site.urls),
]
