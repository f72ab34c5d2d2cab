from django.urls import path

from optimize import views

app_name = "optimize"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("how-scoring-works/", views.scoring, name="scoring"),
    path("<uuid:optimization_id>/", views.detail, name="detail"),
    path("<uuid:optimization_id>/status/", views.status, name="status"),
    path("<uuid:optimization_id>/suggestions/<uuid:suggestion_id>/", views.decide, name="decide"),
    path("<uuid:optimization_id>/bulk/", views.bulk, name="bulk"),
    path("<uuid:optimization_id>/apply/", views.apply, name="apply"),
    path("<uuid:optimization_id>/again/", views.rerun, name="rerun"),
    path("versions/<uuid:version_id>/", views.version, name="version"),
]
