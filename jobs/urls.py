from django.urls import path

from jobs import views
from jobs.generate import views as generate_views
from jobs.insights import views as insights_views
from jobs.matching import views as matching

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.jd_create, name="jd_create"),
    path("<uuid:jd_id>/", views.jd_detail, name="jd_detail"),
    path("<uuid:jd_id>/edit/", views.jd_edit, name="jd_edit"),
    path("<uuid:jd_id>/delete/", views.jd_delete, name="jd_delete"),
    path("<uuid:jd_id>/download/", views.jd_download, name="jd_download"),
    path("postings/", views.postings, name="postings"),
    path("postings/<uuid:posting_id>/", views.posting_detail, name="posting_detail"),
    path("postings/<uuid:posting_id>/save/", views.posting_save, name="posting_save"),
    path("saved/", views.saved, name="saved"),
    path("postings/refresh/", views.refresh, name="refresh"),
    path("matches/", matching.matches, name="matches"),
    path("matches/profile/", matching.match_profile, name="match_profile"),
    path("matches/status/", matching.match_status, name="match_status"),
    *generate_views.urlpatterns,
    *insights_views.urlpatterns,
]
