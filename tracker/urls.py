from tracker.views import applications, calendar, csv_io, dashboard, interviews, preferences, reminders

app_name = "tracker"
urlpatterns = [
    *dashboard.urlpatterns,
    *applications.urlpatterns,
    *interviews.urlpatterns,
    *reminders.urlpatterns,
    *calendar.urlpatterns,
    *preferences.urlpatterns,
    *csv_io.urlpatterns,
]
