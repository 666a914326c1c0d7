"""Admin for the field network: collection points and staff (the administrator's view; pages and the API go
through the services)."""

from django.contrib import admin

from ansinh.network.models import CollectionPoint, Staff


class _Audited(admin.ModelAdmin):
    """Sets who created and who last changed a row."""

    readonly_fields = ("created_at", "created_by", "changed_at", "changed_by")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CollectionPoint)
class CollectionPointAdmin(_Audited):
    """Post offices, agents, BHXH offices and communes that collect."""

    list_display = ("code", "name", "kind", "unit", "phone", "valid_from", "valid_until")
    list_filter = ("kind", "unit__era", "valid_until")
    search_fields = ("code", "name")
    raw_id_fields = ("unit", "communes")
    date_hierarchy = "valid_from"


@admin.register(Staff)
class StaffAdmin(_Audited):
    """People who recruit and collect: BHXH officers, post-office staff, agents, commune officials, volunteers."""

    list_display = ("code", "full_name", "organisation", "unit", "collection_point", "user", "valid_from",
                    "valid_until")
    list_filter = ("organisation", "unit__era", "valid_until")
    search_fields = ("code", "full_name", "phone")
    raw_id_fields = ("unit", "collection_point", "user", "communes")
    date_hierarchy = "valid_from"
