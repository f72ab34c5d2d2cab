from django.contrib import admin, messages

from resumes import services
from resumes.models import ExportArtifact, Resume


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "user",
        "file_ext",
        "parse_status",
        "parse_error_code",
        "parse_ms",
        "created_at",
        "deleted_at",
    ]
    list_filter = [
        "parse_status",
        "file_ext",
        "parse_error_code",
        "created_at",
        ("deleted_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "original_filename", "user__email", "id", "file_sha256"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "id",
        "file",
        "file_size",
        "file_sha256",
        "parse_attempts",
        "parse_started_at",
        "parsed_at",
        "parse_ms",
        "page_count",
        "schema_version",
        "created_at",
        "updated_at",
    ]
    actions = ["reparse"]

    @admin.action(description="Read the selected resumes again")
    def reparse(self, request, queryset):
        count = 0
        for resume in queryset.filter(deleted_at__isnull=True):
            services.resume_reparse(resume=resume)
            count += 1
        self.message_user(request, f"Queued {count} resume(s) to be read again.", messages.SUCCESS)


@admin.register(ExportArtifact)
class ExportArtifactAdmin(admin.ModelAdmin):
    list_display = ("source_label", "user", "format", "template", "status", "render_ms", "created_at", "expires_at")
    list_filter = ("format", "status", "template")
    search_fields = ("source_label", "user__email")
    raw_id_fields = ("user", "resume", "version")
    exclude = ("sections",)
    readonly_fields = ("fidelity", "file", "file_size", "render_ms", "started_at", "error_code", "error_message")
