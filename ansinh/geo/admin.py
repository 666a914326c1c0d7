"""Admin for units, crosswalk and statistics."""

from django.contrib import admin

from ansinh.geo.models import Unit, UnitStatistic, UnitSuccession


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Units are reference data loaded by `ansinh load-units`; read them here."""

    list_display = ("code", "name", "level", "era", "parent")
    list_filter = ("era", "level")
    search_fields = ("code", "name", "search_text")
    readonly_fields = [f.name for f in Unit._meta.fields]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    """Crosswalk old → new."""

    list_display = ("old", "new", "partly", "is_default")
    list_filter = ("partly",)
    raw_id_fields = ("old", "new")


@admin.register(UnitStatistic)
class UnitStatisticAdmin(admin.ModelAdmin):
    """Population and labour-force figures."""

    list_display = ("unit", "indicator", "year", "value", "changed_by")
    list_filter = ("indicator", "year")
    raw_id_fields = ("unit",)
