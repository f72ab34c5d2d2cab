"""The tracker in the admin: staff look things up and fix them; history and computed rows stay read-only."""

from django.contrib import admin, messages
from django.utils import timezone

from careeragent.admin import URL_FORMFIELDS
from tracker.models import (
    AnalyticsSnapshot,
    Application,
    CalendarFeed,
    Contact,
    CsvImport,
    Interview,
    Note,
    Reminder,
    StatusChange,
)


class OwnedInlineMixin:
    """Inline rows belong to the application's user; the admin never asks for it."""

    exclude = ("user",)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ("changed_at", "from_status", "to_status", "note")
    readonly_fields = fields
    can_delete = False
    ordering = ("changed_at",)

    def has_add_permission(self, request, obj=None):
        return False


class NoteInline(OwnedInlineMixin, admin.StackedInline):
    model = Note
    extra = 0


class ContactInline(OwnedInlineMixin, admin.TabularInline):
    formfield_overrides = URL_FORMFIELDS
    model = Contact
    extra = 0
    fields = ("name", "role", "email", "phone", "linkedin_url")


class InterviewInline(OwnedInlineMixin, admin.TabularInline):
    model = Interview
    extra = 0
    fields = ("kind", "starts_at", "timezone", "duration_minutes", "outcome")
    show_change_link = True


class ReminderInline(OwnedInlineMixin, admin.TabularInline):
    model = Reminder
    extra = 0
    fields = ("kind", "title", "due_on", "snoozed_until", "done_at")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELDS
    list_display = ("company", "role", "user", "status", "applied_on", "priority_score", "status_changed_at")
    list_filter = ("status", "source", "workplace", "closing_reason", "priority")
    search_fields = ("company", "role", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user", "posting", "job_description", "resume", "resume_version")
    date_hierarchy = "created_at"
    readonly_fields = (
        "id",
        "created_at",
        "updated_at",
        "status",
        "status_changed_at",
        "first_response_at",
        "closed_at",
        "priority_score",
    )
    inlines = [StatusChangeInline, NoteInline, ContactInline, InterviewInline, ReminderInline]
    actions = ["recompute_priority"]

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance.user_id = form.instance.user_id
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    @admin.action(description="Recompute the priority score")
    def recompute_priority(self, request, queryset):
        from tracker.services import refresh_priority

        count = 0
        for application in queryset.select_related("user"):
            refresh_priority(application)
            count += 1
        self.message_user(request, f"Recomputed {count} priority score(s).", messages.SUCCESS)


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ("application", "from_status", "to_status", "changed_at", "user")
    list_filter = ("to_status", "from_status")
    search_fields = ("application__company", "application__role", "user__email")
    list_select_related = ("application", "user")
    raw_id_fields = ("user", "application")

    # History is written by tracker.services.change_status only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "application", "user", "created_at")
    search_fields = ("text", "application__company", "user__email")
    list_select_related = ("application", "user")
    raw_id_fields = ("user", "application")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELDS
    list_display = ("name", "role", "email", "application", "user")
    search_fields = ("name", "email", "application__company", "user__email")
    list_select_related = ("application", "user")
    raw_id_fields = ("user", "application")


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FORMFIELDS
    list_display = ("application", "kind", "starts_at", "timezone", "outcome", "user")
    list_filter = ("kind", "outcome", "starts_at")
    search_fields = ("application__company", "application__role", "interviewers", "user__email")
    list_select_related = ("application", "user")
    raw_id_fields = ("user", "application")
    date_hierarchy = "starts_at"
    readonly_fields = ("sequence", "created_at", "updated_at")


class DoneFilter(admin.SimpleListFilter):
    title = "done"
    parameter_name = "done"

    def lookups(self, request, model_admin):
        return (("no", "Pending"), ("yes", "Done"))

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(done_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(done_at__isnull=False)
        return queryset


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "due_on", "snoozed_until", "done_at", "application", "user")
    list_filter = (DoneFilter, "kind", "due_on")
    search_fields = ("title", "application__company", "user__email")
    list_select_related = ("application", "user")
    raw_id_fields = ("user", "application")
    actions = ["mark_done"]

    @admin.action(description="Mark the selected reminders done")
    def mark_done(self, request, queryset):
        count = queryset.filter(done_at__isnull=True).update(done_at=timezone.now(), updated_at=timezone.now())
        self.message_user(request, f"Marked {count} reminder(s) done.", messages.SUCCESS)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "token_hint", "created_at", "last_fetched_at")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    # The token is a secret address: staff see its first characters only and cannot set it.
    fields = ("user", "token_hint", "created_at", "last_fetched_at")
    readonly_fields = ("user", "token_hint", "created_at", "last_fetched_at")
    actions = ["revoke"]

    @admin.display(description="Token")
    def token_hint(self, obj) -> str:
        return f"{obj.token[:4]}\u2026" if obj.token else ""

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected feeds (their addresses stop working)")
    def revoke(self, request, queryset):
        count, _ = queryset.delete()
        self.message_user(request, f"Revoked {count} calendar feed(s).", messages.SUCCESS)


@admin.register(AnalyticsSnapshot)
class AnalyticsSnapshotAdmin(admin.ModelAdmin):
    list_display = ("week_start", "user", "applications", "responses", "interviews", "offers")
    list_filter = ("week_start",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    date_hierarchy = "week_start"

    # Written by snapshot_analytics; staff only look.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CsvImport)
class CsvImportAdmin(admin.ModelAdmin):
    list_display = ("original_filename", "user", "status", "created_count", "skipped_count", "created_at")
    list_filter = ("status",)
    search_fields = ("original_filename", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("row_count", "rows", "mapping", "skipped", "created_count", "created_at", "updated_at")

    def get_queryset(self, request):
        # The decoded rows can be megabytes: the changelist does not need them.
        return super().get_queryset(request).defer("rows")

    @admin.display(description="Rows")
    def row_count(self, obj) -> int:
        return max(len(obj.rows or []) - 1, 0)

    @admin.display(description="Skipped")
    def skipped_count(self, obj) -> int:
        return sum(1 for entry in obj.skipped or [] if not entry.get("imported"))
