from django.urls import path

from resumes import views

app_name = "resumes"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("<uuid:resume_id>/", views.detail, name="detail"),
    path("<uuid:resume_id>/status/", views.status, name="status"),
    path("<uuid:resume_id>/rename/", views.rename, name="rename"),
    path("<uuid:resume_id>/delete/", views.delete, name="delete"),
    path("<uuid:resume_id>/reparse/", views.reparse, name="reparse"),
    path("<uuid:resume_id>/download/", views.download, name="download"),
    path("<uuid:resume_id>/field/", views.field, name="field"),
    path("<uuid:resume_id>/change/", views.change, name="change"),
]
