"""Admin for the field network: collection points and staff."""

from django.contrib import admin

from ansinh.network.models import CollectionPoint, Staff


@admin.register(CollectionPoint)
class CollectionPointAdmin(admin.ModelAdmin):
    """Post offices, agents, BHXH offices and communes that collect."""

    list_display = ("code", "name", "kind", "unit", "phone")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("unit",)


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    """People who recruit and collect."""

    list_display = ("code", "full_name", "organisation", "unit", "collection_point", "user")
    list_filter = ("organisation",)
    search_fields = ("code", "full_name")
    raw_id_fields = ("unit", "collection_point", "user")
