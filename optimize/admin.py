from django.contrib import admin

from optimize.models import AICall, Optimization, OptimizedVersion, Suggestion


class SuggestionInline(admin.TabularInline):
    model = Suggestion
    extra = 0
    fields = ("position", "kind", "path", "before", "after", "status")
    readonly_fields = fields
    can_delete = False


@admin.register(Optimization)
class OptimizationAdmin(admin.ModelAdmin):
    list_display = ("job_title", "user", "strategy", "status", "score", "provider", "guard_dropped", "created_at")
    list_filter = ("status", "strategy", "provider")
    search_fields = ("job_title", "job_company", "user__email")
    raw_id_fields = ("user", "resume", "job_description", "posting")
    readonly_fields = ("created_at", "updated_at", "started_at", "finished_at", "duration_ms", "attempts")
    inlines = [SuggestionInline]
    actions = ["requeue"]

    @admin.action(description="Queue the selected runs again")
    def requeue(self, request, queryset):
        from optimize.actors import run_optimization

        ids = list(queryset.exclude(status=Optimization.Status.COMPLETED).values_list("id", flat=True))
        queryset.filter(id__in=ids).update(status=Optimization.Status.QUEUED, error_code="", error_message="")
        for optimization_id in ids:
            run_optimization.send(str(optimization_id))
        self.message_user(request, f"{len(ids)} run(s) queued.")


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("optimization", "position", "kind", "path", "status", "user")
    list_filter = ("kind", "status")
    search_fields = ("user__email", "path")
    raw_id_fields = ("user", "optimization")


@admin.register(OptimizedVersion)
class OptimizedVersionAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "score_before", "score", "created_at")
    search_fields = ("name", "user__email")
    raw_id_fields = ("user", "resume", "optimization")


@admin.register(AICall)
class AICallAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "provider",
        "model_name",
        "operation",
        "outcome",
        "input_tokens",
        "output_tokens",
        "latency_ms",
    )
    list_filter = ("provider", "outcome", "operation")
    raw_id_fields = ("user", "optimization")
    readonly_fields = [f.name for f in AICall._meta.fields]

    def has_add_permission(self, request):
        return False
