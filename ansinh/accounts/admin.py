"""Admin for users: role and area."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ansinh.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users with their role and area."""

    list_display = ("username", "get_full_name", "role", "scope_unit", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("scope_unit",)
    fieldsets = BaseUserAdmin.fieldsets + (("Vai trò và địa bàn", {"fields": ("role", "scope_unit",
                                                                             "phone", "staff_code")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Vai trò và địa bàn", {"fields": ("role", "scope_unit")}),)
