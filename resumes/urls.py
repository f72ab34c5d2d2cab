from django.urls import path

from resumes import views

app_name = "resumes"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("import/", views.import_json, name="import_json"),
    path("<uuid:resume_id>/", views.detail, name="detail"),
    path("<uuid:resume_id>/status/", views.status, name="status"),
    path("<uuid:resume_id>/rename/", views.rename, name="rename"),
    path("<uuid:resume_id>/delete/", views.delete, name="delete"),
    path("<uuid:resume_id>/reparse/", views.reparse, name="reparse"),
    path("<uuid:resume_id>/download/", views.download, name="download"),
    path("<uuid:resume_id>/field/", views.field, name="field"),
    path("<uuid:resume_id>/change/", views.change, name="change"),
    path("<uuid:resume_id>/export/", views.export_page, name="export"),
    path("<uuid:resume_id>/export/new/", views.export_create, name="export_create"),
    path("<uuid:resume_id>/export/preview/", views.export_preview, name="export_preview"),
    path("exports/<uuid:artifact_id>/", views.artifact_detail, name="artifact"),
    path("exports/<uuid:artifact_id>/status/", views.artifact_status, name="artifact_status"),
    path("exports/<uuid:artifact_id>/download/", views.artifact_download, name="artifact_download"),
]
