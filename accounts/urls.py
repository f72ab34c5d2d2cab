from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_view, name="settings"),
    path("data/", views.data_view, name="data"),
    path("data/<uuid:export_id>/status/", views.data_export_status, name="data_export_status"),
    path("data/<uuid:export_id>/download/", views.data_export_download, name="data_export_download"),
    path("delete/", views.delete_account, name="delete"),
    path("unsubscribe/", views.unsubscribe, name="unsubscribe"),
]
