from django.contrib import admin

from jobs.models import JobDescription


@admin.register(JobDescription)
class JobDescriptionAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "location", "workplace", "skills_count", "source", "user", "created_at")
    list_filter = ("source", "workplace", "analysis_version", "created_at")
    search_fields = ("title", "company", "location", "source_url", "original_filename", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "id",
        "created_at",
        "updated_at",
        "source",
        "source_url",
        "original_filename",
        "file",
        "source_data",
        "analysis",
        "analysis_version",
        "analysed_at",
        "workplace",
        "skills_count",
    )
