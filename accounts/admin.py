from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import DataExport, Profile, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name", "profile__full_name"]
    readonly_fields = ["id", "date_joined", "last_login"]
    inlines = [ProfileInline]
    fieldsets = (
        (None, {"fields": ("id", "email", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name", "headline", "location", "updated_at"]
    search_fields = ["user__email", "full_name", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "status", "size", "created_at", "finished_at", "expires_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["user__email", "id"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "updated_at", "started_at", "finished_at"]
