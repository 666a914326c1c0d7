"""Admin for officer-added parameter rows: read only (rows are added through the parameter page or API, logged)."""

from django.contrib import admin

from ansinh.calc.models import LocalTopUpRow, ParameterRow


class _ReadOnly(admin.ModelAdmin):
    """Rows are append-only and every addition is logged by the service, so the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ParameterRow)
class ParameterRowAdmin(_ReadOnly):
    """Dated parameter values added by administrators."""

    list_display = ("name", "key", "value", "valid_from", "valid_until", "legal_ref", "status", "created_by",
                    "created_at")
    list_filter = ("name", "status")


@admin.register(LocalTopUpRow)
class LocalTopUpRowAdmin(_ReadOnly):
    """Provincial top-ups added by administrators."""

    list_display = ("province", "scheme", "group", "percent", "base", "valid_from", "valid_until", "legal_ref",
                    "status", "created_by", "created_at")
    list_filter = ("province", "scheme", "status")
