from django.contrib import admin, messages

from careeragent.admin import URL_FORMFIELDS
from careeragent.tasks import enqueue_on_commit
from jobs.models import (
    CoverLetter,
    JobDescription,
    JobPosting,
    JobSource,
    Match,
    MatchProfile,
    SavedJob,
    ScrapeRun,
)


@admin.register(JobDescription)
class JobDescriptionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELDS
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


@admin.register(JobSource)
class JobSourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELDS
    list_display = ("name", "kind", "enabled", "schedule", "last_run_at", "created_at")
    list_filter = ("kind", "enabled", "schedule")
    search_fields = ("name",)
    readonly_fields = ("id", "last_run_at", "created_at", "updated_at")
    actions = ["scrape_now"]

    @admin.action(description="Scrape the selected sources now")
    def scrape_now(self, request, queryset):
        from jobs.actors import scrape_source_actor

        count = 0
        for source in queryset:
            enqueue_on_commit(scrape_source_actor, str(source.pk))
            count += 1
        self.message_user(request, f"Queued {count} source(s) to be scraped.", messages.SUCCESS)


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELDS
    list_display = ("title", "company", "location", "workplace", "source", "posted_at", "last_seen_at", "closed_at")
    list_filter = ("source", "workplace", ("closed_at", admin.EmptyFieldListFilter), "employment_type")
    search_fields = ("title", "company")
    list_select_related = ("source",)
    raw_id_fields = ("duplicate_of",)
    date_hierarchy = "posted_at"
    readonly_fields = (
        "id",
        "source",
        "external_id",
        "apply_url",
        "url",
        "skills",
        "analysis",
        "match_features",
        "content_hash",
        "first_seen_at",
        "last_seen_at",
        "canonical_url",
        "ctl_key",
        "description_fingerprint",
        "created_at",
        "updated_at",
    )


@admin.register(ScrapeRun)
class ScrapeRunAdmin(admin.ModelAdmin):
    list_display = ("source", "started_at", "status", "found", "new", "updated", "closed", "failed", "duration_ms")
    list_filter = ("status", "source", "started_at")
    list_select_related = ("source",)
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SavedJob)
class SavedJobAdmin(admin.ModelAdmin):
    list_display = ("posting", "user", "created_at")
    search_fields = ("posting__title", "posting__company", "user__email")
    list_select_related = ("posting", "user")
    raw_id_fields = ("user", "posting")
    readonly_fields = ("id", "created_at", "updated_at")


@admin.register(MatchProfile)
class MatchProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "resume", "seniority", "threshold", "version", "scored_version", "scored_at")
    search_fields = ("user__email",)
    list_select_related = ("user", "resume")
    raw_id_fields = ("user", "resume")
    readonly_fields = ("id", "skills", "version", "scored_version", "scored_at", "created_at", "updated_at")


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("posting", "user", "score", "profile_version", "updated_at")
    search_fields = ("posting__title", "posting__company", "user__email")
    list_select_related = ("posting", "user")
    raw_id_fields = ("user", "posting")
    readonly_fields = ("id", "created_at", "updated_at")


# Cover letters (jobs.generate); imported here so this block stays self-contained.


@admin.register(CoverLetter)
class CoverLetterAdmin(admin.ModelAdmin):
    list_display = ("job_title", "job_company", "user", "status", "provider", "guard_dropped", "edited", "created_at")
    list_filter = ("status", "provider", "edited")
    search_fields = ("job_title", "job_company", "user__email")
    raw_id_fields = ("user", "posting", "job_description", "resume", "resume_version")
    readonly_fields = ("cache_key", "content", "highlights", "questions", "started_at", "finished_at", "duration_ms")
